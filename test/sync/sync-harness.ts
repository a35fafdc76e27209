/** Shared pieces of the sync tests: a fast config, a fixed clock, a database fingerprint. */
import { TABLES } from '../../src/model/tables.ts';
import type { Store } from '../../src/store/open-store.ts';
import { parseSyncConfig, SYNC_SOURCES, type SyncSourceId } from '../../src/sync/sync-config.ts';
import type { SyncIO, SyncOptions } from '../../src/sync/sync-context.ts';
import { syncSources, type SyncReport } from '../../src/sync/sync-sources.ts';
import { query } from '../helpers.ts';
import type { FakePublisher } from './fake-publisher.ts';

export const NOW = new Date('2025-03-15T12:00:00Z');

/** Short back-offs; time-outs long enough that a busy machine does not cause retries. */
export const FAST = {
  baseDelayMs: 1,
  maxDelayMs: 5,
  timeoutMs: 3000,
  idleTimeoutMs: 3000,
  totalTimeoutMs: 20_000,
  sources: {
    fred: { series: ['EXPCH', 'IMPCH'] },
    'world-bank': { perPage: 5000 },
    'bts-crossings': { pageSize: 1000 },
  },
};

export const SMALL_CENSUS: SyncOptions = {
  refresh: false,
  since: '2015-01',
  partners: ['2010', 'all'],
  levels: ['HS2', 'HS4'],
};

export interface RunArgs {
  sources?: readonly SyncSourceId[];
  options?: Partial<SyncOptions>;
  config?: Record<string, unknown>;
  now?: Date;
  cacheDir: string;
  sleeps?: number[];
}

export function testIO(now: Date, sleeps: number[] = []): SyncIO {
  return {
    fetch: globalThis.fetch,
    // Waits are recorded, not slept: Retry-After of 2 s costs nothing here.
    sleep: async (ms) => void sleeps.push(ms),
    now: () => now,
    random: () => 0.5,
  };
}

export async function runSync(store: Store, fake: FakePublisher, a: RunArgs): Promise<SyncReport> {
  const sources = a.sources ?? SYNC_SOURCES.filter((s) => s !== 'census-country');
  return syncSources(
    store,
    {
      sources,
      baseUrls: Object.fromEntries(sources.map((s) => [s, fake.url])),
      options: { ...SMALL_CENSUS, ...a.options },
      config: parseSyncConfig({
        ...FAST,
        ...a.config,
        sources: { ...FAST.sources, ...(a.config?.sources as object | undefined) },
      }),
      cacheDir: a.cacheDir,
    },
    testIO(a.now ?? NOW, a.sleeps),
  );
}

/**
 * Every row of every model table, with the SHA-256 of the file it came from in place of the
 * file's id (ids follow load order; content does not), plus the files themselves. Each row's
 * text is hashed, and the sorted row hashes are hashed again: the same rows (as a multiset)
 * give the same print, and sorting 32-character hashes costs far less than sorting the rows'
 * text (a sync's tables hold some 150,000 rows).
 */
export async function fingerprint(store: Store): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  out.source_file = await query(
    store,
    `SELECT source, series, sha256, vintage, period_from, period_to, rows, tables, notes
     FROM source_file ORDER BY sha256`,
  );
  for (const t of Object.keys(TABLES)) {
    const [r] = await query(
      store,
      `SELECT count(*) AS n, md5(coalesce(string_agg(x, '' ORDER BY x), '')) AS h FROM (
         SELECT md5(CAST(s AS VARCHAR)) AS x FROM (
           SELECT t.* EXCLUDE (source_file_id), f.sha256 AS file_sha256
           FROM ${t}_all t JOIN source_file f ON f.id = t.source_file_id) s)`,
    );
    out[t] = r;
  }
  return out;
}
