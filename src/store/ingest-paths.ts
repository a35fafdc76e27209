import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InputError } from '../model/input-error.ts';
import type { Problem } from '../model/problem.ts';
import { sampleFile } from '../sources/sample-file.ts';
import { verifyContainer } from '../sources/verify-container.ts';
import type { Source } from '../sources/source.ts';
import { detectSource, ingestFile, type IngestIO, type IngestOutcome } from './ingest-file.ts';
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
  const planned: { path: string; bytes: number }[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    const st = await stat(abs).catch(() => undefined);
    if (!st) {
      report.failed.push(failure(abs, 'no such file or folder'));
      continue;
    }
    if (!st.isDirectory()) {
      planned.push({ path: abs, bytes: st.size });
      continue;
    }
    const listed = await listFiles(abs).catch((e: unknown) => e as Error);
    if (listed instanceof Error) {
      report.failed.push(failureOf(abs, listed));
      continue;
    }
    report.skipped.push(...listed.skipped);
    for (const f of listed.files) {
      try {
        const sample = await sampleFile(f);
        try {
          if (sample.container !== 'gzip') await verifyContainer(sample);
          detectSource(sample, sources);
        } catch (e) {
          const code = e instanceof InputError ? e.problems[0]?.code : undefined;
          // A damaged file of a known container is reported as a failure, not skipped.
          if (code !== 'truncated' && code !== 'unreadable') {
            report.skipped.push({
              path: f,
              reason: `not a recognised format (${sample.container})`,
            });
            continue;
          }
        }
        planned.push({ path: f, bytes: sample.bytes });
      } catch (e) {
        report.failed.push(failureOf(f, e));
      }
    }
  }
  const bytesTotal = planned.reduce((a, f) => a + f.bytes, 0);
  let bytesDone = 0;
  for (const [index, f] of planned.entries()) {
    const base = { kind: 'ingest-progress', file: f.path, index, files: planned.length } as const;
    opts.onProgress?.({ ...base, bytesDone, bytesTotal, phase: 'start' });
    try {
      report.outcomes.push(await ingestFile(store, f.path, sources, opts.io));
    } catch (e) {
      // Whatever went wrong with one file (gone, unreadable, a reader's bug) fails that file
      // alone, by name; the run goes on and reports.
      report.failed.push(failureOf(f.path, e));
    }
    bytesDone += f.bytes;
    opts.onProgress?.({ ...base, bytesDone, bytesTotal, phase: 'done' });
  }
  return report;
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
