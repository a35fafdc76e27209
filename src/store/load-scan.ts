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
import { TABLES, type ModelTable } from '../model/tables.ts';
import { dropDecision, keyOf, settleStaged, type RepeatCount } from './settle-repeats.ts';
import { EARLIEST, latestPeriod, PERIODS } from './check-ranges.ts';
import { periodOutOfRangeSql, scanPeriodProblems } from './check-scan-periods.ts';
import { badValueSql, problemFor } from './check-sql.ts';
import { MAX_LINE_BYTES } from './digest-file.ts';
import { ident, literal } from './sql-text.ts';

const MAX_REPORTED = 100;

/** DuckDB's own default `max_line_size`: a file whose every line is shorter is read with it. */
const SHORT_LINE_LIMIT = 2_000_000;

export interface TextLines {
  /** Bytes of the longest line, without its break. */
  longestLine: number;
  /** Lines holding at least one byte (DuckDB skips empty ones). */
  filledLines: number;
}

/** A select expression that is a constant: a quoted text, a number or NULL. */
const CONSTANT = /^\s*(?:'(?:[^']|'')*'|-?[0-9.]+|NULL)\s*$/i;

type ScanExtract = CsvScanExtract | ParquetScanExtract | JsonScanExtract;

export interface ScanLoad {
  /** Rows inserted per table. */
  rows: Map<string, number>;
  /** The extract's tallies that counted anything. */
  notes: string[];
  /** Tables whose repeats were settled before writing, with what was found. */
  settled: Map<ModelTable, RepeatCount>;
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
  /** What reading the whole file found about its lines (digest-file.ts), for a text file. */
  text?: TextLines,
  /**
   * Tables no other target of the file writes: a `repeatsExpected` target into one of them has
   * its repeats settled before writing (`canSettleFirst`).
   */
  settleFirst: ReadonlySet<ModelTable> = new Set(),
): Promise<ScanLoad> {
  const stage = 'frontera_stage';
  // Every check is evaluated once, inside DuckDB's parallel reader pipeline, into one flag;
  // the details of a bad row are worked out afterwards, for the few rows flagged.
  const anyBad = x.checks.length
    ? x.checks.map((c) => `(${badValueSql(c)})`).join(' OR ')
    : 'false';
  // The readers' tallies are computed in the same pass, as small integer columns, so the
  // summary below never reads the staged text again.
  const tallies = x.tallies ?? [];
  const tallyCols = tallies.map((t, i) => `, CAST(${t.count} AS BIGINT) AS frontera_tally${i}`);
  const stageWith = async (lineLimit: number) => {
    await conn.run(`DROP TABLE IF EXISTS ${stage}; DROP TABLE IF EXISTS frontera_rejects;
      DROP TABLE IF EXISTS frontera_reject_scans;`);
    try {
      await conn.run(
        `CREATE TEMP TABLE ${stage} AS SELECT ${usedColumns(x)}, coalesce(${anyBad}, false) AS frontera_bad${tallyCols.join('')} FROM ${reader(x, lineLimit)}`,
      );
    } catch (e) {
      if (x.kind === 'json-scan') throw await jsonProblem(x, e as Error);
      throw e;
    }
  };
  // DuckDB sizes its read buffers from the line limit. With the limit every accepted line
  // needs (twice MAX_LINE_BYTES), a gzip file is parsed and checked in one buffer, on one
  // core: the Border Crossing file stages in 0.9 s instead of 0.5. So a file whose lines are
  // all short is read with DuckDB's default limit, and read again with the large one unless
  // every filled line came back as a row, nothing rejected: a quoted field spanning lines, or
  // a record over the default limit, is then read exactly as before.
  const short =
    x.kind === 'csv-scan' && text?.filledLines !== undefined && text.longestLine < SHORT_LINE_LIMIT;
  await stageWith(short ? SHORT_LINE_LIMIT : 2 * MAX_LINE_BYTES);
  if (short && !(await everyLineStaged(conn, x as CsvScanExtract, stage, text.filledLines!))) {
    await stageWith(2 * MAX_LINE_BYTES);
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
  const settled = new Map<ModelTable, RepeatCount>();
  for (const target of x.targets) {
    const { written, settled: count } = await insertTarget(
      conn,
      target,
      stage,
      sourceFileId,
      settleFirst.has(target.table) && canSettleFirst(target),
    );
    // Rows as the file states them: whole repeats are counted, though written once.
    const n = written + (count?.repeatedRows ?? 0);
    inserted.set(target.table, (inserted.get(target.table) ?? 0) + n);
    if (count) settled.set(target.table, count);
  }
  if (fileDate) {
    for (const table of new Set(x.targets.filter((t) => !t.distinctOn).map((t) => t.table))) {
      if (!(await storedPeriodsOutOfRange(conn, table, sourceFileId, fileDate))) continue;
      for (const target of x.targets) if (target.table === table) await periodCheck(target);
    }
  }
  await conn.run(`DROP TABLE ${stage}`);
  return { rows: inserted, notes, settled };
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

/**
 * Whether the staged rows account for every filled line of the file after the skipped ones and
 * the header, with nothing rejected: then no line was dropped or joined to another.
 */
async function everyLineStaged(
  conn: DuckDBConnection,
  x: CsvScanExtract,
  stage: string,
  filledLines: number,
): Promise<boolean> {
  const r = await conn.runAndReadAll(
    `SELECT (SELECT count(*) FROM ${stage}), (SELECT count(*) FROM frontera_rejects)`,
  );
  const [staged, rejected] = (r.getRowsJS()[0] ?? []).map((v) => Number(v ?? -1));
  return rejected === 0 && staged === filledLines - x.skipLines - 1;
}

function reader(x: ScanExtract, lineLimit: number): string {
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
    max_line_size = ${lineLimit},
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

/**
 * Writes a target's rows. With `settleFirst` (the file writes this table through this target
 * only), a key stated twice is settled before the rows are written (settle-repeats.ts), and
 * the count returned for the file's record.
 */
async function insertTarget(
  conn: DuckDBConnection,
  t: ScanTarget,
  stage: string,
  sourceFileId: number,
  settleFirst: boolean,
): Promise<{ written: number; settled?: RepeatCount }> {
  const spec = TABLES[t.table];
  const cols = Object.keys(t.select);
  for (const c of cols) {
    if (!(c in spec.columns)) throw new Error(`source maps unknown column ${t.table}.${c}`);
  }
  const exprs = cols.map((c) => `CAST(${t.select[c]} AS ${spec.columns[c]}) AS ${c}`);
  const where = t.where ? `WHERE ${t.where}` : '';
  if (t.distinctOn) {
    // One row per key: the file's first. A key that is staged text stored as text is grouped
    // as staged, so only the rows kept are cast (the Border Crossing file's 117 ports, not its
    // 400,000 rows).
    const on = t.distinctOn;
    const staged = on.every(
      (c) => /^"[^"]+"$/.test(t.select[c] ?? '') && spec.columns[c] === 'VARCHAR',
    );
    const keep = staged
      ? `WHERE rowid IN (SELECT min(rowid) FROM ${stage} ${where}
           GROUP BY ${on.map((c) => t.select[c]).join(', ')})`
      : where;
    const r = await conn.runAndReadAll(`
      INSERT INTO ${t.table}_all (source_file_id, ${cols.join(', ')})
      SELECT ${staged ? '' : `DISTINCT ON (${on.join(', ')})`} ${sourceFileId}, ${cols.join(', ')}
      FROM (SELECT ${exprs.join(', ')}, rowid AS frontera_ord FROM ${stage} ${keep})
      ORDER BY ${staged ? 'frontera_ord' : [...on, 'frontera_ord'].join(', ')}`);
    return { written: Number(r.getRowsJS()[0]?.[0] ?? 0) };
  }
  // Sorted by the table's filter keys, then file order, so that the settling steps that read
  // row order (a conflict's tie) see the file's own order.
  const order = spec.clusterBy ? `ORDER BY ${[...sortKeys(t), 'frontera_ord'].join(', ')}` : '';
  const typed = `(SELECT ${exprs.join(', ')}, rowid AS frontera_ord FROM ${stage} ${where})`;
  const insert = async (extra: { col: string; value: string; where: string }) => {
    const r = await conn.runAndReadAll(`
      INSERT INTO ${t.table}_all (source_file_id, ${cols.join(', ')}${extra.col})
      SELECT ${sourceFileId}, ${cols.join(', ')}${extra.value}
      FROM ${typed} ${extra.where} ${order}`);
    return Number(r.getRowsJS()[0]?.[0] ?? 0);
  };
  const plain = { col: '', value: '', where: '' };
  if (!settleFirst) return { written: await insert(plain) };
  // The file's rows are written in file order within each key (the sort keys are part of the
  // key), so file order is the written order the settling rule reads.
  // Each row's key, hashed once; only the few rows whose hash repeats are converted again.
  const key = keyOf(t.table).map((c) => `CAST(${t.select[c]} AS ${spec.columns[c]})`);
  await conn.run(`CREATE OR REPLACE TEMP TABLE frontera_key_hash AS
    SELECT rowid AS rid, hash(${key.join(', ')}) AS h FROM ${stage} ${where}`);
  const decided = await settleStaged(conn, t.table, cols, {
    hashes: 'frontera_key_hash',
    rowsWith: (repeated) => `(SELECT rowid AS rid, ${exprs.join(', ')} FROM ${stage}
      WHERE rowid IN (SELECT rid FROM frontera_key_hash WHERE h IN ${repeated}))`,
  });
  await conn.run('DROP TABLE frontera_key_hash');
  if (!decided) {
    const written = await insert(plain);
    return {
      written,
      settled: {
        table: t.table,
        rows: written,
        repeatedRows: 0,
        conflicts: 0,
        conflictExamples: [],
      },
    };
  }
  const written = await insert({
    col: ', set_aside',
    value: `, CASE WHEN frontera_ord IN (SELECT rid FROM frontera_repeat_aside) THEN 'conflict' END`,
    where: 'WHERE frontera_ord NOT IN (SELECT rid FROM frontera_repeat_drop)',
  });
  await dropDecision(conn);
  return { written, settled: { ...decided, rows: written + decided.repeatedRows } };
}

/**
 * Repeats are settled on the staged rows for a target whose publisher is known to repeat
 * (`repeatsExpected`); they can be when the target states the table's whole key and
 * figures, and sorts only by columns of the key (within a key, written order is file order).
 */
function canSettleFirst(t: ScanTarget): boolean {
  const spec = TABLES[t.table];
  const key = keyOf(t.table);
  const stated = (c: string) => c in t.select;
  return (
    t.repeatsExpected === true &&
    !t.distinctOn &&
    key.every(stated) &&
    (spec.measures ?? []).every(stated) &&
    sortKeys(t).every((c) => key.includes(c))
  );
}

/**
 * The table's filter keys a target's rows are sorted by; a key the target sets to a constant
 * (the flow of a Census value variable) sorts nothing.
 */
function sortKeys(t: ScanTarget): string[] {
  return (TABLES[t.table].clusterBy ?? []).filter((c) => !CONSTANT.test(t.select[c] ?? 'NULL'));
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
