import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../model/input-error.ts';
import type { Problem } from '../model/problem.ts';
import { sampleFile } from '../sources/sample-file.ts';
import { verifyContainer } from '../sources/verify-container.ts';
import type { FileSample, Source } from '../sources/source.ts';
import { SMALL_FILE_BYTES } from './digest-file.ts';
import { knownFiles, sameFile, type KnownFile } from './file-stamps.ts';
import { BATCH_FILES, ingestGroup } from './ingest-batch.ts';
import { detectSource, type IngestIO, type IngestOutcome } from './ingest-file.ts';
import type { Store } from './open-store.ts';

export interface IngestProgress {
  kind: 'ingest-progress';
  file: string;
  index: number;
  files: number;
  bytesDone: number;
  bytesTotal: number;
  phase: 'start' | 'done';
}

export interface IngestReport {
  kind: 'ingest-report';
  outcomes: IngestOutcome[];
  /** Files in folders that are not a format Frontera reads (documentation, licences …). */
  skipped: { path: string; reason: string }[];
  failed: { path: string; message: string; problems: Problem[]; total: number }[];
}

/**
 * Ingests files and folders. A file named explicitly must be readable; inside a folder, files
 * of no known format are listed as skipped. Each file is its own transaction, so one bad file
 * is reported without losing the others.
 */
export async function ingestPaths(
  store: Store,
  paths: readonly string[],
  sources: readonly Source[],
  opts: { io?: IngestIO; onProgress?: (p: IngestProgress) => void } = {},
): Promise<IngestReport> {
  const report: IngestReport = { kind: 'ingest-report', outcomes: [], skipped: [], failed: [] };
  const planned: Planned[] = [];
  const known = await knownFiles(store.conn);
  for (const p of paths) {
    const abs = resolve(p);
    const st = await stat(abs).catch(() => undefined);
    if (!st) {
      report.failed.push(failure(abs, 'no such file or folder'));
      continue;
    }
    if (!st.isDirectory()) {
      const k = known.get(abs);
      if (k && sameFile(k, st)) planned.push({ path: abs, bytes: st.size, known: k });
      else planned.push({ path: abs, bytes: st.size, source: await sourceOf(abs, sources) });
      continue;
    }
    const listed = await listFiles(abs).catch((e: unknown) => e as Error);
    if (listed instanceof Error) {
      report.failed.push(failureOf(abs, listed));
      continue;
    }
    report.skipped.push(...listed.skipped);
    // Files are looked at a few at a time (thousands of small ones wait mostly on the disk),
    // and their plans kept in name order.
    const looks = await inOrder(listed.files, 8, (f) => look(f, known, sources));
    for (const l of looks) {
      if (l.kind === 'planned') planned.push(l.plan);
      else if (l.kind === 'skipped') report.skipped.push(l.skipped);
      else report.failed.push(l.failed);
    }
  }
  const bytesTotal = planned.reduce((a, f) => a + f.bytes, 0);
  let bytesDone = 0;
  for (let index = 0; index < planned.length;) {
    // Small files of one source, in order, go through `ingestGroup` together; any other alone.
    const first = planned[index]!;
    let end = index + 1;
    if (!first.known && first.source && first.bytes <= SMALL_FILE_BYTES) {
      while (
        end < planned.length &&
        end - index < BATCH_FILES &&
        !planned[end]!.known &&
        planned[end]!.source === first.source &&
        planned[end]!.bytes <= SMALL_FILE_BYTES
      ) {
        end++;
      }
    }
    const group = planned.slice(index, end);
    for (const [i, f] of group.entries()) {
      const base = {
        kind: 'ingest-progress',
        file: f.path,
        index: index + i,
        files: planned.length,
      } as const;
      opts.onProgress?.({ ...base, bytesDone, bytesTotal, phase: 'start' });
    }
    const known = group.filter((f) => f.known);
    const results =
      known.length === group.length
        ? group.map((f) => ({ path: f.path, outcome: unchangedOutcome(f.path, f.known!) }))
        : await ingestGroup(
            store,
            group.map((f) => f.path),
            sources,
            opts.io,
          );
    for (const [i, r] of results.entries()) {
      // Whatever went wrong with one file (gone, unreadable, a reader's bug) fails that file
      // alone, by name; the run goes on and reports.
      if ('outcome' in r) report.outcomes.push(r.outcome);
      else report.failed.push(failureOf(r.path, r.error));
      const f = group[i]!;
      bytesDone += f.bytes;
      const base = {
        kind: 'ingest-progress',
        file: f.path,
        index: index + i,
        files: planned.length,
      } as const;
      opts.onProgress?.({ ...base, bytesDone, bytesTotal, phase: 'done' });
    }
    index = end;
  }
  return report;
}

interface Planned {
  path: string;
  bytes: number;
  /** The source that recognises it, for a text or gzip file in a folder. */
  source?: string;
  /** Set when the file is what it was when loaded (size, times, inode): nothing to read. */
  known?: KnownFile;
}

type Look =
  | { kind: 'planned'; plan: Planned }
  | { kind: 'skipped'; skipped: IngestReport['skipped'][number] }
  | { kind: 'failed'; failed: IngestReport['failed'][number] };

/** What to do with one file of a folder: load it (or report it unchanged), skip it, or fail it. */
async function look(
  f: string,
  known: ReadonlyMap<string, KnownFile>,
  sources: readonly Source[],
): Promise<Look> {
  try {
    // A file whose size, times and inode are those it had when it was loaded is unchanged.
    const k = known.get(f);
    if (k) {
      const st = await stat(f);
      if (sameFile(k, st)) return { kind: 'planned', plan: { path: f, bytes: st.size, known: k } };
    }
    const sample = await sampleFile(f);
    try {
      if (sample.container !== 'gzip') await verifyContainer(sample);
      detectSource(sample, sources);
    } catch (e) {
      const code = e instanceof InputError ? e.problems[0]?.code : undefined;
      // A damaged file of a known container is reported as a failure, not skipped.
      if (code !== 'truncated' && code !== 'unreadable') {
        return {
          kind: 'skipped',
          skipped: { path: f, reason: `not a recognised format (${sample.container})` },
        };
      }
    }
    return {
      kind: 'planned',
      plan: { path: f, bytes: sample.bytes, source: batchable(sample, sources) },
    };
  } catch (e) {
    return { kind: 'failed', failed: failureOf(f, e) };
  }
}

/** `work` over `items`, at most `width` at a time, results in the items' order. */
async function inOrder<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}

/** The source of a text or gzip file, which may share a transaction with its neighbours. */
function batchable(sample: FileSample, sources: readonly Source[]): string | undefined {
  if (sample.container !== 'gzip' && sample.container !== 'text') return undefined;
  return sources.find((s) => s.detect(sample))?.id;
}

/** The same for a file named explicitly; one that cannot be sampled is loaded alone. */
async function sourceOf(path: string, sources: readonly Source[]): Promise<string | undefined> {
  const sample = await sampleFile(path).catch(() => undefined);
  return sample && batchable(sample, sources);
}

function unchangedOutcome(path: string, k: KnownFile): IngestOutcome {
  return {
    kind: 'ingest-outcome',
    path,
    status: 'unchanged',
    source: k.source,
    series: k.series,
    vintage: k.vintage,
    sourceFileId: k.sourceFileId,
    rows: {},
    notes: [],
  };
}

function failure(path: string, message: string): IngestReport['failed'][number] {
  return {
    path,
    message: `${path}: ${message}`,
    problems: [{ code: 'bad-structure', file: path, message }],
    total: 1,
  };
}

function failureOf(path: string, e: unknown): IngestReport['failed'][number] {
  if (e instanceof InputError) {
    return { path, message: e.message, problems: e.problems, total: e.total };
  }
  const err = e as NodeJS.ErrnoException;
  const message =
    err.code === 'ENOENT'
      ? 'the file disappeared before it could be read'
      : `could not be read: ${String(err.message ?? e).split('\n')[0]}`;
  return {
    path,
    message: `${path}: ${message}`,
    problems: [{ code: 'unreadable', file: path, message }],
    total: 1,
  };
}

/**
 * Every regular file under a folder, in name order, following symbolic links: a link to a file
 * is read as that file; a link to a folder is walked once (a loop, or a second link to a
 * folder already read, is not walked again); those links, and dangling ones, are listed as
 * skipped with the reason.
 */
async function listFiles(
  root: string,
): Promise<{ files: string[]; skipped: IngestReport['skipped'] }> {
  const files: string[] = [];
  const skipped: IngestReport['skipped'] = [];
  const walked = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    const real = await realpath(dir);
    if (walked.has(real)) {
      skipped.push({
        path: dir,
        reason: `links to ${real}, already read (a loop or a second link)`,
      });
      return;
    }
    walked.add(real);
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const path = join(dir, e.name);
      if (e.isFile()) files.push(path);
      else if (e.isDirectory()) await walk(path);
      else if (e.isSymbolicLink()) {
        const target = await stat(path).catch((err: NodeJS.ErrnoException) => err);
        if (target instanceof Error) {
          const why = target.code === 'ELOOP' ? 'a symbolic link loop' : 'a dangling symbolic link';
          skipped.push({ path, reason: `${why} (${target.code})` });
        } else if (target.isFile()) files.push(path);
        else if (target.isDirectory()) await walk(path);
        else skipped.push({ path, reason: 'a link to something that is not a file' });
      } else skipped.push({ path, reason: 'not a regular file' });
    }
  };
  await walk(root);
  return { files: files.sort(), skipped };
}
