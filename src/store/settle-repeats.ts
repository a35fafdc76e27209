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
  /** Tables whose rows were settled before they were written (`settleStaged`), with the count. */
  settled: ReadonlyMap<ModelTable, RepeatCount> = new Map(),
): Promise<{ counts: RepeatCount[]; notes: string[] }> {
  const counts: RepeatCount[] = [];
  for (const table of tables) {
    counts.push(settled.get(table) ?? (await settleTable(conn, sourceFileId, table)));
  }
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
  const h = `hash(${keyOf(table).map(ident).join(', ')})`;
  const rows: RowSource = {
    hashes: `(SELECT ${h} AS h FROM ${all} WHERE ${mine})`,
    rowsWith: (repeated) =>
      `(SELECT rowid AS rid, ${cols.join(', ')} FROM ${all} WHERE ${mine} AND ${h} IN ${repeated})`,
  };
  if (!(await gatherRepeats(conn, rows))) return count;
  const decided = await decideRepeats(conn, table, cols);
  if (decided.repeatedRows > 0) {
    await conn.run(
      `DELETE FROM ${all} WHERE ${mine} AND rowid IN (SELECT rid FROM frontera_repeat_drop)`,
    );
  }
  if (decided.conflicts > 0) {
    await conn.run(`UPDATE ${all} SET set_aside = 'conflict'
      WHERE rowid IN (SELECT rid FROM frontera_repeat_aside)`);
  }
  await dropDecision(conn);
  return { ...count, ...decided };
}

/**
 * The same rule applied to a file's rows before they are written (load-scan.ts), so that each
 * row is written once, already settled: DuckDB rewrites every row a transaction appended when
 * one of them is later deleted or updated (the Border Crossing file's ten repeats and one
 * conflict cost 0.3 s at commit). `rows` gives the typed rows, with `rid` ordering them as
 * they will be written.
 *
 * Returns undefined when nothing repeats; otherwise leaves `frontera_repeat_drop(rid)` (rows
 * not to write) and `frontera_repeat_aside(rid)` (rows to write as set aside) for the caller,
 * which calls `dropDecision` once it has written.
 */
export async function settleStaged(
  conn: DuckDBConnection,
  table: ModelTable,
  cols: readonly string[],
  rows: RowSource,
): Promise<Omit<RepeatCount, 'rows'> | undefined> {
  if (!(await gatherRepeats(conn, rows))) return undefined;
  return decideRepeats(conn, table, cols.map(ident));
}

/** The columns that identify a row of the table: its grain, or without one, all of them. */
export function keyOf(table: ModelTable): string[] {
  const spec = TABLES[table];
  return spec.grain ?? Object.keys(spec.columns);
}

/** Removes the temporary tables a decision left. */
export async function dropDecision(conn: DuckDBConnection): Promise<void> {
  await conn.run(`DROP TABLE IF EXISTS frontera_repeat; DROP TABLE IF EXISTS frontera_repeat_drop;
    DROP TABLE IF EXISTS frontera_repeat_aside; DROP TABLE IF EXISTS frontera_conflict;`);
}

/** Where a table's rows for one file are read from, for `gatherRepeats`. */
export interface RowSource {
  /** A query giving `h`, the hash of each row's key (the grain, or the whole row without one). */
  hashes: string;
  /** A query giving `rid` and the target's columns, of the rows whose `h` is in `repeated`. */
  rowsWith: (repeated: string) => string;
}

/**
 * Copies into `frontera_repeat` the rows whose key occurs more than once; false (and nothing
 * left behind) when there are none.
 */
async function gatherRepeats(conn: DuckDBConnection, rows: RowSource): Promise<boolean> {
  // Most files repeat nothing: the keys' hashes are grouped first (one 64-bit value, not the
  // key's columns), and the file's rows are read again only when some hash repeats. A hash
  // shared by two different keys only brings both rows into the exact steps below.
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE frontera_repeat_key AS
    SELECT h FROM ${rows.hashes} GROUP BY 1 HAVING count(*) > 1`);
  const keys = await conn.runAndReadAll(`SELECT count(*) FROM frontera_repeat_key`);
  if (Number(keys.getRowsJS()[0]?.[0] ?? 0) === 0) {
    await conn.run('DROP TABLE frontera_repeat_key');
    return false;
  }
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE frontera_repeat AS
    SELECT * FROM ${rows.rowsWith('(SELECT h FROM frontera_repeat_key)')};
    DROP TABLE frontera_repeat_key;`);
  const candidates = await conn.runAndReadAll(`SELECT count(*) FROM frontera_repeat`);
  if (Number(candidates.getRowsJS()[0]?.[0] ?? 0) === 0) {
    await conn.run('DROP TABLE frontera_repeat');
    return false;
  }
  return true;
}

/**
 * Over `frontera_repeat` (the candidate rows, `rid` in written order): the whole repeats after
 * the first go to `frontera_repeat_drop`; among the rows left with a repeated key, the largest
 * is counted and the others go to `frontera_repeat_aside`; the first few keys are described.
 */
async function decideRepeats(
  conn: DuckDBConnection,
  table: ModelTable,
  cols: readonly string[],
): Promise<Omit<RepeatCount, 'rows'>> {
  const spec = TABLES[table];
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE frontera_repeat_drop AS
    SELECT rid FROM (
      SELECT rid, row_number() OVER (PARTITION BY ${cols.join(', ')} ORDER BY rid) AS nth
      FROM frontera_repeat)
    WHERE nth > 1`);
  const dropped = await conn.runAndReadAll(`SELECT count(*) FROM frontera_repeat_drop`);
  const decided: Omit<RepeatCount, 'rows'> = {
    table,
    repeatedRows: Number(dropped.getRowsJS()[0]?.[0] ?? 0),
    conflicts: 0,
    conflictExamples: [],
  };
  await conn.run(`CREATE OR REPLACE TEMP TABLE frontera_repeat_aside (rid BIGINT)`);
  if (!spec.grain) return decided;
  const grain = spec.grain.map(ident);
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
      FROM frontera_repeat WHERE rid NOT IN (SELECT rid FROM frontera_repeat_drop))
    WHERE n > 1`);
  await conn.run(
    `INSERT INTO frontera_repeat_aside SELECT rid FROM frontera_conflict WHERE pick > 1`,
  );
  const described = await conn.runAndReadAll(`
    SELECT key, string_agg(value, ' / ' ORDER BY rid) AS stated,
           any_value(value) FILTER (WHERE pick = 1) AS kept, count(*) OVER () AS n
    FROM frontera_conflict GROUP BY key ORDER BY key LIMIT ${EXAMPLES}`);
  const found = described.getRowsJS();
  decided.conflicts = found.length === 0 ? 0 : Number(found[0]?.[3] ?? 0);
  const label = (spec.measures ?? ['values']).join(', ');
  decided.conflictExamples = found.map(
    ([k, stated, kept]) => `${String(k)}: ${label} ${String(stated)}, counted ${String(kept)}`,
  );
  return decided;
}
