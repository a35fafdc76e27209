import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../../src/model/input-error.ts';
import type { Store } from '../../src/store/open-store.ts';
import { dataFile, ingest, memoryStore, query, scratch } from '../helpers.ts';

// Canada's 2024 HS10 imports, as saved by the bundle's Parquet extract (with its extra columns).
const PARQUET = dataFile('census/api-extracts/imports-hs10-2024/2024-hs10-imports1220.parquet');

describe('Census International Trade API results saved as CSV or as JSON objects', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let raw: DuckDBConnection;
  let expected: { lines: number; value: string; duty: string };
  before(async () => {
    ({ dir, cleanup } = await scratch());
    raw = await (await DuckDBInstance.create(':memory:')).connect();
    const [r] = (
      await raw.runAndReadAll(
        `SELECT count(*)::INTEGER, sum(CON_VAL_YR::HUGEINT)::VARCHAR, sum(CAL_DUT_YR::HUGEINT)::VARCHAR
         FROM '${PARQUET}'`,
      )
    ).getRowsJS() as [number, string, string][];
    expected = { lines: r![0], value: r![1], duty: r![2] };
  });
  after(() => cleanup());

  async function loaded(path: string) {
    const store: Store = await memoryStore();
    try {
      const [o] = await ingest(store, path);
      const [t] = await query(
        store,
        `SELECT count(*)::INTEGER AS lines, sum(value_usd)::VARCHAR AS value,
                sum(duty_usd)::VARCHAR AS duty, min(period_start)::VARCHAR AS s,
                max(period_end)::VARCHAR AS e, any_value(flow) AS flow,
                count(DISTINCT hs_code) FILTER (WHERE hs_code LIKE '0%')::INTEGER AS leading_zero
         FROM trade_product WHERE partner_code = '1220'`,
      );
      return { o, t };
    } finally {
      store.close();
    }
  }

  it('loads a CSV with the API variables and the saver’s own columns, which it ignores', async () => {
    // Every column of the extract, including `share`, `HS6` and the timestamp `time`.
    const path = join(dir, 'canada-2024.csv');
    await raw.run(`COPY (SELECT * FROM '${PARQUET}') TO '${path}' (HEADER, FORMAT csv)`);
    const { o, t } = await loaded(path);
    assert.equal(o?.source, 'census-api-csv');
    assert.equal(o?.series, 'hs:imports');
    assert.equal(t?.lines, expected.lines);
    assert.equal(t?.value, expected.value);
    assert.equal(t?.duty, expected.duty);
    assert.equal(t?.s, '2024-01-01', 'CON_VAL_YR at 2024-12 is the year to date');
    assert.equal(t?.e, '2024-12-01');
    assert.equal(t?.flow, 'import_consumption');
    assert.ok(Number(t?.leading_zero) > 100, 'HS codes keep their leading zeros');
  });

  it('loads the same rows saved as a JSON array of objects', async () => {
    const path = join(dir, 'canada-2024.json');
    await raw.run(
      `COPY (SELECT CTY_CODE, CTY_NAME, I_COMMODITY, CON_VAL_YR, CAL_DUT_YR,
                    strftime(CAST(time AS TIMESTAMP), '%Y-%m') AS time, COMM_LVL, share
             FROM '${PARQUET}') TO '${path}' (FORMAT json, ARRAY true)`,
    );
    const { o, t } = await loaded(path);
    assert.equal(o?.source, 'census-api-json');
    assert.equal(t?.lines, expected.lines);
    assert.equal(t?.value, expected.value);
    assert.equal(t?.duty, expected.duty);
  });

  it('names line, column and value of a bad row, and stores nothing from the file', async () => {
    const path = join(dir, 'bad.csv');
    await writeFile(
      path,
      'CTY_CODE,CTY_NAME,I_COMMODITY,CON_VAL_YR,CAL_DUT_YR,time\n' +
        '1220,CANADA,0105990000,10611500,0,2024-12\n' +
        '1220,CANADA,0106130000,4O000,0,2024-12\n' +
        '1220,CANADA,106140000,6325714,0,2024-12\n',
    );
    const store = await memoryStore();
    try {
      const err = await ingest(store, path).then(
        () => assert.fail('accepted'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof InputError);
      const [a, b] = err.problems;
      assert.deepEqual([a?.line, a?.column, a?.value], [3, 'CON_VAL_YR', '4O000']);
      assert.deepEqual([b?.line, b?.column, b?.value], [4, 'I_COMMODITY', '106140000']);
      const [n] = await query(store, 'SELECT count(*)::INTEGER AS n FROM trade_product');
      assert.equal(n?.n, 0);
    } finally {
      store.close();
    }
  });

  it('reports a CSV cut inside a quoted field as truncated', async () => {
    const path = join(dir, 'cut.csv');
    await writeFile(
      path,
      'CTY_CODE,CTY_NAME,I_COMMODITY,CON_VAL_YR,time\n1220,"CANADA,0105990000,1,2024-12\n',
    );
    const store = await memoryStore();
    try {
      await assert.rejects(ingest(store, path), (e: InputError) =>
        e.problems.some((p) => p.code === 'truncated'),
      );
    } finally {
      store.close();
    }
  });
});
