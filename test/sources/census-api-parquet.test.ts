import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Store } from '../../src/store/open-store.ts';
import { dataFile, ingest, memoryStore, query } from '../helpers.ts';

const dir = 'census/api-extracts/imports-hs10-2024';
const FILES = { '2010': 10271n, '1220': 12203n, '5700': 14422n, '0003': 15777n } as const;

describe('Census International Trade API extracts (Parquet)', () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    for (const code of Object.keys(FILES))
      await ingest(store, dataFile(`${dir}/2024-hs10-imports${code}.parquet`));
  });
  after(() => store.close());

  it('loads every HS10 line of each partner file, all current side by side', async () => {
    const rows = await query(
      store,
      `SELECT partner_code, count(*) AS n FROM trade_product GROUP BY 1 ORDER BY 1`,
    );
    assert.deepEqual(
      rows.map((r) => [r.partner_code, BigInt(String(r.n))]),
      Object.entries(FILES).sort(([a], [b]) => a.localeCompare(b)),
    );
  });

  it('keeps imports for consumption and calculated duty to the dollar', async () => {
    // The oracle: the API's own strings, summed straight from the file.
    const c = await (await DuckDBInstance.create(':memory:')).connect();
    const r = await c.runAndReadAll(
      `SELECT sum(CON_VAL_YR::HUGEINT)::BIGINT, sum(CAL_DUT_YR::HUGEINT)::BIGINT FROM '${dataFile(`${dir}/2024-hs10-imports2010.parquet`)}'`,
    );
    const [value, duty] = r.getRowsJS()[0]!;
    const ours = await query(
      store,
      `SELECT sum(value_usd)::BIGINT AS v, sum(duty_usd)::BIGINT AS d, min(period_start)::VARCHAR AS s,
              max(period_end)::VARCHAR AS e, any_value(flow) AS flow, any_value(hs_level) AS lvl
       FROM trade_product WHERE partner_code = '2010'`,
    );
    assert.deepEqual(ours[0], {
      v: String(value),
      d: String(duty),
      s: '2024-01-01',
      e: '2024-12-01',
      flow: 'import_consumption',
      lvl: 10,
    });
  });
});
