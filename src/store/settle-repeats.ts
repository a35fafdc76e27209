import type { DuckDBConnection } from '@duckdb/node-api';
import { TABLES, type ModelTable } from '../model/tables.ts';
import { ident, literal } from './sql-text.ts';

/** How many conflicting keys a file's record and notes spell out; the count is always whole. */
const EXAMPLES = 20;

export interface RepeatCount {
  table: ModelTable;
  /** Rows of this file in the table, as the file states them (repeats included). */
  rows: number;
  /** Rows that repeat an earlier row of the same file whole: stored and counted once. */
  repeatedRows: number;
  /** Keys (`grain`) the file states more than once with different values. */
  conflicts: number;
  conflictExamples: string[];
}

/**
 * Publishers sometimes state one measurement twice in a file (BTS's Border Crossing file has
 * ten identical pairs in June 2019 and one pair that disagrees). Within one file:
 *
 * - a row repeated whole is the same statement made twice: only the first is kept;
 * - a key (the table's `grain`) stated with different values is a conflict. Every such row
 *   stays in `<table>_all`; the one with the largest figures (the table's `measures`, first
 *   first; file order breaks ties) is counted, the others are marked `set_aside = 'conflict'`.
 *   Largest, because the publishers leave cells unpublished rather than zero (BTS since about
 *   2016), and because the rule does not depend on row order.
 *
 * Runs inside the caller's transaction, records what it found in `source_file_table`, and
 * returns notes for the file's provenance.
 */
export async function settleRepeats(
  conn: DuckDBConnection,
  sourceFileId: number,
  tables: readonly ModelTable[],
): Promise<{ counts: RepeatCount[]; notes: string[] }> {
  const counts: RepeatCount[] = [];
  for (const table of tables) counts.push(await settleTable(conn, sourceFileId, table));
  for (const c of counts) {
    await conn.run(
      `INSERT OR REPLACE INTO source_file_table VALUES (${sourceFileId}, ${literal(c.table)},
       ${c.rows}, ${c.repeatedRows}, ${c.conflicts},
       [${c.conflictExamples.map(literal).join(', ')}]::VARCHAR[])`,
    );
  }
  return { counts, notes: counts.flatMap(describe) };
}

function describe(c: RepeatCount): string[] {
  const out: string[] = [];
  if (c.repeatedRows > 0) {
    out.push(
      `${c.table}: ${c.repeatedRows.toLocaleString('en-US')} rows repeated whole, counted once`,
    );
  }
  if (c.conflicts > 0) {
    const more = c.conflicts > c.conflictExamples.length ? '; …' : '';
    out.push(
      `${c.table}: ${c.conflicts.toLocaleString('en-US')} ${c.conflicts === 1 ? 'key' : 'keys'} stated twice with different values; the largest figure is counted, the others kept as set_aside = 'conflict' in ${c.table}_all (${c.conflictExamples.join('; ')}${more})`,
    );
  }
  return out;
}

async function settleTable(
  conn: DuckDBConnection,
  id: number,
  table: ModelTable,
): Promise<RepeatCount> {
  const spec = TABLES[table];
  const all = `${table}_all`;
  const cols = Object.keys(spec.columns).map(ident);
  const mine = `source_file_id = ${id}`;
  const counted = await conn.runAndReadAll(`SELECT count(*)::BIGINT FROM ${all} WHERE ${mine}`);
  const count: RepeatCount = {
    table,
    rows: Number(counted.getRowsJS()[0]?.[0] ?? 0),
    repeatedRows: 0,
    conflicts: 0,
    conflictExamples: [],
  };
  // Only rows whose key (or, without a grain, whole row) occurs more than once are looked at
  // further.
  const grain = (spec.grain ?? Object.keys(spec.columns)).map(ident);
  // Most files repeat nothing: the keys' hashes are grouped first (one 64-bit value, not the
  // key's columns), and the file's rows are read again only when some hash repeats. A hash
  // shared by two different keys only brings both rows into the exact steps below.
  const h = `hash(${grain.join(', ')})`;
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE frontera_repeat_key AS
    SELECT ${h} AS h FROM ${all} WHERE ${mine} GROUP BY 1 HAVING count(*) > 1`);
  const keys = await conn.runAndReadAll(`SELECT count(*) FROM frontera_repeat_key`);
  if (Number(keys.getRowsJS()[0]?.[0] ?? 0) === 0) {
    await conn.run('DROP TABLE frontera_repeat_key');
    return count;
  }
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE frontera_repeat AS
    SELECT rowid AS rid, * FROM ${all} t
    WHERE ${mine} AND ${h} IN (SELECT h FROM frontera_repeat_key);
    DROP TABLE frontera_repeat_key;`);
  const candidates = await conn.runAndReadAll(`SELECT count(*) FROM frontera_repeat`);
  if (Number(candidates.getRowsJS()[0]?.[0] ?? 0) === 0) {
    await conn.run('DROP TABLE frontera_repeat');
    return count;
  }
  const removed = await conn.run(`
    DELETE FROM ${all} WHERE ${mine} AND rowid IN (
      SELECT rid FROM (
        SELECT rid, row_number() OVER (PARTITION BY ${cols.join(', ')} ORDER BY rid) AS nth
        FROM frontera_repeat)
      WHERE nth > 1)`);
  count.repeatedRows = removed.rowsChanged;
  if (spec.grain) await settleConflicts(conn, table, count);
  await conn.run('DROP TABLE frontera_repeat');
  return count;
}

/**
 * Among the rows left with a repeated key (whole repeats already removed), the largest is
 * counted and the others set aside; the first few keys are described.
 */
async function settleConflicts(
  conn: DuckDBConnection,
  table: ModelTable,
  count: RepeatCount,
): Promise<void> {
  const spec = TABLES[table];
  const all = `${table}_all`;
  const grain = (spec.grain ?? []).map(ident);
  const measures = (spec.measures ?? []).map(ident);
  const order = [...measures.map((m) => `${m} DESC NULLS LAST`), 'rid'].join(', ');
  const shown = (spec.measures ?? Object.keys(spec.columns)).map(ident);
  const key = `concat_ws(', ', ${grain.map((g) => `${literal(g.replaceAll('"', ''))} || ' ' || coalesce(CAST(${g} AS VARCHAR), '(empty)')`).join(', ')})`;
  const value = `concat_ws(' ', ${shown.map((m) => `coalesce(CAST(${m} AS VARCHAR), '(empty)')`).join(', ')})`;
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE frontera_conflict AS
    SELECT * FROM (
      SELECT rid, ${key} AS key, ${value} AS value,
             row_number() OVER (PARTITION BY ${grain.join(', ')} ORDER BY ${order}) AS pick,
             count(*) OVER (PARTITION BY ${grain.join(', ')}) AS n
      FROM frontera_repeat WHERE rid IN (SELECT rowid FROM ${all}))
    WHERE n > 1`);
  await conn.run(`UPDATE ${all} SET set_aside = 'conflict'
    WHERE rowid IN (SELECT rid FROM frontera_conflict WHERE pick > 1)`);
  const described = await conn.runAndReadAll(`
    SELECT key, string_agg(value, ' / ' ORDER BY rid) AS stated,
           any_value(value) FILTER (WHERE pick = 1) AS kept, count(*) OVER () AS n
    FROM frontera_conflict GROUP BY key ORDER BY key LIMIT ${EXAMPLES}`);
  const found = described.getRowsJS();
  await conn.run('DROP TABLE frontera_conflict');
  count.conflicts = found.length === 0 ? 0 : Number(found[0]?.[3] ?? 0);
  const label = (spec.measures ?? ['values']).join(', ');
  count.conflictExamples = found.map(
    ([k, stated, kept]) => `${String(k)}: ${label} ${String(stated)}, counted ${String(kept)}`,
  );
}
