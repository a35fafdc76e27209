import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { HsLevel, SyncIO, SyncProgress } from '../../sync/sync-context.ts';
import { isSyncSource, SYNC_SOURCES, type SyncSourceId } from '../../sync/sync-source-ids.ts';
import type { SyncReport } from '../../sync/sync-sources.ts';
import { dbPath, openForWriting, UsageError, type CliIO } from '../cli-context.ts';
import { formatTable } from '../format-table.ts';
import { monthOption } from '../parse-options.ts';
import { DB_HELP } from '../result-output.ts';

/** Effects of the sync commands beyond CliIO: the network and waiting, for tests. */
export type SyncCliIO = Pick<SyncIO, 'fetch' | 'sleep' | 'random'>;

interface SyncOpts {
  source?: string[];
  baseUrl?: string;
  since?: string;
  partners?: string;
  level?: string;
  refresh?: boolean;
  config?: string;
  db?: string;
  json?: boolean;
}

interface WatchOpts {
  every: string;
  times?: string;
  baseUrl?: string;
  keep?: string;
  config?: string;
  db?: string;
  json?: boolean;
}

export function registerSyncCommands(
  program: Command,
  io: CliIO,
  run: (f: () => Promise<number>) => Promise<void>,
  net?: SyncCliIO,
): void {
  program
    .command('sync')
    .description(
      'bring the database up to date from the publishers’ live APIs (Census, BTS, CBP, FRED, World Bank); re-runs download only what changed and resume an interrupted sync',
    )
    .option(
      '--source <source...>',
      `sources to sync (default: all): ${SYNC_SOURCES.join(', ')}; repeat or separate with commas`,
    )
    .option(
      '--base-url <url>',
      'fetch the sources named by --source from this URL (a mirror, a proxy, a test server)',
    )
    .option(
      '--since <YYYY-MM>',
      'first month to fetch (defaults: Census API 2013-01, crossings 1996-01, TransBorder 2020-01)',
    )
    .option(
      '--partners <codes>',
      'Census API partners, Census codes and/or "all" (every partner at HS2); default 2010,1220,5700,all',
    )
    .option(
      '--level <levels>',
      'Census API HS levels for the partners named, e.g. HS2,HS6 (default HS2,HS4,HS6,HS10)',
    )
    .option('--refresh', 'download again even what the cache holds and is fresh')
    .option('--config <path>', 'config file (default: frontera.config.json in the working folder)')
    .option('--db <path>', DB_HELP)
    .option('--json', 'print the report as JSON (no progress)')
    .action((o: SyncOpts) => run(() => syncCommand(o, io, net)));

  program
    .command('watch')
    .description('poll a live source and append what it reports, building a history')
    .argument('<source>', 'cbp (CBP Border Wait Times, bwtnew)')
    .option('--every <duration>', 'time between polls: 30s, 15m, 1h', '15m')
    .option('--times <n>', 'stop after n polls (default: until interrupted)')
    .option('--base-url <url>', 'fetch bwtnew from this URL instead of bwt.cbp.gov')
    .option(
      '--keep <dir>',
      'keep each pull here, named by its pull time in UTC (default: cbp-watch beside the database)',
    )
    .option('--config <path>', 'config file (default: frontera.config.json in the working folder)')
    .option('--db <path>', DB_HELP)
    .option('--json', 'print each poll as one JSON line')
    .action((source: string, o: WatchOpts) => run(() => watchCommand(source, o, io, net)));
}

async function setup(o: { config?: string; db?: string }, io: CliIO) {
  const { loadSyncConfig } = await import('../../sync/sync-config.ts');
  const config = await loadSyncConfig(o.config, process.cwd());
  const db = dbPath(o.db, io);
  const cacheDir = config.cacheDir ? resolve(config.cacheDir) : join(dirname(db), 'cache');
  return { config, db, cacheDir };
}

async function syncCommand(o: SyncOpts, io: CliIO, given?: SyncCliIO): Promise<number> {
  // The sync layer (connectors, zod, the progress bar) loads only for this command.
  const [{ realHttpIO }, { syncSources }] = await Promise.all([
    import('../../sync/fetch-with-retry.ts'),
    import('../../sync/sync-sources.ts'),
  ]);
  const net = given ?? (realHttpIO() as SyncCliIO);
  const sources = sourcesOption(o.source);
  const { config, db, cacheDir } = await setup(o, io);
  const since = o.since === undefined ? undefined : sinceOption(o.since);
  const options = {
    since,
    partners: partnersOption(o.partners),
    levels: levelsOption(o.level),
    refresh: Boolean(o.refresh),
    censusKey: io.env.CENSUS_API_KEY || undefined,
  };
  const baseUrls: Partial<Record<SyncSourceId, string>> = {};
  if (o.baseUrl) {
    if (!/^https?:\/\//.test(o.baseUrl))
      throw new UsageError(`--base-url must be an http(s) URL, not ${JSON.stringify(o.baseUrl)}`);
    for (const s of sources) baseUrls[s] = o.baseUrl;
  }
  const store = await openForWriting(db, io);
  const bar = !o.json && io.isTTY ? await progressBar() : undefined;
  try {
    const report = await syncSources(
      store,
      { sources, baseUrls, options, config, cacheDir },
      { ...net, now: io.now, onProgress: bar?.update },
    );
    bar?.stop();
    if (o.json) io.out(JSON.stringify(report, null, 2));
    else printReport(report, db, io);
    return report.sources.some((s) => s.errors.length > 0) ? 1 : 0;
  } finally {
    bar?.stop();
    store.close();
  }
}

function printReport(report: SyncReport, db: string, io: CliIO): void {
  const rows = report.sources.map((s) => {
    const loaded = s.files.filter((f) => f.status === 'loaded');
    const added = loaded.reduce((a, f) => a + Object.values(f.rows).reduce((x, y) => x + y, 0), 0);
    return [
      s.source,
      s.requests.downloaded,
      s.requests.cached,
      s.requests.empty + s.requests.notFound,
      loaded.length,
      s.files.length - loaded.length,
      added,
      s.errors.length,
    ];
  });
  io.out(
    formatTable(
      [
        'source',
        'downloaded',
        'from cache',
        'no data',
        'files loaded',
        'unchanged',
        'rows added',
        'errors',
      ],
      rows,
    ),
  );
  for (const s of report.sources) {
    for (const n of s.notes) io.out(`${s.source}: ${n}`);
    for (const e of s.errors) io.err(`FAILED ${e.message}`);
  }
  io.out(`→ ${db} (responses cached in ${report.cacheDir})`);
}

async function watchCommand(
  source: string,
  o: WatchOpts,
  io: CliIO,
  net: SyncCliIO | undefined,
): Promise<number> {
  if (source !== 'cbp')
    throw new UsageError(`watch knows one source, cbp, not ${JSON.stringify(source)}`);
  const everyMs = durationOption(o.every);
  const times = o.times === undefined ? Infinity : Number(o.times);
  if (!Number.isInteger(times) && times !== Infinity)
    throw new UsageError(`--times must be a whole number, not ${JSON.stringify(o.times)}`);
  if (times < 1) throw new UsageError('--times must be at least 1');
  const { config, db, cacheDir } = await setup(o, io);
  const [{ realHttpIO }, { watchCbp }] = await Promise.all([
    import('../../sync/fetch-with-retry.ts'),
    import('../../sync/watch-cbp.ts'),
  ]);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  const sleep = (ms: number) =>
    new Promise<void>((done) => {
      if (stop.signal.aborted) return done();
      const t = setTimeout(done, ms);
      stop.signal.addEventListener('abort', () => (clearTimeout(t), done()), { once: true });
    });
  try {
    const polls = await watchCbp(
      // The lock is taken for each poll's write and let go between polls, so ingest, sql and
      // serve work while watch runs.
      async (write) => {
        const store = await openForWriting(db, io);
        try {
          return await write(store);
        } finally {
          store.close();
        }
      },
      {
        everyMs,
        times,
        baseUrl: o.baseUrl,
        config,
        cacheDir,
        keepDir: o.keep ?? join(dirname(db), 'cbp-watch'),
        signal: stop.signal,
        onPoll: (p) => {
          if (o.json) {
            io.out(
              JSON.stringify({
                kind: p.kind,
                at: p.at,
                status: p.status,
                added: p.added,
                errors: p.report.errors,
              }),
            );
            return;
          }
          const what =
            p.status === 'failed' ? 'failed' : `${p.added} new observations (${p.status})`;
          io.out(`${p.at}  cbp bwtnew: ${what}`);
          for (const e of p.report.errors) io.err(`FAILED ${e.message}`);
        },
      },
      // A real wait ends early on Ctrl-C; tests pass their own.
      { ...(net ?? realHttpIO()), sleep: net ? net.sleep : sleep, now: io.now },
    );
    return polls.some((p) => p.status === 'failed') ? 1 : 0;
  } finally {
    process.removeListener('SIGINT', onSignal);
  }
}

function sourcesOption(v: string[] | undefined): SyncSourceId[] {
  if (!v) return [...SYNC_SOURCES];
  const ids = v
    .flatMap((s) => s.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = ids.filter((s) => !isSyncSource(s));
  if (bad.length > 0)
    throw new UsageError(
      `unknown source ${bad.join(', ')}; expected one of ${SYNC_SOURCES.join(', ')}`,
    );
  // Run in the standard order, each once.
  return SYNC_SOURCES.filter((s) => ids.includes(s));
}

function sinceOption(v: string): string {
  const m = monthOption(v);
  if (!m) throw new UsageError('--since needs a month like 2013-01');
  return m;
}

function partnersOption(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.filter((p) => !/^(\d{4}|all)$/.test(p));
  if (list.length === 0 || bad.length > 0) {
    throw new UsageError(
      `--partners takes 4-digit Census codes and "all", e.g. 2010,1220,all; not ${JSON.stringify(bad.join(',') || v)}`,
    );
  }
  return list;
}

function levelsOption(v: string | undefined): HsLevel[] | undefined {
  if (v === undefined) return undefined;
  const list = v.split(',').map((s) => s.trim().toUpperCase().replace(/^(\d)/, 'HS$1'));
  const bad = list.filter((l) => !['HS2', 'HS4', 'HS6', 'HS10'].includes(l));
  if (list.length === 0 || bad.length > 0)
    throw new UsageError(`--level takes HS2, HS4, HS6 and HS10, not ${JSON.stringify(v)}`);
  return list as HsLevel[];
}

export function durationOption(v: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(v.trim());
  if (!m) throw new UsageError(`--every must look like 30s, 15m or 1h, not ${JSON.stringify(v)}`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(m[1]) * unit);
}

async function progressBar() {
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar(
    { format: 'sync {source} [{bar}] {value}/{total} requests', stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let current: string | undefined;
  return {
    update: (p: SyncProgress) => {
      if (p.source !== current) {
        if (current) bar.stop();
        bar.start(Math.max(p.planned, 1), p.done, { source: p.source });
        current = p.source;
      } else {
        bar.setTotal(Math.max(p.planned, 1));
        bar.update(p.done, { source: p.source });
      }
    },
    stop: () => {
      if (current) bar.stop();
      current = undefined;
    },
  };
}
