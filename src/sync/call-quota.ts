import type { Store } from '../store/open-store.ts';
import type { SerialQueue } from './serial-queue.ts';
import { QuotaExhausted } from './sync-error.ts';

/**
 * Calls made to a source per UTC day (table `sync_call`), counted before each attempt and
 * refused once the daily limit is reached — before exceeding it, not after. The count lives
 * in the database, so separate runs on the same day share it.
 */
export class CallQuota {
  private day = '';
  private used = 0;

  private constructor(
    private readonly store: Store,
    private readonly serial: SerialQueue,
    readonly source: string,
    /** Undefined: counted, never refused (a key is set). */
    readonly limit: number | undefined,
    private readonly now: () => Date,
  ) {}

  static async load(
    store: Store,
    serial: SerialQueue,
    source: string,
    limit: number | undefined,
    now: () => Date,
  ): Promise<CallQuota> {
    const q = new CallQuota(store, serial, source, limit, now);
    await q.roll();
    return q;
  }

  /** Calls made so far today. */
  usedToday(): number {
    return this.used;
  }

  /** Takes one call from today's allowance, or throws QuotaExhausted without making it. */
  take(): void {
    const today = this.now().toISOString().slice(0, 10);
    if (today !== this.day) {
      // A new day: the allowance starts again (the stored count for it is read back as 0).
      this.day = today;
      this.used = 0;
    }
    if (this.limit !== undefined && this.used >= this.limit) {
      throw new QuotaExhausted(this.source, this.used, this.limit, this.day);
    }
    this.used++;
    const [day, calls] = [this.day, this.used];
    void this.serial(() =>
      this.store.conn.run(
        `INSERT INTO sync_call VALUES ('${this.source}', DATE '${day}', ${calls})
         ON CONFLICT (source, day) DO UPDATE SET calls = greatest(calls, excluded.calls)`,
      ),
    ).catch(() => undefined);
  }

  /** Waits until every counted call is stored. */
  async flush(): Promise<void> {
    await this.serial(async () => undefined);
  }

  private async roll(): Promise<void> {
    this.day = this.now().toISOString().slice(0, 10);
    const r = await this.serial(() =>
      this.store.conn.runAndReadAll(
        `SELECT calls FROM sync_call WHERE source = '${this.source}' AND day = DATE '${this.day}'`,
      ),
    );
    this.used = Number(r.getRowsJS()[0]?.[0] ?? 0);
  }
}
