import { createRequire } from 'node:module';
import type * as DuckDB from '@duckdb/node-api';

/**
 * The DuckDB bindings, loaded with `require`. `@duckdb/node-api` is a CommonJS package whose
 * index re-exports about a hundred files; `import`ed from an ES module, Node first scans all of
 * them for their export names, which doubled the cost of loading DuckDB (about 100 ms more on
 * every command that opens a database). Values come from here; types may still be imported
 * from '@duckdb/node-api' with `import type`.
 */
const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof DuckDB;

export const { DuckDBInstance, StatementType, LIST, VARCHAR, listValue } = duckdb;
export type DuckDBInstance = DuckDB.DuckDBInstance;
export type StatementType = DuckDB.StatementType;
