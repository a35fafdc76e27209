import type { Store } from '../store/open-store.ts';
import { borderCrossingConnector } from './border-crossing-connector.ts';
import { CallQuota } from './call-quota.ts';
import { cbpWaitTimesConnector } from './cbp-wait-times-connector.ts';
import { censusCountryConnector } from './census-country-connector.ts';
import { censusTradeConnector } from './census-trade-connector.ts';
import { concurrencyLimit } from './concurrency-limit.ts';
import type { Connector } from './connector.ts';
import { fredConnector } from './fred-connector.ts';
import { ResponseCache } from './response-cache.ts';
import { serialQueue } from './serial-queue.ts';
import { retryPolicy, type SyncConfig, type SyncSourceId } from './sync-config.ts';
import { SyncContext, type SourceReport, type SyncIO, type SyncOptions } from './sync-context.ts';
import { QuotaExhausted } from './sync-error.ts';
import { SyncLedger } from './sync-ledger.ts';
import { transborderConnector } from './transborder-connector.ts';
import { worldBankConnector } from './world-bank-connector.ts';

export const CONNECTORS: Record<SyncSourceId, Connector> = {
  'world-bank': worldBankConnector,
  'census-country': censusCountryConnector,
  fred: fredConnector,
  cbp: cbpWaitTimesConnector,
  'bts-crossings': borderCrossingConnector,
  'bts-transborder': transborderConnector,
  'census-api': censusTradeConnector,
};

export interface SyncRun {
  sources: readonly SyncSourceId[];
  /** `--base-url`: overrides the config file for the sources it is given for. */
  baseUrls: Partial<Record<SyncSourceId, string>>;
  options: SyncOptions;
  config: SyncConfig;
  cacheDir: string;
}

export interface SyncReport {
  kind: 'sync-report';
  cacheDir: string;
  sources: SourceReport[];
}

/**
 * `frontera sync`: for each source in turn, plan its requests, fetch what the cache does not
 * already hold, and load every response through the readers and `ingestFile`. One source's
 * failure is reported and the next source still runs.
 */
export async function syncSources(store: Store, run: SyncRun, io: SyncIO): Promise<SyncReport> {
  const serial = serialQueue();
  const ledger = await SyncLedger.load(store, serial);
  const cache = new ResponseCache(run.cacheDir);
  const report: SyncReport = { kind: 'sync-report', cacheDir: cache.dir, sources: [] };
  for (const id of run.sources) {
    const connector = CONNECTORS[id];
    const sourceConfig = run.config.sources[id];
    const baseUrl = run.baseUrls[id] ?? sourceConfig.baseUrl ?? connector.defaultBaseUrl;
    const quota =
      id === 'census-api'
        ? await CallQuota.load(
            store,
            serial,
            id,
            run.options.censusKey ? undefined : run.config.sources['census-api'].dailyLimit,
            io.now,
          )
        : undefined;
    const ctx = new SyncContext(id, baseUrl, run.options, run.config, {
      store,
      serial,
      ledger,
      cache,
      io,
      policy: retryPolicy(run.config, id),
      limiter: concurrencyLimit(sourceConfig.concurrency ?? run.config.concurrency),
      quota,
    });
    try {
      await connector.run(ctx);
    } catch (e) {
      if (e instanceof QuotaExhausted)
        ctx.stoppedByQuota(`${e.message}; run frontera sync again tomorrow to resume`);
      else ctx.fail(e);
    }
    await quota?.flush();
    await serial(async () => undefined);
    report.sources.push(ctx.report());
  }
  return report;
}
