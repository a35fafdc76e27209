import { isLockConflict, openStore, type Store } from './open-store.ts';
import { writersWaiting } from './writer-intent.ts';

export interface SharedReaderOptions {
  /** How often to look for a writer waiting (and, while closed, try to open again). */
  pollMs?: number;
  /** How long a request waits for the database to come back before it is refused. */
  holdMs?: number;
  /** Opens the file read-only once (tests may count or slow it). */
  open?: (path: string) => Promise<Store>;
}

/** The database is being written by another process for longer than a request waits. */
export class StoreUpdating extends Error {
  constructor(path: string, holdMs: number, lastError?: string) {
    super(
      `the database ${path} is being updated by another frontera process (ingest, sync or watch); waited ${Math.round(holdMs / 1000)} s, try again shortly` +
        (lastError ? ` (last attempt to open it: ${lastError})` : ''),
    );
    this.name = 'StoreUpdating';
  }
}

/**
 * A long-lived reader (`frontera serve`) that shares the database file with writers in other
 * processes. DuckDB allows many read-only processes or one writer; this reader keeps its
 * read-only handle only while no writer is waiting:
 *
 * - every `pollMs` it looks for writer markers (`writer-intent.ts`); when one appears it takes
 *   no new work onto the handle, closes the handle once the work in flight ends, and so lets
 *   the writer's retrying open succeed;
 * - work that arrives meanwhile waits (up to `holdMs`, then `StoreUpdating`);
 * - once no marker is left it opens the file again, read-only, and bumps `generation`, so
 *   callers rebuild what they derived from the old handle (caches, ETags) and serve the new
 *   data without a restart.
 */
export class SharedReader {
  private store: Store | undefined;
  private gen = 1;
  private active = 0;
  private draining = false;
  private closed = false;
  private reopening = false;
  private lastError: string | undefined;
  private waiters: (() => void)[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly pollMs: number;
  private readonly holdMs: number;
  private readonly openOnce: (path: string) => Promise<Store>;

  private constructor(
    readonly path: string,
    store: Store,
    opts: SharedReaderOptions,
  ) {
    this.store = store;
    this.pollMs = opts.pollMs ?? 100;
    this.holdMs = opts.holdMs ?? 60_000;
    this.openOnce = opts.open ?? ((p) => openStore(p, { readOnly: true }));
    this.timer = setInterval(() => void this.tick(), this.pollMs);
    this.timer.unref();
  }

  /** `first` is the store already opened (and checked) by the caller. */
  static start(path: string, first: Store, opts: SharedReaderOptions = {}): SharedReader {
    return new SharedReader(path, first, opts);
  }

  /** Bumped each time the file is opened again: what was derived from the old handle is stale. */
  get generation(): number {
    return this.gen;
  }

  /** Runs `work` on the current handle, which stays open until `work` settles. */
  async lease<T>(work: (store: Store, generation: number) => Promise<T>): Promise<T> {
    while (!this.store || this.draining) await this.available();
    const store = this.store!;
    this.active++;
    try {
      return await work(store, this.gen);
    } finally {
      this.active--;
      if (this.draining && this.active === 0) this.release();
    }
  }

  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    this.store?.close();
    this.store = undefined;
    for (const w of this.waiters.splice(0)) w();
  }

  private available(): Promise<void> {
    return new Promise((ok, fail) => {
      const t = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        fail(new StoreUpdating(this.path, this.holdMs, this.lastError));
      }, this.holdMs);
      const done = () => {
        clearTimeout(t);
        if (this.closed) fail(new Error('the server is shutting down'));
        else ok();
      };
      this.waiters.push(done);
    });
  }

  private release(): void {
    this.store?.close();
    this.store = undefined;
    this.draining = false;
  }

  private async tick(): Promise<void> {
    if (this.closed || this.reopening) return;
    const waiting = writersWaiting(this.path);
    if (this.store && !this.draining && waiting) {
      this.draining = true;
      if (this.active === 0) this.release();
      return;
    }
    if (this.store || this.draining || waiting) return;
    this.reopening = true;
    try {
      const store = await this.openOnce(this.path);
      if (this.closed) {
        store.close();
        return;
      }
      this.store = store;
      this.lastError = undefined;
      this.gen++;
      for (const w of this.waiters.splice(0)) w();
    } catch (e) {
      // Usually the writer still holds the lock (its marker went just before its close); any
      // other failure is kept for the message requests get if it persists. Next tick retries.
      if (!isLockConflict(e)) this.lastError = (e as Error).message;
    } finally {
      this.reopening = false;
    }
  }
}
