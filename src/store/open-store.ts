import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createSchema } from './create-schema.ts';

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
  close(): void;
}

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

export const DEFAULT_DB_PATH = '.frontera/frontera.duckdb';

/**
 * Opens (creating if needed) the embedded database. Read-only opening is how analysts' SQL
 * is kept from writing: DuckDB itself refuses every write in that mode.
 */
export async function openStore(path: string, opts: { readOnly?: boolean } = {}): Promise<Store> {
  const readOnly = opts.readOnly ?? false;
  if (path !== ':memory:' && !readOnly) await mkdir(dirname(path), { recursive: true });
  const instance = await DuckDBInstance.create(path, {
    access_mode: readOnly ? 'READ_ONLY' : 'READ_WRITE',
  });
  const conn = await instance.connect();
  if (!readOnly) await createSchema(conn);
  return {
    kind: 'store',
    path,
    readOnly,
    conn,
    memo: new Map(),
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
