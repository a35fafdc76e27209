import { readdir, stat } from 'node:fs/promises';
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
    for (const f of await listFiles(abs)) {
      const sample = await sampleFile(f);
      try {
        if (sample.container === 'zip') await verifyContainer(sample);
        detectSource(sample, sources);
        planned.push({ path: f, bytes: sample.bytes });
      } catch (e) {
        if (e instanceof InputError && e.problems[0]?.code === 'truncated') {
          planned.push({ path: f, bytes: sample.bytes });
          continue;
        }
        report.skipped.push({ path: f, reason: `not a recognised format (${sample.container})` });
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
      if (!(e instanceof InputError)) throw e;
      report.failed.push({
        path: f.path,
        message: e.message,
        problems: e.problems,
        total: e.total,
      });
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

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
