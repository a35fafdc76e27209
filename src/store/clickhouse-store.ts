import type { DuckDBConnection } from '@duckdb/node-api';
import { ClickHouseConnection, loginRefusal } from './clickhouse-connection.ts';
import { attachClickHouse } from './clickhouse-reader.ts';
import { chName } from './clickhouse-literal.ts';
import type { ClickHouseTarget } from './clickhouse-target.ts';
import { EngineRefusal } from './engine-refusal.ts';
import type { Store } from './open-store.ts';

/** The table `publish` writes last: which model the database holds and from which data. */
export const PUBLISH_TABLE = 'frontera_publish';

/**
 * A store whose analytics run on a published ClickHouse model. It has no embedded database:
 * anything that would read one directly instead of through `runQuery` is refused with an
 * `EngineRefusal`, so an analysis not yet compiled for ClickHouse never answers from
 * somewhere else.
 */
export async function openClickHouseStore(target: ClickHouseTarget): Promise<Store> {
  const conn = new ClickHouseConnection(target.nodes[0]!, target.database);
  let stamp: Record<string, unknown> | undefined;
  try {
    const r = await conn.query(
      `SELECT data_version, published_at FROM ${chName(PUBLISH_TABLE)} ORDER BY published_at DESC LIMIT 1`,
    );
    stamp = r.data[0];
  } catch (e) {
    await conn.close();
    const refused = loginRefusal(e, target.nodes[0]!);
    if (refused) throw new Error(refused);
    throw new Error(
      `no Frontera model at ${target.text} (${(e as Error).message.split('\n')[0]}); publish one with: frontera publish --to ${target.text}`,
    );
  }
  if (!stamp) {
    await conn.close();
    throw new Error(
      `no Frontera model at ${target.text}; publish one with: frontera publish --to ${target.text}`,
    );
  }
  const refuse = (): Promise<never> =>
    Promise.reject(
      new EngineRefusal(
        'ClickHouse',
        'this analysis',
        'part of it reads the embedded store directly',
      ),
    );
  const embedded = new Proxy({} as DuckDBConnection, { get: () => refuse });
  const store: Store = {
    kind: 'store',
    path: target.text,
    readOnly: true,
    conn: embedded,
    memo: new Map(),
    read: refuse,
    // The whole-table reads a busy server makes (`askedOften`) are an optimisation for the
    // embedded store: some read it directly, others need DuckDB's any_value() and lists, which
    // 18.16 cannot give in the same order. The per-request queries, compiled for ClickHouse and
    // checked by the parity test, give the same answers.
    perRequestQueries: true,
    close() {
      void conn.close();
    },
  };
  attachClickHouse(store, {
    target,
    dataVersion: String(stamp.data_version),
    query: (sql, settings) => conn.query(sql, settings),
  });
  return store;
}
