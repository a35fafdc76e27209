import type { DuckDBConnection } from '@duckdb/node-api';
import type { CsvScanExtract, ParquetScanExtract, ScanTarget } from '../model/extract.ts';
import { InputError } from '../model/input-error.ts';
import type { Problem } from '../model/problem.ts';
import { TABLES } from '../model/tables.ts';
import { scanPeriodProblems } from './check-scan-periods.ts';
import { badValueSql, problemFor } from './check-sql.ts';
import { MAX_LINE_BYTES } from './digest-file.ts';
import { ident, literal } from './sql-text.ts';

const MAX_REPORTED = 100;

type ScanExtract = CsvScanExtract | ParquetScanExtract;

/**
 * Stages a CSV or Parquet file as text with DuckDB's own reader, checks every value in one
 * pass, then inserts typed rows. Runs inside the caller's transaction; any problem throws and
 * the caller rolls back. Returns rows inserted per table.
 */
export async function loadScan(
  conn: DuckDBConnection,
  x: ScanExtract,
  sourceFileId: number,
  /** When the file was written: no period in it may be later (check-scan-periods.ts). */
  fileDate?: Date,
): Promise<Map<string, number>> {
  const stage = 'frontera_stage';
  await conn.run(`DROP TABLE IF EXISTS ${stage}; DROP TABLE IF EXISTS frontera_rejects;
    DROP TABLE IF EXISTS frontera_reject_scans;`);
  // Every check is evaluated once, inside DuckDB's parallel CSV pipeline, into one flag;
  // the details of a bad row are worked out afterwards, for the few rows flagged.
  const anyBad = x.checks.length
    ? x.checks.map((c) => `(${badValueSql(c)})`).join(' OR ')
    : 'false';
  await conn.run(
    `CREATE TEMP TABLE ${stage} AS SELECT ${usedColumns(x)}, coalesce(${anyBad}, false) AS frontera_bad FROM ${reader(x)}`,
  );

  if (x.kind === 'csv-scan') {
    const problems = await rejectedLines(conn, x);
    if (problems.length > 0) throw new InputError(problems.slice(0, MAX_REPORTED), problems.length);
  }

  const valueProblems = await checkValues(conn, x, stage);
  if (valueProblems.total > 0) throw new InputError(valueProblems.list, valueProblems.total);

  const counted = await conn.runAndReadAll(`SELECT count(*)::INTEGER FROM ${stage}`);
  if (Number(counted.getRowsJS()[0]?.[0] ?? 0) === 0) {
    throw new InputError([
      { code: 'empty-file', file: x.path, message: 'the file has no data rows' },
    ]);
  }

  if (fileDate) {
    const firstLine = x.kind === 'csv-scan' ? 2 + x.skipLines : 1;
    for (const target of x.targets) {
      const p = await scanPeriodProblems(conn, stage, target, x.path, firstLine, fileDate);
      if (p.total > 0) throw new InputError(p.list, p.total);
    }
  }

  const inserted = new Map<string, number>();
  for (const target of x.targets) {
    inserted.set(target.table, await insertTarget(conn, target, stage, sourceFileId));
  }
  await conn.run(`DROP TABLE ${stage}`);
  return inserted;
}

/**
 * Only the columns a check or a target uses are staged; DuckDB then never materialises the
 * others (the Border Crossing file's long WKT "Point" text, for one).
 */
function usedColumns(x: ScanExtract): string {
  const all = x.kind === 'csv-scan' ? x.header : x.columns;
  const text = [
    ...x.targets.flatMap((t) => [...Object.values(t.select), t.where ?? '']),
    ...x.checks.map((c) => ident(c.column)),
  ].join(' ');
  const used = all.filter((h) => text.includes(ident(h)));
  return (used.length > 0 ? used : all).map(ident).join(', ');
}

function reader(x: ScanExtract): string {
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
  return r.getRowsJS().map(([line, column, type, csvLine, message]) => ({
    code: String(type).includes('COLUMNS') ? 'column-count' : 'bad-structure',
    file: x.path,
    line: Number(line),
    column: column == null ? undefined : String(column),
    value: String(csvLine ?? '').slice(0, 200),
    message:
      String(type) === 'TOO FEW COLUMNS' || String(type) === 'TOO MANY COLUMNS'
        ? `${String(type).toLowerCase()}: expected ${x.header.length} columns (${x.header.join(',')})`
        : (String(message).split('\n')[0] ?? 'unreadable line'),
  }));
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
  // CSV: line in the file (header is line 1); Parquet: row number, from 1.
  const firstLine = x.kind === 'csv-scan' ? 2 + x.skipLines : 1;
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
  const r = await conn.runAndReadAll(`
    INSERT INTO ${t.table}_all (source_file_id, ${cols.join(', ')})
    SELECT ${distinct} ${sourceFileId}, ${cols.join(', ')} FROM (SELECT ${exprs.join(', ')} FROM ${stage} ${where})`);
  return Number(r.getRowsJS()[0]?.[0] ?? 0);
}
