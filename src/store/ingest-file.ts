import { resolve } from 'node:path';
import type { FileExtract } from '../model/extract.ts';
import { InputError, inputError } from '../model/input-error.ts';
import { TABLES, type ModelTable } from '../model/tables.ts';
import { sampleFile } from '../sources/sample-file.ts';
import type { FileSample, Source } from '../sources/source.ts';
import { verifyContainer } from '../sources/verify-container.ts';
import { assertUnchanged, digestFile, type FileDigest } from './digest-file.ts';
import { recordStamps } from './file-stamps.ts';
import { rangeProblems } from './check-ranges.ts';
import { refuseBadText, refuseLongLines } from './refuse-text.ts';
import { loadScan } from './load-scan.ts';
import { loadRows } from './load-rows.ts';
import { settleRepeats, type RepeatCount } from './settle-repeats.ts';
import type { Store } from './open-store.ts';
import { literal } from './sql-text.ts';
import { supersedeVintages } from './supersede-vintages.ts';

export interface IngestOutcome {
  kind: 'ingest-outcome';
  path: string;
  status: 'loaded' | 'unchanged';
  source: string;
  series: string;
  vintage: string;
  sourceFileId: number;
  rows: Record<string, number>;
  notes: string[];
}

export interface IngestIO {
  now: () => Date;
}

/** Recognises a file's source by its content; an unknown format says what was expected. */
export function detectSource(sample: FileSample, sources: readonly Source[]): Source {
  const found = sources.find((s) => s.detect(sample));
  if (found) return found;
  if (sample.bytes === 0) {
    throw inputError({ code: 'empty-file', file: sample.path, message: 'the file is empty' });
  }
  const expected = sources.map((s) => `  - ${s.expects}`).join('\n');
  throw inputError({
    code: 'unknown-format',
    file: sample.path,
    message: `not a format Frontera reads (a ${sample.container} file starting ${JSON.stringify(sample.firstLine.slice(0, 80))}); expected one of:\n${expected}`,
  });
}

/**
 * Loads one file in one transaction: read and check everything, insert, record provenance,
 * settle which vintage is current — or, on any error, leave the database exactly as it was.
 */
export async function ingestFile(
  store: Store,
  path: string,
  sources: readonly Source[],
  io: IngestIO = { now: () => new Date() },
): Promise<IngestOutcome> {
  const abs = resolve(path);
  const sample = await sampleFile(abs);
  // A half-written xlsx or Parquet file cannot be recognised at all; say it is truncated,
  // not unknown.
  if (sample.container !== 'gzip') await verifyContainer(sample);
  const source = detectSource(sample, sources);
  // One read of the whole file: the hash of exactly these bytes, the encoding, the lines (and
  // a gzip decompressed to its end, so a truncated one is named as such).
  const digest = await digestFile(sample);
  const sha256 = digest.sha256;
  const seen = await previouslyLoaded(store, sha256);
  if (seen) {
    // A copy or a touched file: its identity is remembered, so the next run needs only a stat.
    await recordStamps(store.conn, [{ path: abs, sha256, stamp: digest.stamp }]);
    return { ...seen, path: abs, status: 'unchanged' };
  }
  if (source.encoding !== 'latin1') refuseBadText(sample, digest);

  const fx = await source.read(digest.plain ? { ...sample, plain: digest.plain } : sample);
  if (fx.problems.length > 0) throw new InputError(fx.problems.slice(0, 100), fx.problems.length);
  refuseLongLines(sample, digest, fx);
  const impossible = rangeProblems(fx, abs, new Date(digest.stamp.mtimeMs));
  if (impossible.length > 0) throw new InputError(impossible.slice(0, 100), impossible.length);

  const { conn } = store;
  await conn.run('BEGIN TRANSACTION');
  try {
    const idRow = await conn.runAndReadAll(`SELECT nextval('source_file_seq')::INTEGER`);
    const id = Number(idRow.getRowsJS()[0]?.[0]);
    const loaded = await loadExtracts(store, fx, id, abs, new Date(digest.stamp.mtimeMs), digest);
    const { rows } = loaded;
    const tables = Object.keys(rows) as ModelTable[];
    // A key the file states twice counts once (settle-repeats.ts); what was found is noted.
    const notes = [
      ...fx.notes,
      ...loaded.notes,
      ...(await settleRepeats(conn, id, tables, loaded.settled)).notes,
    ];
    const { from, to } = await periodsCovered(store, tables, id);
    const vintage = fx.vintage === 'data-through' ? (to?.slice(0, 7) ?? 'unknown') : fx.vintage;
    const total = Object.values(rows).reduce((a, b) => a + b, 0);
    const prepared = await conn.prepare(`INSERT INTO source_file VALUES
      ($id, $source, $series, $path, $sha, $bytes, $vintage, $basis, $from, $to,
       ${sqlList(tables)}, $rows, ${sqlList(notes)}, $at::TIMESTAMPTZ)`);
    prepared.bind({
      id,
      source: fx.source,
      series: fx.series,
      path: abs,
      sha: sha256,
      bytes: sample.bytes,
      vintage,
      basis: fx.vintageBasis,
      from: from ?? null,
      to: to ?? null,
      // A wide file states fewer rows than it stores values (one per partner-year, not month).
      rows: fx.records ?? total,
      at: io.now().toISOString(),
    });
    await prepared.run();
    for (const t of tables) await supersedeVintages(conn, t, fx.source, fx.series, id);
    await recordStamps(conn, [{ path: abs, sha256, stamp: digest.stamp }]);
    // What was parsed must be what was hashed: a file rewritten during the load is refused.
    await assertUnchanged(abs, digest);
    await conn.run('COMMIT');
    store.memo.clear();
    return {
      kind: 'ingest-outcome',
      path: abs,
      status: 'loaded',
      source: fx.source,
      series: fx.series,
      vintage,
      sourceFileId: id,
      rows,
      notes,
    };
  } catch (e) {
    await conn.run('ROLLBACK');
    // A load that failed because the file changed under it is reported as that.
    await assertUnchanged(abs, digest);
    if (e instanceof InputError) throw e;
    throw inputError({
      code: 'bad-structure',
      file: abs,
      message: `could not be loaded as ${source.id}: ${(e as Error).message.split('\n')[0]}`,
    });
  }
}

async function loadExtracts(
  store: Store,
  fx: FileExtract,
  id: number,
  file: string,
  fileDate: Date,
  digest: FileDigest,
): Promise<{
  rows: Record<string, number>;
  notes: string[];
  settled: Map<ModelTable, RepeatCount>;
}> {
  // A table one scan target alone writes may have its repeats settled before its rows are
  // written (load-scan.ts, for a target whose publisher is known to repeat).
  const writers = new Map<ModelTable, number>();
  for (const x of fx.extracts) {
    for (const t of x.kind === 'rows' ? [x.table] : x.targets.map((y) => y.table)) {
      writers.set(t, (writers.get(t) ?? 0) + 1);
    }
  }
  const alone = new Set([...writers].filter(([, n]) => n === 1).map(([t]) => t));
  const settled = new Map<ModelTable, RepeatCount>();
  const text =
    digest.filledLines === undefined
      ? undefined
      : { longestLine: digest.longestLine.bytes, filledLines: digest.filledLines };
  const rows: Record<string, number> = {};
  const notes: string[] = [];
  for (const x of fx.extracts) {
    if (x.kind === 'rows') {
      rows[x.table] = (rows[x.table] ?? 0) + (await loadRows(store.conn, x, id, file));
    } else {
      const scanned = await loadScan(store.conn, x, id, fileDate, text, alone);
      for (const [t, n] of scanned.rows) rows[t] = (rows[t] ?? 0) + n;
      for (const [t, c] of scanned.settled) settled.set(t, c);
      notes.push(...scanned.notes);
    }
  }
  return { rows, notes, settled };
}

async function periodsCovered(
  store: Store,
  tables: ModelTable[],
  id: number,
): Promise<{ from?: string; to?: string }> {
  let from: string | undefined;
  let to: string | undefined;
  for (const t of tables) {
    const p = TABLES[t].period;
    if (!p) continue;
    const fmt =
      p === 'year'
        ? `CAST(${p} AS VARCHAR)`
        : p === 'observed_at'
          ? `strftime(${p} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ')`
          : `strftime(${p}, '%Y-%m')`;
    // A year-to-date value covers its period from period_start, not from its closing month.
    const low = 'period_start' in TABLES[t].columns ? fmt.replaceAll(p, 'period_start') : fmt;
    const r = await store.conn.runAndReadAll(
      `SELECT min(${low}), max(${fmt}) FROM ${t}_all WHERE source_file_id = ${id}`,
    );
    const [lo, hi] = r.getRowsJS()[0] ?? [];
    if (typeof lo === 'string' && (from === undefined || lo < from)) from = lo;
    if (typeof hi === 'string' && (to === undefined || hi > to)) to = hi;
  }
  return { from, to };
}

export async function previouslyLoaded(
  store: Store,
  sha256: string,
): Promise<Omit<IngestOutcome, 'path' | 'status'> | undefined> {
  const r = await store.conn.runAndReadAll(
    `SELECT id, source, series, vintage, notes FROM source_file WHERE sha256 = ${literal(sha256)}`,
  );
  const row = r.getRowsJS()[0];
  if (!row) return undefined;
  return {
    kind: 'ingest-outcome',
    sourceFileId: Number(row[0]),
    source: String(row[1]),
    series: String(row[2]),
    vintage: String(row[3]),
    rows: {},
    notes: [],
  };
}

export function sqlList(values: readonly string[]): string {
  return `[${values.map(literal).join(', ')}]::VARCHAR[]`;
}
