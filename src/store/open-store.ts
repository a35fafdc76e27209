import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ConnectionPool } from './connection-pool.ts';
import { DuckDBInstance } from './duckdb.ts';
import { createSchema } from './create-schema.ts';
import { StoreBusyError } from './store-busy-error.ts';
import { announceWriter } from './writer-intent.ts';

// Callers that only need these (the CLI before it opens a database) import them from their
// own files, which do not load DuckDB.
export { StoreBusyError };
export { DEFAULT_DB_PATH, DEFAULT_LOCK_WAIT_MS } from './store-defaults.ts';

export interface Store {
  kind: 'store';
  path: string;
  readOnly: boolean;
  conn: DuckDBConnection;
  /**
   * Results that depend only on what is loaded (code lists, provenance), kept until the next
   * ingest into this store clears them.
   */
  memo: Map<string, Promise<unknown>>;
  /**
   * Runs a read on a connection: on a read-only store, one of a small pool (so the reads of
   * concurrent requests run side by side); on a writable one, `conn` itself (which sees what
   * its open transaction wrote).
   */
  read<T>(work: (conn: DuckDBConnection) => Promise<T>): Promise<T>;
  /**
   * Set by a store whose engine answers only the queries compiled for it by name (ClickHouse):
   * the analytics then always run each request's own query instead of reading a whole table
   * once to look answers up in memory (`askedOften`).
   */
  perRequestQueries?: true;
  close(): void;
}

/** Connections a read-only store lends to concurrent reads: one per core and one waiting on I/O. */
const POOL_SIZE = Math.max(2, availableParallelism() + 1);

/** Computes once per loaded state of the store. */
export function memoize<T>(store: Store, key: string, compute: () => Promise<T>): Promise<T> {
  let hit = store.memo.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = compute();
    store.memo.set(key, hit);
    hit.catch(() => store.memo.delete(key));
  }
  return hit;
}

/**
 * DuckDB's own memory (buffer pool, sorts, hash tables), `FRONTERA_MEMORY_LIMIT` or 2 GB.
 * DuckDB's default is 80% of the machine, which on a shared machine lets one large load take
 * everything; past the limit a writer's sorts and joins spill to `<database>.tmp` beside the
 * file instead, and the whole process stays under about twice the limit (measured by
 * `npm run bench`, section store-scale). A read-only store, whose file system is locked for
 * analysts' SQL, fails a query larger than the limit rather than spilling.
 */
export function memoryLimit(): string {
  return process.env.FRONTERA_MEMORY_LIMIT ?? '2GB';
}

export interface OpenOptions {
  readOnly?: boolean;
  /**
   * How long to keep trying while another process holds a conflicting lock (a writer, for a
   * reader; any reader or writer, for a writer). 0 tries once.
   */
  waitMs?: number;
  /** Between tries (tests shorten it). */
  retryMs?: number;
}

export function isLockConflict(e: unknown): boolean {
  return e instanceof Error && /Could not set lock on file/i.test(e.message);
}

/**
 * Opens (creating if needed) the embedded database. Read-only opening is how analysts' SQL
 * is kept from writing: DuckDB itself refuses every write in that mode.
 *
 * Sharing between processes (see `writer-intent.ts`): a writer announces itself first, so a
 * running server lets go of its read-only handle, and retries while the lock is held; a
 * reader retries while a writer holds it. Either gives up after `waitMs` with a
 * `StoreBusyError`. A writer's announcement ends when it closes the store.
 */
export async function openStore(path: string, opts: OpenOptions = {}): Promise<Store> {
  const readOnly = opts.readOnly ?? false;
  const waitMs = opts.waitMs ?? 0;
  if (path !== ':memory:' && !readOnly) await mkdir(dirname(path), { recursive: true });
  const withdraw = path !== ':memory:' && !readOnly ? announceWriter(path) : undefined;
  let instance: DuckDBInstance;
  const started = Date.now();
  try {
    for (;;) {
      try {
        instance = await DuckDBInstance.create(path, {
          access_mode: readOnly ? 'READ_ONLY' : 'READ_WRITE',
          memory_limit: memoryLimit(),
        });
        break;
      } catch (e) {
        if (!isLockConflict(e)) throw e;
        if (Date.now() - started >= waitMs) {
          throw new StoreBusyError(path, readOnly, waitMs, (e as Error).message);
        }
        await new Promise((done) => setTimeout(done, opts.retryMs ?? 100));
      }
    }
  } catch (e) {
    withdraw?.();
    throw e;
  }
  const conn = await instance.connect();
  try {
    if (!readOnly) await createSchema(conn);
  } catch (e) {
    conn.closeSync();
    instance.closeSync();
    withdraw?.();
    throw e;
  }
  const pool = readOnly ? new ConnectionPool(instance, POOL_SIZE, conn) : undefined;
  return {
    kind: 'store',
    path,
    readOnly,
    conn,
    memo: new Map(),
    read: (work) => (pool ? pool.use(work) : work(conn)),
    close() {
      pool?.close();
      conn.closeSync();
      instance.closeSync();
      withdraw?.();
    },
  };
}
