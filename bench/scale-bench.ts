/**
 * Scale: a SYNTHETIC product-level table (HS10 × partner × customs district × month) at
 * realistic cardinalities, built only inside this bench, in a throwaway database, and labelled
 * synthetic everywhere. The product never reads it. Codes are real (HS10 codes from the bundle's
 * Census API extracts, Census partner codes, Schedule D districts); values are random.
 */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { compileProductQuery } from '../src/analytics/product-queries.ts';
import { medianOf } from './profile-bench.ts';

/** The bench's own table, built and thrown away here: the model never reads it. */
const SYNTHETIC = { from: 'synthetic_product_district_month', hs: 'hs_code', period: 'month' };

export async function benchScale(dir: string, data: string, rows: number): Promise<void> {
  const db = await DuckDBInstance.create(join(dir, 'synthetic.duckdb'), { memory_limit: '8GB' });
  const c = await db.connect();
  const extracts = join(data, 'census/api-extracts/imports-hs10-2024/*.parquet');
  const months = 120;
  const t0 = performance.now();
  await c.run(`
    CREATE TABLE hs10 AS SELECT row_number() OVER () - 1 AS i, code FROM (SELECT DISTINCT I_COMMODITY AS code FROM read_parquet('${extracts}') ORDER BY 1);
    CREATE TABLE partners AS SELECT row_number() OVER () - 1 AS i, code FROM (SELECT DISTINCT partner_code AS code FROM (VALUES ('2010'), ('1220'), ('5700')) v(partner_code) UNION SELECT lpad((1000 + 30 * r)::VARCHAR, 4, '0') FROM range(225) t(r));
    CREATE TABLE districts AS SELECT r AS i, lpad((1 + r * 2)::VARCHAR, 2, '0') AS code FROM range(45) t(r);`);
  const nHs = Number((await c.runAndReadAll('SELECT count(*) FROM hs10')).getRowsJS()[0]![0]);
  // Skewed like real trade: a few partners and products carry most rows (squared uniforms).
  await c.run(`
    CREATE TABLE synthetic_product_district_month AS
    SELECT date_add(DATE '2015-01-01', INTERVAL (r * ${months} // ${rows}) MONTH) AS month,
           CASE WHEN hash(r) % 2 = 0 THEN 'export' ELSE 'import_general' END AS flow,
           p.code AS partner_code, d.code AS district, h.code AS hs_code,
           (hash(r * 31) % 5000000)::BIGINT + 1 AS value_usd
    FROM range(${rows}) t(r)
    JOIN partners p ON p.i = (floor(pow((hash(r * 7) % 10000) / 10000.0, 2) * 228))::BIGINT
    JOIN districts d ON d.i = hash(r * 13) % 45
    JOIN hs10 h ON h.i = (floor(pow((hash(r * 17) % 100000) / 100000.0, 2) * ${nHs}))::BIGINT
    ORDER BY month`);
  const build = performance.now() - t0;
  const count = Number(
    (
      await c.runAndReadAll('SELECT count(*) FROM synthetic_product_district_month')
    ).getRowsJS()[0]![0],
  );
  const store = { conn: c };
  const profile = compileProductQuery(
    { kind: 'partner-product-profile', table: 'trade_product', partner: '2010', year: 2024 },
    SYNTHETIC,
  );
  const top = compileProductQuery(
    {
      kind: 'top-products',
      table: 'trade_product',
      flow: 'import_general',
      year: 2024,
      level: 6,
      limit: 20,
    },
    SYNTHETIC,
  );
  const run = async (q: typeof profile) => {
    for (const stmt of q) await store.conn.runAndReadAll(stmt.sql, stmt.params as never);
  };
  await run(profile);
  await run(top);
  const tProfile = await medianOf(5, () => run(profile));
  const tTop = await medianOf(5, () => run(top));
  const mem = (
    await c.runAndReadAll(`SELECT sum(memory_usage_bytes) FROM duckdb_memory()`)
  ).getRowsJS()[0]![0];
  console.log(
    `\nScale (SYNTHETIC data, built here and thrown away): ${count.toLocaleString('en-US')} rows of HS10 × partner × district × month, ${nHs.toLocaleString('en-US')} HS10 codes, 228 partners, 45 districts, ${months} months`,
  );
  console.log(`  build time                  : ${(build / 1000).toFixed(1)} s`);
  console.log(
    `  partner profile (Mexico)    : ${tProfile.toFixed(0)} ms median (target ≤ 1000 ms)`,
  );
  console.log(`  top products (HS6, imports) : ${tTop.toFixed(0)} ms median (target ≤ 1000 ms)`);
  console.log(
    `  DuckDB memory after queries : ${(Number(mem) / 2 ** 20).toFixed(0)} MiB; process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
  );
  c.closeSync();
  db.closeSync();
}
