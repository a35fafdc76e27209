import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { createSchema } from './create-schema.ts';

export interface Store {
  kind: 'store';
  path: string;
  readOnly: boolean;
  conn: DuckDBConnection;
  close(): void;
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
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
