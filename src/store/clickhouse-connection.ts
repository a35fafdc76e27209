import { Readable } from 'node:stream';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import type { ClickHouseNode } from './clickhouse-target.ts';

/** A column of a result as ClickHouse names and types it. */
export interface ClickHouseColumn {
  name: string;
  type: string;
}

/**
 * One ClickHouse server over HTTP through the official client (`@clickhouse/client`). It
 * works against Debian's 18.16 for queries, commands and JSONEachRow inserts, but not for
 * query parameters: 18.16 refuses the `param_*` settings the client sends them as ("Unknown
 * setting param_x"), so callers inline values as escaped literals (`clickhouse-literal.ts`).
 * No setting a newer server added is sent, or 18.16 refuses the whole request.
 */
export class ClickHouseConnection {
  readonly node: ClickHouseNode;
  readonly database: string;
  private readonly client: ClickHouseClient;

  /**
   * `requestTimeoutMs`: how long one request may take (the client's default, 30 s, is too
   * short for a load of tens of millions of rows in one INSERT … SELECT).
   */
  constructor(node: ClickHouseNode, database: string, opts: { requestTimeoutMs?: number } = {}) {
    this.node = node;
    this.database = database;
    // Failures reach the caller as errors; the client's own console log would repeat them.
    // Credentials go as HTTP basic authentication, never in the URL or a message.
    this.client = createClient({
      url: `http://${node.host}:${node.port}`,
      database,
      username: node.user ?? 'default',
      password: node.password ?? '',
      log: { level: ClickHouseLogLevel.OFF },
      ...(opts.requestTimeoutMs ? { request_timeout: opts.requestTimeoutMs } : {}),
    });
  }

  /** Rows with their columns' types (numbers of 64 bits come as strings, exact). */
  async query(
    sql: string,
    settings: Record<string, string | number> = {},
  ): Promise<{ meta: ClickHouseColumn[]; data: Record<string, unknown>[] }> {
    // JSONCompact: each row an array (the same values as JSON's objects, without every column
    // name on every row to send and parse), made into the objects JSON.parse would give.
    const r = await this.client.query({
      query: sql,
      format: 'JSONCompact',
      clickhouse_settings: settings as never,
    });
    const body = (await r.json()) as { meta: ClickHouseColumn[]; data: unknown[][] };
    return { meta: body.meta, data: rowObjects(body.meta, body.data) };
  }

  async command(sql: string): Promise<void> {
    await this.client.command({ query: sql });
  }

  /** Rows as JSON objects, in one INSERT … FORMAT JSONEachRow. */
  async insert(table: string, rows: Record<string, unknown>[]): Promise<void> {
    await this.client.insert({ table, values: rows, format: 'JSONEachRow' });
  }

  /** Rows already written as TabSeparated text (publish-clickhouse.ts `fieldSql`), in one INSERT. */
  async insertTsv(table: string, text: string): Promise<void> {
    await this.client.insert({
      table,
      values: Readable.from([Buffer.from(text)], { objectMode: false }),
      format: 'TabSeparated',
    });
  }

  async ping(): Promise<boolean> {
    return (await this.client.ping()).success;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/**
 * Rows of values as objects keyed by column name, as JSON.parse reads the JSON format's rows:
 * own properties in column order, a name repeated keeping its place and its last value.
 */
function rowObjects(meta: ClickHouseColumn[], rows: unknown[][]): Record<string, unknown>[] {
  const names = meta.map((m) => m.name);
  // An own property even for `__proto__` (an assignment would set the prototype instead).
  const plain = !names.includes('__proto__');
  return rows.map((row) => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++)
      if (plain) o[names[i]!] = row[i];
      else
        Object.defineProperty(o, names[i]!, {
          value: row[i],
          enumerable: true,
          writable: true,
          configurable: true,
        });
    return o;
  });
}

/**
 * What to say when a server refuses the login (unknown user, wrong or missing password: codes
 * 192–194 on 18.16, 516 on current servers), or undefined for any other failure. It names the
 * user, never the password.
 */
export function loginRefusal(e: unknown, node: ClickHouseNode): string | undefined {
  const first = ((e as Error)?.message ?? String(e)).split('\n')[0]!;
  if (!/\bCode: (192|193|194|516)\b|Authentication failed/i.test(first)) return undefined;
  return `ClickHouse at ${node.host}:${node.port} refused user ${node.user ?? 'default'} (${first}): check the user (clickhouse://USER@HOST:PORT, or --user) and $FRONTERA_CLICKHOUSE_PASSWORD`;
}
