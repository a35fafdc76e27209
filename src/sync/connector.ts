import type { SyncConfig, SyncSourceId } from './sync-config.ts';
import type { SyncContext } from './sync-context.ts';

/**
 * One publisher's live API: it plans the requests for the options given, fetches them through
 * the context (cache, ledger, retries, quota) and hands each response — written to a file in
 * the publisher's own format — to the same readers and `ingestFile` as file ingest.
 */
export interface Connector {
  id: SyncSourceId;
  title: string;
  defaultBaseUrl: string;
  /** Runs the sync; failed requests are recorded in the context, not thrown. */
  run(ctx: SyncContext): Promise<void>;
}

export type SourceConfig<S extends SyncSourceId> = SyncConfig['sources'][S];
