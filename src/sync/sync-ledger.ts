import type { Store } from '../store/open-store.ts';
import type { SerialQueue } from './serial-queue.ts';

/** What one request returned the last time it was made. */
export interface LedgerEntry {
  /** Source and URL without API keys: the same request on a later run has the same key. */
  key: string;
  source: string;
  url: string;
  outcome: 'body' | 'empty' | 'not-found';
  sha256: string | null;
  bytes: number | null;
  contentType: string | null;
  fetchedAt: Date;
}

/**
 * The request ledger (table `sync_request`): which cached response each request returned and
 * when. Read once into memory; every write goes through the store's serial queue.
 */
export class SyncLedger {
  private readonly entries = new Map<string, LedgerEntry>();

  private constructor(
    private readonly store: Store,
    private readonly serial: SerialQueue,
  ) {}

  static async load(store: Store, serial: SerialQueue): Promise<SyncLedger> {
    const ledger = new SyncLedger(store, serial);
    const r = await serial(() =>
      store.conn.runAndReadAll(
        `SELECT request_key, source, url, outcome, sha256, bytes, content_type,
                epoch_ms(fetched_at) FROM sync_request`,
      ),
    );
    for (const [key, source, url, outcome, sha, bytes, type, at] of r.getRowsJS()) {
      ledger.entries.set(String(key), {
        key: String(key),
        source: String(source),
        url: String(url),
        outcome: String(outcome) as LedgerEntry['outcome'],
        sha256: sha == null ? null : String(sha),
        bytes: bytes == null ? null : Number(bytes),
        contentType: type == null ? null : String(type),
        fetchedAt: new Date(Number(at)),
      });
    }
    return ledger;
  }

  get(key: string): LedgerEntry | undefined {
    return this.entries.get(key);
  }

  async put(e: LedgerEntry): Promise<void> {
    this.entries.set(e.key, e);
    await this.serial(async () => {
      const p = await this.store.conn.prepare(`
        INSERT INTO sync_request VALUES ($key, $source, $url, $outcome, $sha, $bytes, $type, $at::TIMESTAMPTZ)
        ON CONFLICT (request_key) DO UPDATE SET source = excluded.source, url = excluded.url,
          outcome = excluded.outcome, sha256 = excluded.sha256, bytes = excluded.bytes,
          content_type = excluded.content_type, fetched_at = excluded.fetched_at`);
      p.bind({
        key: e.key,
        source: e.source,
        url: e.url,
        outcome: e.outcome,
        sha: e.sha256,
        bytes: e.bytes,
        type: e.contentType,
        at: e.fetchedAt.toISOString(),
      });
      await p.run();
    });
  }

  /** Drops a request's entry, so its response is never reused: the next run asks again. */
  async forget(key: string): Promise<boolean> {
    if (!this.entries.delete(key)) return false;
    await this.serial(async () => {
      const p = await this.store.conn.prepare(`DELETE FROM sync_request WHERE request_key = $key`);
      p.bind({ key });
      await p.run();
    });
    return true;
  }
}
