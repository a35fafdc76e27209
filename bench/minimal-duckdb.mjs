// The floor a cold `frontera profile partner` is measured against (bench/cold-bench.ts): a
// minimal Node process that loads DuckDB, opens the database read-only, runs the partner's
// totals for one year (the profile's headline figures, from the same view) and prints them.
// Plain JavaScript, so nothing but Node and DuckDB loads.
//   node bench/minimal-duckdb.mjs DB PARTNER_CODE YEAR
import { DuckDBInstance } from '@duckdb/node-api';

const [path, code, year] = process.argv.slice(2);
const db = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
const conn = await db.connect();
const r = await conn.runAndReadAll(
  `SELECT sum(value_usd) FILTER (WHERE flow = 'export') AS exports,
          sum(value_usd) FILTER (WHERE flow = 'import_general') AS imports
   FROM trade_country_month
   WHERE series = 'country.xlsx' AND partner_code = $code AND year(month) = $year`,
  { code, year: Number(year) },
);
process.stdout.write(`${JSON.stringify(r.getRowObjectsJson()[0])}\n`);
conn.closeSync();
db.closeSync();
