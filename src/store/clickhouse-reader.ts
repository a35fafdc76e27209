import type { ClickHouseColumn } from './clickhouse-connection.ts';
import type { ClickHouseTarget } from './clickhouse-target.ts';
import type { Store } from './open-store.ts';

/** What the analytics see of a ClickHouse store: typed rows from ClickHouse SQL. */
export interface ClickHouseReader {
  target: ClickHouseTarget;
  /** Identifies the published data the same way the embedded store's files do (ETags). */
  dataVersion: string;
  query(
    sql: string,
    settings?: Record<string, string | number>,
  ): Promise<{ meta: ClickHouseColumn[]; data: Record<string, unknown>[] }>;
}

// Kept apart from the store itself so DuckDB commands never load the ClickHouse client.
const readers = new WeakMap<Store, ClickHouseReader>();

/** The ClickHouse engine behind a store, when it is one (`runQuery` compiles for it). */
export function clickhouseOf(store: Store): ClickHouseReader | undefined {
  return readers.get(store);
}

export function attachClickHouse(store: Store, reader: ClickHouseReader): void {
  readers.set(store, reader);
}
