// The yardstick of the store-scale bench: a bare Node process that copies one file into a
// fresh DuckDB database with DuckDB's own reader and nothing else (no checks, no provenance).
// Usage: node bench/bare-duckdb-copy.mjs FILE DB
import { DuckDBInstance } from '@duckdb/node-api';

const [file, db] = process.argv.slice(2);
const reader = file.endsWith('.parquet')
  ? 'read_parquet'
  : file.endsWith('.json')
    ? 'read_json'
    : 'read_csv';
const instance = await DuckDBInstance.create(db);
const c = await instance.connect();
await c.run(`CREATE TABLE copied AS SELECT * FROM ${reader}('${file.replaceAll("'", "''")}')`);
c.closeSync();
instance.closeSync();
