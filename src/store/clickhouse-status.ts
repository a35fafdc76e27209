import { clickhouseOf } from './clickhouse-reader.ts';
import { chName, chLiteral } from './clickhouse-literal.ts';
import { PUBLISH_TABLE } from './clickhouse-store.ts';
import type { Store } from './open-store.ts';

/** `frontera status --engine clickhouse://…`: the model published there. */
export interface ClickHouseStatus {
  kind: 'clickhouse-status';
  engine: string;
  database: string;
  /** The embedded store's data version the model was published from (ETags). */
  dataVersion: string;
  /** When publish swapped the model in (UTC, whole seconds). */
  publishedAt: string;
  tables: {
    table: string;
    rows: number;
    layout: 'sharded' | 'copied to every shard' | 'single server';
  }[];
}

/**
 * What a ClickHouse database holds of the model: the last publish's stamp and each published
 * table's rows, counted through the table readers use (a Distributed table counts every
 * shard). Publish's own tables (`<t>_local` under a Distributed one, `__new`/`__old` during a
 * swap) and its stamp are not listed.
 */
export async function clickhouseStatus(store: Store): Promise<ClickHouseStatus> {
  const ch = clickhouseOf(store);
  if (!ch) throw new Error('not a ClickHouse store');
  const [stamp] = (
    await ch.query(
      `SELECT data_version, toUnixTimestamp(published_at) AS at FROM ${chName(PUBLISH_TABLE)}
       ORDER BY published_at DESC LIMIT 1`,
    )
  ).data;
  const tables = (
    await ch.query(
      `SELECT name, engine FROM system.tables
       WHERE database = ${chLiteral(ch.target.database)} AND name != ${chLiteral(PUBLISH_TABLE)}
         AND NOT endsWith(name, '__new') AND NOT endsWith(name, '__old')
       ORDER BY name`,
    )
  ).data.map((r) => ({ name: String(r.name), engine: String(r.engine) }));
  const names = new Set(tables.map((t) => t.name));
  const listed = tables.filter(
    (t) => !(t.name.endsWith('_local') && names.has(t.name.slice(0, -'_local'.length))),
  );
  const counts =
    listed.length === 0
      ? []
      : (
          await ch.query(
            listed
              .map((t) => `SELECT ${chLiteral(t.name)} AS t, count() AS n FROM ${chName(t.name)}`)
              .join(' UNION ALL '),
          )
        ).data;
  const rows = new Map(counts.map((r) => [String(r.t), Number(r.n)]));
  return {
    kind: 'clickhouse-status',
    engine: ch.target.text,
    database: ch.target.database,
    dataVersion: String(stamp?.data_version ?? ''),
    publishedAt: new Date(Number(stamp?.at ?? 0) * 1000).toISOString().replace('.000Z', 'Z'),
    tables: listed.map((t) => ({
      table: t.name,
      rows: rows.get(t.name) ?? 0,
      // As publish's summary names them; copies go to every server the address lists.
      layout:
        t.engine === 'Distributed'
          ? 'sharded'
          : ch.target.nodes.length > 1
            ? 'copied to every shard'
            : 'single server',
    })),
  };
}
