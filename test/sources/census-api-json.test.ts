import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { InputError } from '../../src/model/input-error.ts';
import type { Store } from '../../src/store/open-store.ts';
import { parseCsv } from '../sync/fake-publisher.ts';
import { dataFile, ingest, memoryStore, query, scalar, scratch } from '../helpers.ts';

const PARQUET = dataFile('census/api-extracts/imports-hs10-2024/2024-hs10-imports2010.parquet');

/** The API's own rows for Mexico, December 2024, HS10, as the Census API returns them. */
async function apiArray(): Promise<string[][]> {
  const c = await (await DuckDBInstance.create(':memory:')).connect();
  const r = await c.runAndReadAll(
    `SELECT CTY_CODE, CTY_NAME, I_COMMODITY, CON_VAL_YR, CAL_DUT_YR, strftime(CAST(time AS TIMESTAMP), '%Y-%m') FROM '${PARQUET}' ORDER BY I_COMMODITY`,
  );
  // The filter variables come back again at the end of each row, as the API sends them.
  const header = [
    'CTY_CODE',
    'CTY_NAME',
    'I_COMMODITY',
    'CON_VAL_YR',
    'CAL_DUT_YR',
    'time',
    'CTY_CODE',
    'COMM_LVL',
  ];
  const rows = (r.getRowsJS() as string[][]).map((row) => [...row.map(String), '2010', 'HS10']);
  return [header, ...rows];
}

describe('Census International Trade API JSON', () => {
  let store: Store;
  let dir: string;
  let cleanup: () => Promise<void>;
  let array: string[][];
  before(async () => {
    ({ dir, cleanup } = await scratch());
    store = await memoryStore();
    array = await apiArray();
  });
  after(async () => {
    store.close();
    await cleanup();
  });

  it('loads every HS10 line with imports for consumption and duty to the dollar', async () => {
    const path = join(dir, 'imports-hs-2010.json');
    await writeFile(path, JSON.stringify(array));
    const [o] = await ingest(store, path);
    assert.equal(o?.source, 'census-api-json');
    assert.equal(o?.series, 'hs:imports');
    assert.equal(o?.rows.trade_product, 10271);
    const c = await (await DuckDBInstance.create(':memory:')).connect();
    const [value, duty] = (
      await c.runAndReadAll(
        `SELECT sum(CON_VAL_YR::HUGEINT)::BIGINT, sum(CAL_DUT_YR::HUGEINT)::BIGINT FROM '${PARQUET}'`,
      )
    ).getRowsJS()[0]!;
    const [ours] = await query(
      store,
      `SELECT sum(value_usd)::BIGINT AS v, sum(duty_usd)::BIGINT AS d, min(period_start)::VARCHAR AS s,
              max(period_end)::VARCHAR AS e, any_value(flow) AS flow, any_value(geo_level) AS geo
       FROM trade_product`,
    );
    assert.deepEqual(ours, {
      v: String(value),
      d: String(duty),
      s: '2024-01-01',
      e: '2024-12-01',
      flow: 'import_consumption',
      geo: 'country',
    });
    const [again] = await ingest(store, path);
    assert.equal(again?.status, 'unchanged');
  });

  it('reads statehs rows (STATE) as the state grain, one row per flow', async () => {
    // Texas's January 2015 exports to Mexico by HS2, from BTS dot2, in the API's shape.
    const [header, ...lines] = parseCsv(
      readFileSync(dataFile('bts/transborder/2015-01/dot2_0115.csv'), 'utf8'),
    );
    const at = (h: string) => header!.indexOf(h);
    const sums = new Map<string, bigint>();
    for (const l of lines) {
      if (l[at('USASTATE')] !== 'TX' || l[at('TRDTYPE')] !== '1' || l[at('COUNTRY')] !== '2010')
        continue;
      const hs = l[at('COMMODITY2')]!;
      sums.set(hs, (sums.get(hs) ?? 0n) + BigInt(l[at('VALUE')]!));
    }
    const doc = [
      ['STATE', 'CTY_CODE', 'CTY_NAME', 'E_COMMODITY', 'ALL_VAL_MO', 'time'],
      ...[...sums].map(([hs, v]) => ['TX', '2010', 'MEXICO', hs, String(v), '2015-01']),
    ];
    const path = join(dir, 'exports-statehs.json');
    await writeFile(path, JSON.stringify(doc));
    const [o] = await ingest(store, path);
    assert.equal(o?.series, 'statehs:exports');
    assert.equal(o?.rows.trade_product, sums.size);
    const total = [...sums.values()].reduce((a, b) => a + b, 0n);
    assert.equal(
      await scalar(
        store,
        `SELECT sum(value_usd) FROM trade_product WHERE geo_level = 'state' AND geo = 'TX' AND flow = 'export'`,
      ),
      total,
    );
  });

  async function rejected(name: string, content: string, code: string) {
    const path = join(dir, name);
    await writeFile(path, content);
    const err = await ingest(store, path).then(
      () => assert.fail(`${name} was accepted`),
      (e: unknown) => e,
    );
    assert.ok(err instanceof InputError, String(err));
    assert.ok(
      err.problems.some((p) => p.code === code),
      err.message,
    );
    return err;
  }

  it('rejects a header without a value variable, naming what is missing', async () => {
    const err = await rejected(
      'no-value.json',
      '[["CTY_CODE","I_COMMODITY","time"],["2010","01","2024-01"]]',
      'bad-header',
    );
    assert.match(err.message, /GEN_VAL_MO or CON_VAL_MO/);
  });

  it('rejects a truncated response, a header-only response and a non-numeric value', async () => {
    const text = JSON.stringify(array);
    await rejected('cut.json', text.slice(0, text.length / 2), 'truncated');
    await rejected('header-only.json', JSON.stringify([array[0]]), 'empty-file');
    const bad = array
      .slice(0, 3)
      .map((r, i) => (i === 2 ? r.map((v, j) => (j === 3 ? '12x' : v)) : r));
    const err = await rejected('bad-value.json', JSON.stringify(bad), 'not-a-number');
    assert.equal(err.problems[0]?.line, 3);
    assert.equal(err.problems[0]?.column, 'CON_VAL_YR');
  });

  it('refuses a month after the file was written, naming its element, and keeps what was stored', async () => {
    const before = await scalar(store, 'SELECT count(*) FROM trade_product_all');
    const files = await scalar(store, 'SELECT count(*) FROM source_file');
    const late = array
      .slice(0, 40)
      .map((r, i) => (i === 30 ? r.map((v, j) => (j === 5 ? '2099-12' : v)) : r));
    const err = await rejected('late.json', JSON.stringify(late), 'out-of-range');
    // Checked on the rows as they would be stored: the year-to-date start and the month.
    assert.deepEqual(
      err.problems.map((p) => [p.line, p.column, p.value]),
      [
        [31, 'period_start', '2099-01-01'],
        [31, 'period_end', '2099-12-01'],
      ],
    );
    assert.equal(await scalar(store, 'SELECT count(*) FROM trade_product_all'), before);
    assert.equal(await scalar(store, 'SELECT count(*) FROM source_file'), files);
  });

  it('skips and counts unpublished (blank) values, loading the others to the dollar', async () => {
    const rows = array
      .slice(1, 30)
      .map((r, i) => (i % 10 === 4 ? r.map((v, j) => (j === 3 ? '' : v)) : r));
    const path = join(dir, 'blanks.json');
    await writeFile(path, JSON.stringify([array[0], ...rows]));
    const s = await memoryStore();
    try {
      const [o] = await ingest(s, path);
      assert.equal(o?.rows.trade_product, 26);
      assert.ok(o?.notes.includes('3 empty values (not published) skipped'), o?.notes.join('; '));
      const expected = rows.filter((r) => r[3] !== '').reduce((a, r) => a + BigInt(r[3]!), 0n);
      assert.equal(
        await scalar(s, 'SELECT sum(value_usd)::VARCHAR FROM trade_product'),
        String(expected),
      );
    } finally {
      s.close();
    }
  });
});
