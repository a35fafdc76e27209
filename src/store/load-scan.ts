import type { DuckDBConnection } from '@duckdb/node-api';
import { open } from 'node:fs/promises';
import {
  ROW_WIDTH,
  type CsvScanExtract,
  type JsonScanExtract,
  type ParquetScanExtract,
  type ScanTarget,
} from '../model/extract.ts';
import { InputError } from '../model/input-error.ts';
import type { Problem } from '../model/problem.ts';
import { TABLES } from '../model/tables.ts';
import { EARLIEST, latestPeriod, PERIODS } from './check-ranges.ts';
import { periodOutOfRangeSql, scanPeriodProblems } from './check-scan-periods.ts';
import { badValueSql, problemFor } from './check-sql.ts';
import { MAX_LINE_BYTES } from './digest-file.ts';
import { ident, literal } from './sql-text.ts';

const MAX_REPORTED = 100;

/** A select expression that is a constant: a quoted text, a number or NULL. */
const CONSTANT = /^\s*(?:'(?:[^']|'')*'|-?[0-9.]+|NULL)\s*$/i;

type ScanExtract = CsvScanExtract | ParquetScanExtract | JsonScanExtract;

export interface ScanLoad {
  /** Rows inserted per table. */
  rows: Map<string, number>;
  /** The extract's tallies that counted anything. */
  notes: string[];
}

/**
 * Stages a CSV, Parquet or JSON file as text with DuckDB's own reader, checks every value in
 * one pass, then inserts typed rows, each table's in its `clusterBy` order. Runs inside the
 * caller's transaction; any problem throws and the caller rolls back.
 */
export async function loadScan(
  conn: DuckDBConnection,
  x: ScanExtract,
  sourceFileId: number,
  /** When the file was written: no period in it may be later (check-scan-periods.ts). */
  fileDate?: Date,
): Promise<ScanLoad> {
  const stage = 'frontera_stage';
  await conn.run(`DROP TABLE IF EXISTS ${stage}; DROP TABLE IF EXISTS frontera_rejects;
    DROP TABLE IF EXISTS frontera_reject_scans;`);
  // Every check is evaluated once, inside DuckDB's parallel reader pipeline, into one flag;
  // the details of a bad row are worked out afterwards, for the few rows flagged.
  const anyBad = x.checks.length
    ? x.checks.map((c) => `(${badValueSql(c)})`).join(' OR ')
    : 'false';
  // The readers' tallies are computed in the same pass, as small integer columns, so the
  // summary below never reads the staged text again.
  const tallies = x.tallies ?? [];
  const tallyCols = tallies.map((t, i) => `, CAST(${t.count} AS BIGINT) AS frontera_tally${i}`);
  try {
    await conn.run(
      `CREATE TEMP TABLE ${stage} AS SELECT ${usedColumns(x)}, coalesce(${anyBad}, false) AS frontera_bad${tallyCols.join('')} FROM ${reader(x)}`,
    );
  } catch (e) {
    if (x.kind === 'json-scan') throw await jsonProblem(x, e as Error);
    throw e;
  }
  // The API's header row is staged with the data (the reader cannot skip it); row ids are
  // not renumbered, so the first data row stays the first and is the file's line 2.
  if (x.kind === 'json-scan' && x.layout === 'arrays') {
    // The row id as a constant: DuckDB then deletes by position instead of joining the whole
    // stage with a subquery (half a second on a million rows).
    const first = await conn.runAndReadAll(`SELECT min(rowid) FROM ${stage}`);
    const rid = first.getRowsJS()[0]?.[0];
    if (rid != null) await conn.run(`DELETE FROM ${stage} WHERE rowid = ${String(rid)}`);
  }

  if (x.kind === 'csv-scan') {
    const problems = await rejectedLines(conn, x);
    if (problems.length > 0) throw new InputError(problems.slice(0, MAX_REPORTED), problems.length);
  }

  // One pass over small columns: how many rows, how many flagged, the tallies for the notes.
  const summary = await conn.runAndReadAll(
    `SELECT count(*)::BIGINT, count(*) FILTER (WHERE frontera_bad)::BIGINT${tallies.map((_t, i) => `, coalesce(sum(frontera_tally${i}), 0)::BIGINT`).join('')} FROM ${stage}`,
  );
  const [count, flagged, ...rest] = (summary.getRowsJS()[0] ?? []).map((v) => Number(v ?? 0));
  if (flagged) {
    const valueProblems = await checkValues(conn, x, stage);
    if (valueProblems.total > 0) throw new InputError(valueProblems.list, valueProblems.total);
  }
  if (!count) {
    throw new InputError([
      { code: 'empty-file', file: x.path, message: 'the file has no data rows' },
    ]);
  }
  // Periods out of range (never before 1900, never after the file was written): a target
  // whose rows go in as they are is checked after its insert, on the typed column's min and
  // max (the transaction is rolled back on a problem); one that drops repeats (DISTINCT ON)
  // before, on every staged row, as a dropped row may be the bad one.
  const periodCheck = async (target: ScanTarget) => {
    if (!fileDate) return;
    const p = await scanPeriodProblems(conn, stage, target, x.path, firstLineOf(x), fileDate);
    if (p.total > 0) throw new InputError(p.list, p.total);
  };
  for (const target of x.targets) {
    if (!fileDate || !target.distinctOn) continue;
    const r = await conn.runAndReadAll(
      `SELECT count(*) FROM ${stage} WHERE ${periodOutOfRangeSql(target, fileDate)}`,
    );
    if (Number(r.getRowsJS()[0]?.[0] ?? 0) > 0) await periodCheck(target);
  }
  const notes: string[] = [];
  tallies.forEach((t, i) => {
    const n = rest[i] ?? 0;
    if (n > 0) notes.push(t.note.replace('{n}', n.toLocaleString('en-US')));
  });

  const inserted = new Map<string, number>();
  for (const target of x.targets) {
    const n = await insertTarget(conn, target, stage, sourceFileId);
    inserted.set(target.table, (inserted.get(target.table) ?? 0) + n);
  }
  if (fileDate) {
    for (const table of new Set(x.targets.filter((t) => !t.distinctOn).map((t) => t.table))) {
      if (!(await storedPeriodsOutOfRange(conn, table, sourceFileId, fileDate))) continue;
      for (const target of x.targets) if (target.table === table) await periodCheck(target);
    }
  }
  await conn.run(`DROP TABLE ${stage}`);
  return { rows: inserted, notes };
}

/** The line (CSV), row (Parquet, from 1) or array element (JSON) of the first staged row. */
function firstLineOf(x: ScanExtract): number {
  if (x.kind === 'csv-scan') return 2 + x.skipLines;
  if (x.kind === 'json-scan' && x.layout === 'arrays') return 2;
  return 1;
}

/**
 * DuckDB's JSON reader stops at the first structural fault and names the array element; a
 * document that does not end with its closing bracket was cut short.
 */
async function jsonProblem(x: JsonScanExtract, e: Error): Promise<Error> {
  const message = e.message.split('\n')[0] ?? '';
  if (!/JSON/i.test(message)) return e;
  const element = /record\/value (\d+)/.exec(message)?.[1];
  const f = await open(x.path);
  let tail = '';
  try {
    const { size } = await f.stat();
    const buf = Buffer.alloc(Math.min(size, 64));
    await f.read(buf, 0, buf.length, size - buf.length);
    tail = buf.toString('latin1').trimEnd();
  } finally {
    await f.close();
  }
  const cut = !tail.endsWith(']');
  return new InputError([
    {
      code: cut ? 'truncated' : 'bad-structure',
      file: x.path,
      line: element === undefined ? undefined : Number(element),
      message: cut
        ? `the JSON ends early (truncated?): ${message.replace(/^[^:]*Error: /, '')}`
        : `not the expected JSON layout (${x.layout === 'arrays' ? 'an array of arrays with a header row first' : 'an array of objects'}): ${message.replace(/^[^:]*Error: /, '')}`,
    },
  ]);
}

/**
 * Only the columns a check or a target uses are staged; DuckDB then never materialises the
 * others (the Border Crossing file's long WKT "Point" text, for one).
 */
function usedColumns(x: ScanExtract): string {
  const all = x.kind === 'csv-scan' ? x.header : x.columns;
  const text = [
    ...x.targets.flatMap((t) => [...Object.values(t.select), t.where ?? '']),
    ...(x.tallies ?? []).map((t) => t.count),
    ...x.checks.map((c) => ident(c.column)),
  ].join(' ');
  const used = all.filter((h) => text.includes(ident(h)));
  // A JSON row's width is staged beside its values, for the check that it has them all.
  if (x.kind === 'json-scan' && x.layout === 'arrays') used.push(ROW_WIDTH);
  return (used.length > 0 ? used : all).map(ident).join(', ');
}

function reader(x: ScanExtract): string {
  if (x.kind === 'json-scan') {
    if (x.layout === 'objects') {
      const columns = x.columns.map((c) => `${literal(c)}: 'VARCHAR'`).join(', ');
      return `read_json(${literal(x.path)}, format = 'array', records = true, columns = {${columns}})`;
    }
    // Each element as a list of text (numbers and nulls as the API might send them).
    const cols = x.columns.map((c, i) => `frontera_json[${i + 1}] AS ${ident(c)}`);
    return `(SELECT ${cols.join(', ')}, CAST(len(frontera_json) AS VARCHAR) AS ${ident(ROW_WIDTH)}
      FROM read_json(${literal(x.path)}, format = 'array', records = false,
                     columns = {'frontera_json': 'VARCHAR[]'}))`;
  }
  if (x.kind === 'parquet-scan') {
    const cols = x.columns.map((c) => `CAST(${ident(c)} AS VARCHAR) AS ${ident(c)}`).join(', ');
    return `(SELECT ${cols} FROM read_parquet(${literal(x.path)}))`;
  }
  const columns = x.header.map((h) => `${literal(h)}: 'VARCHAR'`).join(', ');
  return `read_csv(${literal(x.path)},
    header = true, auto_detect = false, delim = ${literal(x.delimiter)}, quote = '"', escape = '"',
    skip = ${x.skipLines}, compression = ${literal(x.compression)}, columns = {${columns}},
    max_line_size = ${2 * MAX_LINE_BYTES},
    store_rejects = true, rejects_table = 'frontera_rejects', rejects_scan = 'frontera_reject_scans')`;
}

async function rejectedLines(conn: DuckDBConnection, x: CsvScanExtract): Promise<Problem[]> {
  const r = await conn.runAndReadAll(
    `SELECT line::BIGINT, column_name, error_type, csv_line, error_message FROM frontera_rejects ORDER BY line`,
  );
  return r.getRowsJS().map(([line, column, type, csvLine, message]) => {
    // A quote never closed runs to the end of the file: the file was cut inside a field.
    const cut = x.unclosedQuote === 'truncated' && /unterminated quote/i.test(String(message));
    return {
      code: cut ? 'truncated' : String(type).includes('COLUMNS') ? 'column-count' : 'bad-structure',
      file: x.path,
      line: Number(line),
      column: column == null ? undefined : String(column),
      value: String(csvLine ?? '').slice(0, 200),
      message: cut
        ? 'a quoted field is never closed: the file ends early (truncated?)'
        : String(type) === 'TOO FEW COLUMNS' || String(type) === 'TOO MANY COLUMNS'
          ? `${String(type).toLowerCase()}: expected ${x.header.length} columns (${x.header.join(',')})`
          : (String(message).split('\n')[0] ?? 'unreadable line'),
    };
  });
}

async function checkValues(
  conn: DuckDBConnection,
  x: ScanExtract,
  stage: string,
): Promise<{ list: Problem[]; total: number }> {
  if (x.checks.length === 0) return { list: [], total: 0 };
  const flags = x.checks.map((c, i) => `(${badValueSql(c)}) AS bad${i}`).join(', ');
  const any = x.checks.map((_c, i) => `bad${i}`).join(' OR ');
  const cols = [...new Set(x.checks.map((c) => ident(c.column)))].join(', ');
  // CSV: line in the file (header is line 1); Parquet: row number, from 1; JSON: element.
  const firstLine = firstLineOf(x);
  const counted = await conn.runAndReadAll(`SELECT count(*) FROM ${stage} WHERE frontera_bad`);
  if (Number(counted.getRowsJS()[0]?.[0] ?? 0) === 0) return { list: [], total: 0 };
  const r = await conn.runAndReadAll(`
    WITH flagged AS (
      -- Rows staged inside a transaction get row ids from a high base, in file order.
      SELECT rowid - (SELECT min(rowid) FROM ${stage}) AS rid, ${cols}, ${flags} FROM ${stage}
      WHERE frontera_bad)
    SELECT *, count(*) OVER () AS total FROM flagged WHERE ${any} ORDER BY rid LIMIT ${MAX_REPORTED}`);
  const rows = r.getRowObjectsJS();
  const list: Problem[] = [];
  for (const row of rows) {
    x.checks.forEach((c, i) => {
      if (row[`bad${i}`] !== true) return;
      const raw = row[c.column];
      list.push({
        ...problemFor(c.rule),
        file: x.path,
        line: Number(row.rid) + firstLine,
        column: c.column,
        value: raw == null ? '' : String(raw),
      });
    });
  }
  const total = rows.length === 0 ? 0 : Number(rows[0]?.total ?? 0);
  return { list, total: Math.max(total, list.length) };
}

async function insertTarget(
  conn: DuckDBConnection,
  t: ScanTarget,
  stage: string,
  sourceFileId: number,
): Promise<number> {
  const spec = TABLES[t.table];
  const cols = Object.keys(t.select);
  for (const c of cols) {
    if (!(c in spec.columns)) throw new Error(`source maps unknown column ${t.table}.${c}`);
  }
  const exprs = cols.map((c) => `CAST(${t.select[c]} AS ${spec.columns[c]}) AS ${c}`);
  const distinct = t.distinctOn ? `DISTINCT ON (${t.distinctOn.join(', ')})` : '';
  const where = t.where ? `WHERE ${t.where}` : '';
  // Sorted by the table's filter keys, then file order, so that the settling steps that read
  // row order (a conflict's tie) see the file's own order.
  // A key the target sets to a constant (the flow of a Census value variable) sorts nothing.
  const keys = (spec.clusterBy ?? []).filter((c) => !CONSTANT.test(t.select[c] ?? 'NULL'));
  const order =
    spec.clusterBy && !t.distinctOn ? `ORDER BY ${[...keys, 'frontera_ord'].join(', ')}` : '';
  const r = await conn.runAndReadAll(`
    INSERT INTO ${t.table}_all (source_file_id, ${cols.join(', ')})
    SELECT ${distinct} ${sourceFileId}, ${cols.join(', ')}
    FROM (SELECT ${exprs.join(', ')}, rowid AS frontera_ord FROM ${stage} ${where}) ${order}`);
  return Number(r.getRowsJS()[0]?.[0] ?? 0);
}

/**
 * Whether the rows this file put in `table` hold a period before 1900 or after the file was
 * written: the typed columns' min and max, as inserted (the same rule as
 * `periodOutOfRangeSql`, which tests every staged row).
 */
async function storedPeriodsOutOfRange(
  conn: DuckDBConnection,
  table: ScanTarget['table'],
  sourceFileId: number,
  fileDate: Date,
): Promise<boolean> {
  const columns = PERIODS[table] ?? [];
  if (columns.length === 0) return false;
  const latest = `${literal(latestPeriod(fileDate).slice(0, 19))}::TIMESTAMP`;
  const tests = columns.map(
    (c) =>
      `CAST(min(${ident(c)}) AS TIMESTAMP) < ${literal(EARLIEST)}::TIMESTAMP OR CAST(max(${ident(c)}) AS TIMESTAMP) > ${latest}`,
  );
  const r = await conn.runAndReadAll(
    `SELECT coalesce(${tests.join(' OR ')}, false) FROM ${table}_all WHERE source_file_id = ${sourceFileId}`,
  );
  return r.getRowsJS()[0]?.[0] === true;
}
