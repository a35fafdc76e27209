import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalysisResult } from '../analytics/result-table.ts';
import { resultTable } from '../analytics/result-table.ts';
import { jsonText } from '../model/json-text.ts';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { clickhouseOf } from '../store/clickhouse-reader.ts';
import type { Store } from '../store/open-store.ts';

export interface Body {
  body: string | Uint8Array<ArrayBuffer>;
  contentType: string;
  filename?: string;
}

/** A result as JSON, or its main table as CSV or Parquet. */
export async function encodeResult(
  store: Store,
  result: AnalysisResult | ({ kind: string } & object),
  format: 'json' | 'csv' | 'parquet',
): Promise<Body> {
  if (format === 'json')
    return { body: jsonText(result), contentType: 'application/json; charset=utf-8' };
  const table = resultTable(result as AnalysisResult);
  if (format === 'csv') {
    return {
      body: csvText(table.columns, table.rows),
      contentType: 'text/csv; charset=utf-8',
      filename: `${result.kind}.csv`,
    };
  }
  return {
    body: await parquetBytes(store, table.columns, table.rows),
    contentType: 'application/vnd.apache.parquet',
    filename: `${result.kind}.parquet`,
  };
}

function csvText(columns: string[], rows: unknown[][]): string {
  const esc = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [columns, ...rows].map((r) => r.map(esc).join(',')).join('\n') + '\n';
}

/**
 * Parquet through DuckDB: the rows go into a temporary table (allowed on a read-only
 * database) as text and are cast by column — whole numbers to BIGINT, so dollars stay exact.
 */
async function parquetBytes(
  store: Store,
  columns: string[],
  rows: unknown[][],
): Promise<Uint8Array<ArrayBuffer>> {
  const conn = await parquetWriter(store);
  const id = randomUUID().replaceAll('-', '');
  const table = `download_${id}`;
  const file = join(tmpdir(), `frontera-${id}.parquet`);
  const types = columns.map((_c, i) => {
    const values = rows.map((r) => r[i]).filter((v) => v !== null && v !== undefined);
    if (
      values.length > 0 &&
      values.every((v) => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v)))
    )
      return 'BIGINT';
    if (values.length > 0 && values.every((v) => typeof v === 'number')) return 'DOUBLE';
    return 'VARCHAR';
  });
  await conn.run(
    `CREATE TEMP TABLE ${table} (${columns.map((c, i) => `"${c.replaceAll('"', '')}" ${types[i]}`).join(', ')})`,
  );
  try {
    const appender = await conn.createAppender(table, 'main', 'temp');
    for (const r of rows) {
      r.forEach((v, i) => {
        if (v === null || v === undefined) appender.appendNull();
        else if (types[i] === 'BIGINT') appender.appendBigInt(BigInt(v as bigint));
        else if (types[i] === 'DOUBLE') appender.appendDouble(Number(v));
        else appender.appendVarchar(String(v));
      });
      appender.endRow();
    }
    appender.closeSync();
    await conn.run(`COPY ${table} TO '${file}' (FORMAT parquet)`);
    return new Uint8Array(await readFile(file));
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${table}`);
    await rm(file, { force: true });
  }
}

let writer: Promise<DuckDBConnection> | undefined;

/**
 * The DuckDB that writes the file: the store's own, or for a store with no embedded database
 * (ClickHouse) a private in-memory one — only the result's rows go into it, so the file is
 * the same bytes as from the embedded store.
 */
function parquetWriter(store: Store): Promise<DuckDBConnection> {
  if (!clickhouseOf(store)) return Promise.resolve(store.conn);
  writer ??= DuckDBInstance.create(':memory:').then((db) => db.connect());
  return writer;
}
