import { createClient, type ClickHouseClient } from '@clickhouse/client';
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

  constructor(node: ClickHouseNode, database: string) {
    this.node = node;
    this.database = database;
    this.client = createClient({ url: `http://${node.host}:${node.port}`, database });
  }

  /** Rows with their columns' types (numbers of 64 bits come as strings, exact). */
  async query(
    sql: string,
    settings: Record<string, string | number> = {},
  ): Promise<{ meta: ClickHouseColumn[]; data: Record<string, unknown>[] }> {
    const r = await this.client.query({
      query: sql,
      format: 'JSON',
      clickhouse_settings: settings as never,
    });
    const body = (await r.json()) as { meta: ClickHouseColumn[]; data: Record<string, unknown>[] };
    return { meta: body.meta, data: body.data };
  }

  async command(sql: string): Promise<void> {
    await this.client.command({ query: sql });
  }

  /** Rows as JSON objects, streamed in one INSERT … FORMAT JSONEachRow. */
  async insert(
    table: string,
    rows: AsyncIterable<Record<string, unknown>[]> | Record<string, unknown>[],
  ): Promise<void> {
    if (Array.isArray(rows)) {
      await this.client.insert({ table, values: rows, format: 'JSONEachRow' });
      return;
    }
    for await (const batch of rows) {
      if (batch.length > 0)
        await this.client.insert({ table, values: batch, format: 'JSONEachRow' });
    }
  }

  async ping(): Promise<boolean> {
    return (await this.client.ping()).success;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}
