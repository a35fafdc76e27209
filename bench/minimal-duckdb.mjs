// The floor a cold `frontera profile partner` is measured against (bench/cold-bench.ts): a
// minimal Node process that loads DuckDB, opens the database read-only, runs the partner's
// totals for one year (the profile's headline figures, from the same view) and prints them.
// Plain JavaScript, so nothing but Node and DuckDB loads. DuckDB is `import`ed, as a script
// would; with `require` as the last argument it is loaded the way Frontera loads it
// (src/store/duckdb.ts), the lowest floor.
//   node bench/minimal-duckdb.mjs DB PARTNER_CODE YEAR [import|require]
import { createRequire } from 'node:module';

const [path, code, year, how = 'import'] = process.argv.slice(2);
const { DuckDBInstance } =
  how === 'require'
    ? createRequire(import.meta.url)('@duckdb/node-api')
    : await import('@duckdb/node-api');
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
