import type { Store } from '../store/open-store.ts';
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
 * aborts), appending each port's observations to the history CBP itself does not keep.
 */
export async function watchCbp(
  store: Store,
  opts: {
    everyMs: number;
    times: number;
    baseUrl?: string;
    config: SyncConfig;
    cacheDir: string;
    signal?: AbortSignal;
    onPoll?: (p: WatchPoll) => void;
  },
  io: SyncIO,
): Promise<WatchPoll[]> {
  const polls: WatchPoll[] = [];
  for (let i = 0; i < opts.times && !opts.signal?.aborted; i++) {
    if (i > 0) await io.sleep(opts.everyMs);
    if (opts.signal?.aborted) break;
    const r = await syncSources(
      store,
      {
        sources: ['cbp'],
        baseUrls: opts.baseUrl ? { cbp: opts.baseUrl } : {},
        options: { refresh: true },
        config: opts.config,
        cacheDir: opts.cacheDir,
      },
      io,
    );
    const report = r.sources[0]!;
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
