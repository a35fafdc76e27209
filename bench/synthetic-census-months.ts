/**
 * SYNTHETIC Census International Trade API month files for the store-scale bench, built only
 * here, in a throwaway folder, and labelled synthetic everywhere they are printed. The codes
 * are real — the bundle's HS10 codes (with their descriptions) from its Census API extracts
 * and the Census partner codes of `census_cty_codes_from_country_xlsx.csv` — the figures are
 * hashes. The files have exactly the bundle extracts' columns and types (the API's variables
 * as strings, `time` a timestamp, and the saver's own columns), so they load through the same
 * readers as the real ones.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { appendFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';

export interface SyntheticMonth {
  month: string;
  path: string;
  rows: number;
  bytes: number;
}

/** Real codes: every HS10 line of the bundle's extracts, every Census partner code. */
export async function loadCodes(c: DuckDBConnection, data: string): Promise<void> {
  const extracts = join(data, 'census/api-extracts/imports-hs10-2024/*.parquet');
  const partners = join(data, 'reference/countries/census_cty_codes_from_country_xlsx.csv');
  await c.run(`
    CREATE OR REPLACE TABLE syn_hs10 AS
    SELECT row_number() OVER (ORDER BY code) - 1 AS i, code, descr FROM (
      SELECT I_COMMODITY AS code, any_value(I_COMMODITY_SDESC) AS descr
      FROM read_parquet('${extracts}') GROUP BY 1);
    CREATE OR REPLACE TABLE syn_partner AS
    SELECT row_number() OVER (ORDER BY CTY_CODE) - 1 AS rank, CTY_CODE AS code, upper(cty_name) AS name
    FROM read_csv('${partners}', all_varchar = true) WHERE CTY_CODE >= '1000';`);
}

/**
 * The rows of one month: each partner × HS10 pair is kept with a probability that falls with
 * the partner's rank (a few partners trade most lines, as in real trade), about 1 million rows
 * a month at `scale` 1. Values are year to date like the extracts' CON_VAL_YR.
 */
export function monthSql(m: number, scale: number, span: number, ordered: boolean): string {
  const month = `(TIMESTAMP '2023-01-01' + INTERVAL (m) MONTH)`;
  const keep = `(800 * pow(0.985, rank) + 20) * ${scale}`;
  return `
    SELECT name AS CTY_NAME, CAST(v AS VARCHAR) AS CON_VAL_YR, CAST(d AS VARCHAR) AS CAL_DUT_YR,
           hs AS I_COMMODITY, descr AS I_COMMODITY_SDESC, ${month} AS time, 'HS10' AS COMM_LVL,
           code AS CTY_CODE, CAST(v AS DOUBLE) AS imports, CAST(d AS DOUBLE) AS duty,
           CAST(v AS DOUBLE) / 3.3e12 AS share, hs AS HS10, left(hs, 8) AS HS8, left(hs, 6) AS HS6
    FROM (
      SELECT *, (k >> 20) % 5000000 + 1 AS v,
             CASE WHEN k % 7 = 0 THEN ((k >> 20) % 5000000 + 1) // 40 ELSE 0 END AS d
      FROM (SELECT p.rank, p.code, p.name, h.code AS hs, h.descr, m, hash(p.code, h.code, m) AS k
            FROM syn_partner p, syn_hs10 h, range(${m}, ${m + span}) r(m))
      WHERE k % 1000 < ${keep})
    ${ordered ? 'ORDER BY m, hs, code' : ''}`;
}

/**
 * Writes month `m` (0 = January 2023) as Parquet, CSV or the API's JSON array of arrays;
 * `span` months in one file, as the API answers `time=from … to …`.
 */
export async function writeMonth(
  c: DuckDBConnection,
  dir: string,
  m: number,
  format: 'parquet' | 'csv' | 'json',
  scale = 1,
  span = 1,
  /** In the API's order (by commodity, then partner); false saves a sort when it does not matter. */
  ordered = true,
): Promise<SyntheticMonth> {
  const month = new Date(Date.UTC(2023, m, 1)).toISOString().slice(0, 7);
  const path = join(dir, `SYNTHETIC-imports-hs10-${month}${span > 1 ? `-${span}m` : ''}.${format}`);
  const sql = monthSql(m, scale, span, ordered);
  if (format === 'parquet') {
    await c.run(`COPY (${sql}) TO '${path}' (FORMAT parquet)`);
  } else if (format === 'csv') {
    await c.run(`COPY (${sql}) TO '${path}' (FORMAT csv, HEADER)`);
  } else {
    // The API's own shape: a header row, then one array of strings per row, one per line.
    const vars = ['CTY_CODE', 'CTY_NAME', 'I_COMMODITY', 'CON_VAL_YR', 'CAL_DUT_YR', 'time'];
    const body = `${path}.body`;
    const cells = vars.map((v) => (v === 'time' ? `strftime(time, '%Y-%m')` : v)).join(', ');
    await c.run(`COPY (SELECT ',' || to_json([${cells}]) FROM (${sql}))
      TO '${body}' (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\t')`);
    await writeFile(path, `[${JSON.stringify(vars)}\n`);
    await pipeline(createReadStream(body), createWriteStream(path, { flags: 'a' }));
    await appendFile(path, ']\n');
    await rm(body);
  }
  const n = await c.runAndReadAll(
    format === 'parquet'
      ? `SELECT count(*) FROM read_parquet('${path}')`
      : `SELECT count(*) FROM (${sql})`,
  );
  const { size } = await stat(path);
  return { month, path, rows: Number(n.getRowsJS()[0]![0]), bytes: size };
}
