import { relative } from 'node:path';
import cliProgress from 'cli-progress';
import { SOURCES } from '../../sources/registry.ts';
import { ingestPaths, type IngestProgress } from '../../store/ingest-paths.ts';
import { StoreBusyError, type Store } from '../../store/open-store.ts';
import { dataDir, dbPath, openForWriting, type CliIO } from '../cli-context.ts';
import { formatTable } from '../format-table.ts';
import { ingestLines } from './ingest-lines.ts';

export interface IngestOptions {
  db?: string;
  json?: boolean;
}

/** `frontera ingest [PATH ...]`: exit code 1 when any file failed (the others still load). */
export async function ingestCommand(
  paths: string[],
  opts: IngestOptions,
  io: CliIO,
): Promise<number> {
  const targets = paths.length > 0 ? paths : [dataDir(io)];
  const db = dbPath(opts.db, io);
  let store: Store;
  try {
    store = await openForWriting(db, io);
  } catch (e) {
    if (!(e instanceof StoreBusyError) || !opts.json) throw e;
    // A script reading the JSON report still gets one: nothing loaded, and why.
    io.out(
      JSON.stringify(
        {
          kind: 'ingest-report',
          outcomes: [],
          skipped: [],
          failed: [],
          error: { kind: 'database-busy', database: db, message: e.message },
        },
        null,
        2,
      ),
    );
    io.err(`frontera: ${e.message}`);
    return 1;
  }
  const bar = !opts.json && io.isTTY ? progressBar() : undefined;
  try {
    const report = await ingestPaths(store, targets, SOURCES, {
      io: { now: io.now },
      onProgress: bar ? (p) => bar.update(p) : undefined,
    });
    bar?.stop();
    if (opts.json) {
      io.out(JSON.stringify(report, null, 2));
    } else {
      const rel = (p: string) => relative(process.cwd(), p) || p;
      const rows = ingestLines(report.outcomes, rel).map((o) => [
        o.file,
        o.source,
        o.vintage,
        o.status,
        Object.entries(o.rows)
          .map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`)
          .join(', '),
      ]);
      io.out(formatTable(['file', 'source', 'vintage', 'status', 'rows'], rows));
      for (const s of report.skipped) io.out(`skipped ${rel(s.path)}: ${s.reason}`);
      for (const f of report.failed) io.err(`FAILED ${f.message}`);
      const loaded = report.outcomes.filter((o) => o.status === 'loaded').length;
      const same = report.outcomes.length - loaded;
      io.out(
        `${loaded} loaded, ${same} unchanged, ${report.skipped.length} skipped, ${report.failed.length} failed → ${store.path}`,
      );
    }
    return report.failed.length > 0 ? 1 : 0;
  } finally {
    bar?.stop();
    store.close();
  }
}

function progressBar() {
  const bar = new cliProgress.SingleBar(
    { format: 'ingest [{bar}] {percentage}% | {file} ({index}/{files})', stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p: IngestProgress) {
      const payload = {
        file: p.file.split('/').slice(-2).join('/'),
        index: p.index + 1,
        files: p.files,
      };
      if (!started) {
        bar.start(Math.max(p.bytesTotal, 1), p.bytesDone, payload);
        started = true;
      } else bar.update(p.bytesDone, payload);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
