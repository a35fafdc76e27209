import { StoreBusyError, type Store } from '../store/open-store.ts';
import type { SyncConfig } from './sync-config.ts';
import type { SourceReport, SyncIO } from './sync-context.ts';
import { syncSources } from './sync-sources.ts';

export interface WatchPoll {
  kind: 'watch-poll';
  at: string;
  /** Observations this poll added (readings already stored are not added again). */
  added: number;
  status: 'loaded' | 'unchanged' | 'failed';
  report: SourceReport;
}

/**
 * `frontera watch cbp`: polls `bwtnew` every `everyMs`, `times` times (or until `signal`
 * aborts), appending each port's observations to the history CBP itself does not keep. Each
 * pull is kept in `keepDir` as CBP sent it (`bwtnew-YYYY-MM-DD_HH-MM-SS.json`, pull time in
 * UTC, like `cbp/bwt-history/`) and loaded from there, so the folder can be ingested again.
 */
export async function watchCbp(
  /** Runs one poll's work with the store open for writing (and only then). */
  withStore: (write: (store: Store) => Promise<SourceReport>) => Promise<SourceReport>,
  opts: {
    everyMs: number;
    times: number;
    baseUrl?: string;
    config: SyncConfig;
    cacheDir: string;
    /** Where each pull is kept, named by its pull time in UTC (see `SyncOptions.keepDir`). */
    keepDir: string;
    signal?: AbortSignal;
    onPoll?: (p: WatchPoll) => void;
  },
  io: SyncIO,
): Promise<WatchPoll[]> {
  const polls: WatchPoll[] = [];
  for (let i = 0; i < opts.times && !opts.signal?.aborted; i++) {
    if (i > 0) await io.sleep(opts.everyMs);
    if (opts.signal?.aborted) break;
    let report: SourceReport;
    try {
      report = await withStore(
        async (store) =>
          (
            await syncSources(
              store,
              {
                sources: ['cbp'],
                baseUrls: opts.baseUrl ? { cbp: opts.baseUrl } : {},
                options: { refresh: true, keepDir: opts.keepDir },
                config: opts.config,
                cacheDir: opts.cacheDir,
              },
              io,
            )
          ).sources[0]!,
      );
    } catch (e) {
      // The database stayed busy for longer than a poll waits: this poll fails, the next runs.
      if (!(e instanceof StoreBusyError)) throw e;
      report = busyReport(opts.baseUrl ?? 'https://bwt.cbp.gov', e.message);
    }
    const file = report.files[0];
    const poll: WatchPoll = {
      kind: 'watch-poll',
      at: io.now().toISOString(),
      added: file?.rows.wait_times ?? 0,
      status: file ? file.status : 'failed',
      report,
    };
    polls.push(poll);
    opts.onPoll?.(poll);
  }
  return polls;
}

function busyReport(baseUrl: string, message: string): SourceReport {
  return {
    kind: 'sync-source-report',
    source: 'cbp',
    baseUrl,
    requests: { planned: 0, downloaded: 0, cached: 0, empty: 0, notFound: 0, failed: 1 },
    files: [],
    errors: [{ source: 'cbp', url: baseUrl, reason: message, message: `cbp: ${message}` }],
    notes: [],
  };
}
