import type { DuckDBType, DuckDBValue } from '@duckdb/node-api';
import { clickhouseOf } from '../store/clickhouse-reader.ts';
import { LIST, listValue, VARCHAR } from '../store/duckdb.ts';
import type { ModelTable } from '../model/tables.ts';
import { memoize, type Store } from '../store/open-store.ts';
import type { Read } from './provenance.ts';

export type Param = string | number | boolean | null | readonly string[];

/**
 * SQL with every user-supplied value as a named parameter: no user text is ever spliced into
 * the SQL string. `tables` says what the query reads, for provenance.
 */
export interface CompiledQuery {
  kind: 'compiled-query';
  name: string;
  sql: string;
  params: Record<string, Param>;
  tables: ModelTable[];
  /** The rows it reads (its table and filter), for citing exactly their files. */
  reads?: Read[];
  /**
   * Makes or reads a temporary table: those live on one connection, so such a query runs on
   * the store's own connection, never on another of the read pool's.
   */
  session?: boolean;
}

export type Row = Record<string, unknown>;

/** Named parameters as DuckDB binds them (a list of strings as VARCHAR[]). */
export function bindParams(params: Record<string, Param>): {
  values: Record<string, DuckDBValue>;
  types: Record<string, DuckDBType>;
} {
  const values: Record<string, DuckDBValue> = {};
  const types: Record<string, DuckDBType> = {};
  for (const [k, v] of Object.entries(params)) {
    if (Array.isArray(v)) {
      values[k] = listValue([...v]);
      types[k] = LIST(VARCHAR);
    } else values[k] = v as DuckDBValue;
  }
  return { values, types };
}

/**
 * Runs a compiled query; BIGINT values stay bigint so dollars are exact. On a ClickHouse
 * store (`frontera serve --engine clickhouse://…`) the query is compiled to its dialect
 * (`clickhouse-dialect.ts`, loaded only then), or refused when it has no translation.
 */
export async function runQuery(store: Store, q: CompiledQuery): Promise<Row[]> {
  const ch = clickhouseOf(store);
  if (ch) return (await import('./clickhouse-dialect.ts')).runOnClickHouse(ch, q);
  const { values, types } = bindParams(q.params);
  const r = q.session
    ? await store.conn.runAndReadAll(q.sql, values, types)
    : await store.read((c) => c.runAndReadAll(q.sql, values, types));
  return r.getRowObjectsJS() as Row[];
}

/**
 * For queries whose answer is shared by many requests (a year's ranking of all partners,
 * coverage): computed once per loaded state of the store.
 */
export function runShared(store: Store, q: CompiledQuery): Promise<Row[]> {
  return memoize(store, `q:${q.name}:${q.sql}:${JSON.stringify(q.params)}`, () =>
    runQuery(store, q),
  );
}
