import type { DuckDBConnection } from '@duckdb/node-api';
import { resolve } from 'node:path';
import type { FileExtract, RowsExtract } from '../model/extract.ts';
import { InputError } from '../model/input-error.ts';
import { TABLES } from '../model/tables.ts';
import { applyPrecedence } from './apply-precedence.ts';
import type { Source } from '../sources/source.ts';
import { rangeProblems } from './check-ranges.ts';
import { assertUnchanged, readSmallFile, type FileDigest } from './digest-file.ts';
import { recordStamps } from './file-stamps.ts';
import {
  detectSource,
  ingestFile,
  sqlList,
  type IngestIO,
  type IngestOutcome,
} from './ingest-file.ts';
import { OBSERVATIONS } from './load-rows.ts';
import type { Store } from './open-store.ts';
import { refuseBadText, refuseLongLines } from './refuse-text.ts';
import { literal } from './sql-text.ts';

/** At most this many files share one transaction. */
export const BATCH_FILES = 250;

/** What became of one file of a group: its outcome, or the error that failed it alone. */
export type FileResult =
  { path: string; outcome: IngestOutcome } | { path: string; error: unknown };

interface Ready {
  path: string;
  digest: FileDigest;
  fx: FileExtract;
  x: RowsExtract;
}

/** The batch could not be stored as one; its files are loaded one by one instead. */
class LoadAlone extends Error {}

/**
 * Loads many small files of one source. Each file is read and checked on its own first (a file
 * with a problem fails alone, by name, before anything is written). Files whose rows all go to
 * one table of observations (`wait_times`) are then stored together, up to BATCH_FILES in one
 * transaction: one staging table, one INSERT, one provenance row per file, observations settled
 * once. If anything about the batch fails inside the transaction (a value that does not cast, a
 * file changed while it loaded, a reading that would renumber older RSS readings), the
 * transaction is rolled back whole and every file of the batch is loaded alone through
 * `ingestFile`, which names the failing file and stores the others: a bad file never loses or
 * half-stores its neighbours. Every other file is loaded alone, in order.
 */
export async function ingestGroup(
  store: Store,
  paths: readonly string[],
  sources: readonly Source[],
  io: IngestIO = { now: () => new Date() },
): Promise<FileResult[]> {
  const results: FileResult[] = new Array<FileResult>(paths.length);
  let pending: (Ready & { index: number })[] = [];
  // What is stored already, asked once (a file found here is reported by `ingestFile`).
  const r = await store.conn.runAndReadAll(`SELECT sha256 FROM source_file`);
  const stored = new Set(r.getRowsJS().map((row) => String(row[0])));
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const done = await storeBatch(store, batch, io).catch((e: unknown) => e as Error);
    if (!(done instanceof Error)) {
      for (const [i, outcome] of done.entries()) {
        results[batch[i]!.index] = { path: outcome.path, outcome };
      }
      for (const b of batch) stored.add(b.digest.sha256);
      return;
    }
    for (const b of batch) results[b.index] = await alone(store, b.path, sources, io);
  };
  for (const [index, p] of paths.entries()) {
    const path = resolve(p);
    let ready: Ready | 'alone';
    try {
      ready = await prepare(path, sources, pending, stored);
    } catch (e) {
      results[index] = { path, error: e };
      continue;
    }
    if (ready === 'alone') {
      await flush();
      results[index] = await alone(store, path, sources, io);
      continue;
    }
    pending.push({ ...ready, index });
    if (pending.length >= BATCH_FILES) await flush();
  }
  await flush();
  return results;
}

async function alone(
  store: Store,
  path: string,
  sources: readonly Source[],
  io: IngestIO,
): Promise<FileResult> {
  try {
    return { path, outcome: await ingestFile(store, path, sources, io) };
  } catch (e) {
    return { path, error: e };
  }
}

/** The checks `ingestFile` makes before its transaction, on one file; 'alone' if not batchable. */
async function prepare(
  path: string,
  sources: readonly Source[],
  pending: readonly Ready[],
  stored: ReadonlySet<string>,
): Promise<Ready | 'alone'> {
  // One read: recognised, hashed, checked and parsed from the same bytes.
  const small = await readSmallFile(path);
  if (!small) return 'alone';
  const { sample, digest } = small;
  const source = detectSource(sample, sources);
  // Already stored, or the same bytes as a file of this batch: `ingestFile` reports it.
  if (!digest.plain || pending.some((r) => r.digest.sha256 === digest.sha256)) return 'alone';
  if (stored.has(digest.sha256)) return 'alone';
  if (source.encoding !== 'latin1') refuseBadText(sample, digest);
  const fx = await source.read({ ...sample, plain: digest.plain });
  if (fx.problems.length > 0) throw new InputError(fx.problems.slice(0, 100), fx.problems.length);
  refuseLongLines(sample, digest, fx);
  const impossible = rangeProblems(fx, path, new Date(digest.stamp.mtimeMs));
  if (impossible.length > 0) throw new InputError(impossible.slice(0, 100), impossible.length);
  const [x, ...more] = fx.extracts;
  if (!x || more.length > 0 || x.kind !== 'rows' || !OBSERVATIONS[x.table]) return 'alone';
  const first = pending[0];
  if (first && (first.x.table !== x.table || first.x.columns.join() !== x.columns.join())) {
    return 'alone';
  }
  return { path, digest, fx, x };
}

/** One transaction for the batch; throws (after ROLLBACK) when it must be loaded file by file. */
async function storeBatch(store: Store, batch: Ready[], io: IngestIO): Promise<IngestOutcome[]> {
  const { conn } = store;
  await conn.run('BEGIN TRANSACTION');
  try {
    const outcomes = await storeRows(conn, batch, io);
    for (const r of batch) await assertUnchanged(r.path, r.digest);
    await conn.run('COMMIT');
    store.memo.clear();
    return outcomes;
  } catch (e) {
    await conn.run('ROLLBACK');
    throw e;
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${STAGE}; DROP TABLE IF EXISTS ${TYPED};
      DROP TABLE IF EXISTS ${KEEP}; DROP TABLE IF EXISTS ${DEMOTED}`);
  }
}

const STAGE = 'frontera_batch_stage';
const TYPED = 'frontera_batch_rows';
const KEEP = 'frontera_batch_keep';
const DEMOTED = 'frontera_batch_demoted';

async function storeRows(
  conn: DuckDBConnection,
  batch: Ready[],
  io: IngestIO,
): Promise<IngestOutcome[]> {
  const { table, columns } = batch[0]!.x;
  const spec = TABLES[table];
  const obs = OBSERVATIONS[table]!;
  const all = `${table}_all`;
  const idRows = await conn.runAndReadAll(
    `SELECT nextval('source_file_seq')::INTEGER AS id FROM range(${batch.length}) ORDER BY id`,
  );
  const ids = idRows.getRowsJS().map((r) => Number(r[0]));

  // Every file's rows staged as text, then cast in SQL, as `loadRows` does for one file.
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${STAGE} (f INTEGER, n INTEGER, ${columns.map((_c, i) => `c${i} VARCHAR`).join(', ')})`,
  );
  const appender = await conn.createAppender(STAGE);
  for (const [f, r] of batch.entries()) {
    for (const [n, row] of r.x.rows.entries()) {
      appender.appendInteger(f);
      appender.appendInteger(n);
      for (const v of row) {
        if (v === null || v === undefined) appender.appendNull();
        else appender.appendVarchar(typeof v === 'string' ? v : String(v));
      }
      appender.endRow();
    }
  }
  appender.closeSync();
  const typeOf = (c: string) => spec.columns[c];
  // A value that does not cast fails this statement and so the batch; `ingestFile` then names
  // the file, line, column and value.
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${TYPED} AS SELECT f, n,
    ${columns.map((c, i) => `CAST(c${i} AS ${typeOf(c)}) AS ${c}`).join(', ')} FROM ${STAGE}`);
  await conn.run(`DROP TABLE ${STAGE}`);
  if (table === 'wait_times') await refuseRenumbering(conn, all);

  // The observations the batch states, as stored now: only their current revision matters.
  const enc = (alias: string, cols: readonly string[]) =>
    `concat_ws(chr(31), ${cols.map((c) => `coalesce(${text(`${alias}${c}`, spec.columns[c])}, chr(0))`).join(', ')})`;
  const key = (a: string) => enc(a, obs.key);
  const values = (a: string) => enc(a, obs.values);
  const period = obs.key[obs.key.length - 1] ?? '';
  const order = (a: string) => `epoch_us(coalesce(${a}${obs.revisedBy}, ${a}${period}))::DOUBLE`;
  const span = await conn.runAndReadAll(`SELECT min(${period}), max(${period}) FROM ${TYPED}`);
  const [lo] = span.getRowsJS()[0] ?? [];
  const stored =
    lo == null
      ? []
      : (
          await conn.runAndReadAll(`
        SELECT t.rowid, ${key('t.')}, ${values('t.')}, ${order('t.')}, t.source_file_id
        FROM ${all} t
        WHERE t.current AND t.${period} BETWEEN (SELECT min(${period}) FROM ${TYPED})
                                          AND (SELECT max(${period}) FROM ${TYPED})
          AND EXISTS (SELECT 1 FROM ${TYPED} b
                      WHERE ${obs.key.map((k) => `b.${k} IS NOT DISTINCT FROM t.${k}`).join(' AND ')})`)
        ).getRowsJS();
  const stated = (
    await conn.runAndReadAll(
      `SELECT f, n, ${key('')}, ${values('')}, ${order('')} FROM ${TYPED} ORDER BY f, n`,
    )
  ).getRowsJS();

  // File by file, in load order, exactly as `loadRows` + `settleObservations` would: a row
  // repeating its observation's current revision adds nothing; a new one is current when its
  // snapshot (then its file) is the latest.
  interface Current {
    values: string;
    order: number;
    file: number;
    rowid?: bigint | number;
    f?: number;
    n?: number;
  }
  const current = new Map<string, Current>();
  for (const [rowid, k, v, o, file] of stored) {
    current.set(String(k), {
      values: String(v),
      order: Number(o),
      file: Number(file),
      rowid: rowid as bigint,
    });
  }
  const kept = new Map<string, { f: number; n: number; current: boolean }>();
  const demoted: (bigint | number)[] = [];
  const inserted = batch.map(() => 0);
  let i = 0;
  for (let f = 0; f < batch.length; f++) {
    const mine: Current[] = [];
    const keys = new Set<string>();
    for (; i < stated.length && Number(stated[i]![0]) === f; i++) {
      const [, n, k, v, o] = stated[i]!;
      const id = String(k);
      if (keys.has(id)) throw new LoadAlone('an observation stated twice in one file');
      keys.add(id);
      const was = current.get(id);
      if (was && was.values === String(v)) continue;
      mine.push({ values: String(v), order: Number(o), file: ids[f]!, f, n: Number(n) });
      inserted[f]!++;
      (mine.at(-1) as Current & { key?: string }).key = id;
    }
    for (const row of mine as (Current & { key: string })[]) {
      const was = current.get(row.key);
      const wins =
        !was || row.order > was.order || (row.order === was.order && row.file > was.file);
      kept.set(`${row.f}:${row.n}`, { f: row.f!, n: row.n!, current: wins });
      if (!wins) continue;
      if (was?.rowid !== undefined) demoted.push(was.rowid);
      else if (was) kept.get(`${was.f}:${was.n}`)!.current = false;
      current.set(row.key, row);
    }
  }

  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${KEEP} (f INTEGER, n INTEGER, id INTEGER, cur BOOLEAN)`,
  );
  const keep = await conn.createAppender(KEEP);
  for (const k of kept.values()) {
    keep.appendInteger(k.f);
    keep.appendInteger(k.n);
    keep.appendInteger(ids[k.f]!);
    keep.appendBoolean(k.current);
    keep.endRow();
  }
  keep.closeSync();
  await conn.run(`INSERT INTO ${all} (source_file_id, ${columns.join(', ')}, current)
    SELECT k.id, ${columns.map((c) => `b.${c}`).join(', ')}, k.cur
    FROM ${TYPED} b JOIN ${KEEP} k USING (f, n) ORDER BY b.f, b.n`);
  if (demoted.length > 0) {
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${DEMOTED} (rid BIGINT)`);
    const d = await conn.createAppender(DEMOTED);
    for (const rid of demoted) {
      d.appendBigInt(BigInt(rid));
      d.endRow();
    }
    d.closeSync();
    await conn.run(`UPDATE ${all} SET current = false WHERE rowid IN (SELECT rid FROM ${DEMOTED})`);
  }

  // Provenance: one row per file, as `ingestFile` writes it.
  // As `periodsCovered` formats them (whole seconds, UTC).
  const iso = (us: unknown) =>
    new Date(Math.floor(Number(us) / 1e6) * 1000).toISOString().replace('.000Z', 'Z');
  const spans = new Map<number, [string, string]>();
  const r =
    await conn.runAndReadAll(`SELECT f, epoch_us(min(${period}))::DOUBLE, epoch_us(max(${period}))::DOUBLE
    FROM ${TYPED} JOIN ${KEEP} USING (f, n) GROUP BY f`);
  for (const [f, from, to] of r.getRowsJS()) spans.set(Number(f), [iso(from), iso(to)]);
  const outcomes: IngestOutcome[] = [];
  const provenance: string[] = [];
  for (const [f, b] of batch.entries()) {
    const [from, to] = spans.get(f) ?? [undefined, undefined];
    const { fx } = b;
    const vintage = fx.vintage === 'data-through' ? (to?.slice(0, 7) ?? 'unknown') : fx.vintage;
    const at = io.now().toISOString();
    provenance.push(`(${ids[f]}, ${literal(fx.source)}, ${literal(fx.series)}, ${literal(b.path)},
      ${literal(b.digest.sha256)}, ${b.digest.bytes}, ${literal(vintage)}, ${literal(fx.vintageBasis)},
      ${from === undefined ? 'NULL' : literal(from)}, ${to === undefined ? 'NULL' : literal(to)},
      ${sqlList([table])}, ${inserted[f]}, ${sqlList(fx.notes)}, ${literal(at)}::TIMESTAMPTZ)`);
    outcomes.push({
      kind: 'ingest-outcome',
      path: b.path,
      status: 'loaded',
      source: fx.source,
      series: fx.series,
      vintage,
      sourceFileId: ids[f]!,
      rows: { [table]: inserted[f]! },
      notes: fx.notes,
    });
  }
  await conn.run(`INSERT INTO source_file VALUES ${provenance.join(', ')}`);
  // Rows per file (no observation is stated twice in a file, so none repeated or conflicting).
  await conn.run(
    `INSERT INTO source_file_table VALUES ${batch
      .map((_b, f) => `(${ids[f]}, ${literal(table)}, ${inserted[f]}, 0, 0, []::VARCHAR[])`)
      .join(', ')}`,
  );
  // Observations are settled above; what `supersedeVintages` does besides is done once.
  await applyPrecedence(conn, table);
  await recordStamps(
    conn,
    batch.map((b) => ({ path: b.path, sha256: b.digest.sha256, stamp: b.digest.stamp })),
  );
  return outcomes;
}

/** A value as comparable text: instants as microseconds, not through the session's time zone. */
function text(expr: string, type: string | undefined): string {
  return type === 'TIMESTAMPTZ' ? `CAST(epoch_us(${expr}) AS VARCHAR)` : `CAST(${expr} AS VARCHAR)`;
}

/**
 * RSS readings stored without a CBP number get one when a numbered feed first names their port
 * and crossing (`settleObservations`), which changes their observation key mid-way through the
 * files: a batch that could do that for the first time is loaded file by file instead, so the
 * result is exactly that of loading its files one by one.
 */
async function refuseRenumbering(conn: DuckDBConnection, all: string): Promise<void> {
  const r = await conn.runAndReadAll(`
    WITH waiting AS (
      SELECT DISTINCT port_name, crossing_name FROM ${all} WHERE port_number IS NULL
    ), named AS (
      SELECT DISTINCT port_name, crossing_name FROM ${TYPED}
    )
    SELECT (SELECT count(*) FROM ${TYPED} WHERE port_number IS NULL) AS unnumbered,
      (SELECT count(*) FROM waiting w JOIN named b ON b.port_name = w.port_name
         AND b.crossing_name IS NOT DISTINCT FROM w.crossing_name
       WHERE (SELECT count(DISTINCT port_number) FROM ${all} t
              WHERE t.port_number IS NOT NULL AND t.port_name = w.port_name
                AND t.crossing_name IS NOT DISTINCT FROM w.crossing_name) < 2) AS renumbers`);
  const [unnumbered, renumbers] = r.getRowsJS()[0] ?? [];
  if (Number(unnumbered) > 0 || Number(renumbers) > 0) {
    throw new LoadAlone('readings without a CBP number, or a first number for older ones');
  }
}
