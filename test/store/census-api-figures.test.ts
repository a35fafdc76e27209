import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Store } from '../../src/store/open-store.ts';
import { startFakePublisher } from '../sync/fake-publisher.ts';
import { runSync } from '../sync/sync-harness.ts';
import { dataFile, ingest, memoryStore, query, scratch } from '../helpers.ts';

const dir = 'census/api-extracts/imports-hs10-2024';
const file = (code: string) => dataFile(`${dir}/2024-hs10-imports${code}.parquet`);

/**
 * The figures the bundle's extracts gave before DuckDB read the CSV and JSON forms and settled
 * vintages period by period (main at 2026-12-02, the shared bundle database): HS10 lines,
 * 2024 imports for consumption and calculated duty. The duties are the "Census calculated
 * duty" column of the README's tariff baseline table.
 */
const TODAY: Record<string, { n: number; value: string; duty: string }> = {
  '0003': { n: 15777, value: '597473236377', duty: '7343410621' },
  '1220': { n: 12203, value: '411693824741', duty: '413636724' },
  '2010': { n: 10271, value: '503438605302', duty: '1250534423' },
  '5700': { n: 14422, value: '429425828419', duty: '46661215871' },
};

async function totals(store: Store, where = 'true') {
  const rows = await query(
    store,
    `SELECT partner_code, count(*)::INTEGER AS n, sum(value_usd)::VARCHAR AS value,
            sum(duty_usd)::VARCHAR AS duty
     FROM trade_product WHERE ${where} GROUP BY 1 ORDER BY 1`,
  );
  return Object.fromEntries(rows.map(({ partner_code, ...r }) => [String(partner_code), r]));
}

describe('Census API results load to the dollar, whatever container they come in', () => {
  let raw: DuckDBConnection;
  let tmp: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ dir: tmp, cleanup } = await scratch());
    raw = await (await DuckDBInstance.create(':memory:')).connect();
  });
  after(() => cleanup());

  it('the four Parquet extracts give the same figures as before, line by line', async () => {
    const store = await memoryStore();
    try {
      await ingest(store, ...Object.keys(TODAY).map(file));
      assert.deepEqual(await totals(store), TODAY);
      // Every HS10 line against the API's own strings in the file, not only the sums.
      const files = Object.keys(TODAY).map((c) => `'${file(c)}'`);
      await store.conn.run(
        `CREATE TEMP TABLE api AS SELECT CTY_CODE, I_COMMODITY, CON_VAL_YR, CAL_DUT_YR FROM read_parquet([${files.join(', ')}])`,
      );
      const [diff] = await query(
        store,
        `SELECT count(*)::INTEGER AS n FROM api a FULL JOIN trade_product t
           ON t.partner_code = a.CTY_CODE AND t.hs_code = a.I_COMMODITY
         WHERE t.value_usd IS DISTINCT FROM CAST(a.CON_VAL_YR AS BIGINT)
            OR t.duty_usd IS DISTINCT FROM CAST(a.CAL_DUT_YR AS BIGINT)`,
      );
      assert.equal(diff?.n, 0);
    } finally {
      store.close();
    }
  });

  it('the same rows saved as the API’s JSON and as CSV give the same figures', async () => {
    const json = join(tmp, 'imports-hs-2010.json');
    const csv = join(tmp, 'imports-hs-2010.csv');
    // The API's layout: a header row, then one array of strings per line.
    await raw.run(
      `COPY (SELECT CTY_CODE, CTY_NAME, I_COMMODITY, CON_VAL_YR, CAL_DUT_YR,
                    strftime(time, '%Y-%m') AS time, 'HS10' AS COMM_LVL
             FROM '${file('2010')}') TO '${csv}' (HEADER, FORMAT csv)`,
    );
    const r = await raw.runAndReadAll(`SELECT * FROM read_csv('${csv}', all_varchar = true)`);
    const lines = [r.columnNames(), ...(r.getRowsJS() as string[][])].map((l) => JSON.stringify(l));
    await writeFile(json, `[${lines.join(',\n')}]`);
    for (const path of [json, csv]) {
      const store = await memoryStore();
      try {
        const [o] = await ingest(store, path);
        assert.equal(o?.rows.trade_product, TODAY['2010']!.n, path);
        assert.deepEqual(await totals(store), { '2010': TODAY['2010'] }, path);
      } finally {
        store.close();
      }
    }
  });

  it('stores a file’s rows by partner, flow and period, so zone maps prune', async () => {
    // All four partners in one file, in HS order (partners interleaved), as a query of
    // `CTY_CODE=*` would return them.
    const csv = join(tmp, 'imports-hs10-all.csv');
    const files = Object.keys(TODAY).map((c) => `'${file(c)}'`);
    await raw.run(
      `COPY (SELECT CTY_CODE, CTY_NAME, I_COMMODITY, CON_VAL_YR, CAL_DUT_YR, time
             FROM read_parquet([${files.join(', ')}]) ORDER BY I_COMMODITY, CTY_CODE)
       TO '${csv}' (HEADER, FORMAT csv)`,
    );
    const store = await memoryStore();
    try {
      await ingest(store, csv);
      assert.deepEqual(await totals(store), TODAY);
      const [out] = await query(
        store,
        `SELECT count(*)::INTEGER AS n FROM (
           SELECT (partner_code, flow, period_end) AS k,
                  lag((partner_code, flow, period_end)) OVER (ORDER BY rowid) AS prev
           FROM trade_product_all)
         WHERE prev > k`,
      );
      assert.equal(out?.n, 0, 'rows out of partner, flow, period order');
    } finally {
      store.close();
    }
  });

  it('a month saved by `frontera sync` loads to the same dollars', async () => {
    const fake = await startFakePublisher();
    const store = await memoryStore();
    try {
      // The local publisher answers December 2024 HS10 imports from Mexico with the extract's
      // year-to-date figures standing in for the month, as general and for-consumption values.
      const report = await runSync(store, fake, {
        sources: ['census-api'],
        options: { since: '2024-12', partners: ['2010'], levels: ['HS10'] },
        cacheDir: join(tmp, 'cache'),
      });
      assert.deepEqual(
        report.sources.flatMap((s) => s.errors),
        [],
      );
      assert.deepEqual(await totals(store, `flow = 'import_consumption'`), {
        '2010': TODAY['2010'],
      });
      assert.deepEqual(await totals(store, `flow = 'import_general'`), {
        '2010': { ...TODAY['2010']!, duty: null },
      });
      const [f] = await query(store, `SELECT source, rows, vintage FROM source_file`);
      assert.deepEqual(f, { source: 'census-api-json', rows: '20542', vintage: '2024-12' });
    } finally {
      store.close();
      await fake.close();
    }
  });
});
