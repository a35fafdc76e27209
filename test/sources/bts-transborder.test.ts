import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../src/model/input-error.ts';
import type { Store } from '../../src/store/open-store.ts';
import { dataFile, ingest, memoryStore, scalar, scratch } from '../helpers.ts';

const DIR = 'bts/transborder/2015-01';
const FILES = {
  transborder_state_port: dataFile(`${DIR}/dot1_0115.csv`),
  transborder_state_hs2: dataFile(`${DIR}/dot2_0115.csv`),
  transborder_port_hs2: dataFile(`${DIR}/dot3_0115.csv`),
};
const TABLES = Object.keys(FILES) as (keyof typeof FILES)[];

/** Data rows as the file itself counts them: non-empty lines after the header. */
async function dataRows(path: string): Promise<bigint> {
  const text = await readFile(path, 'utf8');
  return BigInt(text.split('\n').filter((l) => l.trim() !== '').length - 1);
}

describe('BTS TransBorder raw files (January 2015)', () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    await ingest(store, ...Object.values(FILES));
  });
  after(() => store.close());

  it('loads every data row of each file into its own table', async () => {
    const expected = { dot1: 26171n, dot2: 70973n, dot3: 16427n };
    for (const [i, t] of TABLES.entries()) {
      const n = await scalar(store, `SELECT count(*) FROM ${t}`);
      assert.equal(n, await dataRows(FILES[t]), t);
      assert.equal(n, Object.values(expected)[i], t);
    }
  });

  it('records each cut as its own series', async () => {
    const series = await scalar(
      store,
      `SELECT string_agg(series, ',' ORDER BY series) FROM source_file WHERE source = 'bts-transborder'`,
    );
    assert.equal(series, 'dot1,dot2,dot3');
  });

  // Each table alone is the whole of January's trade; they are never added together.
  it('gives exports to Mexico of $19,143,538,278 in each table alone', async () => {
    for (const t of TABLES) {
      const sql = `SELECT sum(value_usd) FROM ${t} WHERE flow = 'export' AND partner_code = '2010' AND month = DATE '2015-01-01'`;
      assert.equal(await scalar(store, sql), 19143538278n, t);
    }
  });

  it('gives imports from Canada of $25,404,919,779 in each table alone', async () => {
    for (const t of TABLES) {
      const sql = `SELECT sum(value_usd) FROM ${t} WHERE flow = 'import_general' AND partner_code = '1220' AND month = DATE '2015-01-01'`;
      assert.equal(await scalar(store, sql), 25404919779n, t);
    }
  });

  it('finds truck the largest mode of trade with Mexico', async () => {
    for (const t of TABLES) {
      const sql = `SELECT arg_max(mode, v) FROM (SELECT mode, sum(value_usd) AS v FROM ${t} WHERE partner_code = '2010' GROUP BY mode)`;
      assert.equal(await scalar(store, sql), 5, t);
    }
  });

  it('keeps partner regions and district totals as published', async () => {
    const t = 'transborder_state_port';
    assert.equal(
      await scalar(
        store,
        `SELECT count(*) FROM ${t} WHERE partner_code = '2010' AND can_province IS NOT NULL`,
      ),
      0n,
    );
    assert.ok(
      ((await scalar(store, `SELECT count(*) FROM ${t} WHERE port_code LIKE '__XX'`)) as bigint) >
        0n,
    );
    // Imports carry no domestic/foreign code; exports always do.
    assert.equal(
      await scalar(
        store,
        `SELECT count(*) FROM ${t} WHERE (flow = 'export') <> (domestic_foreign IS NOT NULL)`,
      ),
      0n,
    );
  });
  it('stores export weights BTS does not publish (land modes) as NULL, not zero', async () => {
    for (const t of TABLES) {
      const land = `SELECT count(*) FROM ${t} WHERE flow = 'export' AND mode NOT IN (1, 3) AND shipping_weight_kg IS NOT NULL`;
      assert.equal(await scalar(store, land), 0n, t);
      const air = `SELECT count(*) FROM ${t} WHERE flow = 'export' AND mode IN (1, 3) AND shipping_weight_kg IS NULL`;
      assert.equal(await scalar(store, air), 0n, t);
    }
  });
});

describe('a TransBorder file with a bad value', () => {
  it('is rejected naming file, line, column and value, and stores nothing', async () => {
    const { dir, cleanup } = await scratch();
    const store = await memoryStore();
    try {
      const lines = (await readFile(FILES.transborder_state_port, 'utf8')).split('\n');
      const line = 1234; // 1-based file line; the header is line 1
      const fields = (lines[line - 1] ?? '').split(',');
      fields[7] = '12x45'; // VALUE
      lines[line - 1] = fields.join(',');
      const path = join(dir, 'dot1_0115.csv');
      await writeFile(path, lines.join('\n'));

      const err = await ingest(store, path).then(
        () => assert.fail('the file was accepted'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
      assert.equal(err.problems.length, 1, err.message);
      const p = err.problems[0];
      assert.deepEqual(
        { code: p?.code, file: p?.file, line: p?.line, column: p?.column, value: p?.value },
        { code: 'not-a-number', file: path, line, column: 'VALUE', value: '12x45' },
      );
      assert.equal(await scalar(store, 'SELECT count(*) FROM transborder_state_port_all'), 0n);
      assert.equal(await scalar(store, 'SELECT count(*) FROM source_file'), 0n);
    } finally {
      store.close();
      await cleanup();
    }
  });
});
