import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../src/model/input-error.ts';
import type { Store } from '../../src/store/open-store.ts';
import { dataFile, ingest, memoryStore, query, scalar, scratch } from '../helpers.ts';

const EXPCH = dataFile('fred/EXPCH.csv');
const IMPCH = dataFile('fred/IMPCH.csv');

/** Millions with up to six decimals → whole dollars, written here independently of the reader. */
function dollars(millions: string): bigint {
  const [int = '', frac = ''] = millions.split('.');
  return BigInt(int) * 1_000_000n + BigInt(frac.padEnd(6, '0'));
}

describe('FRED series CSV', () => {
  let store: Store;
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ dir, cleanup } = await scratch());
    store = await memoryStore();
    await ingest(store, EXPCH, IMPCH);
  });
  after(async () => {
    store.close();
    await cleanup();
  });

  it('loads the 121 monthly observations of each series', async () => {
    const rows = await query(
      store,
      `SELECT series, flow, partner_code, partner_name, count(*)::INTEGER AS n,
              strftime(min(month), '%Y-%m') AS first, strftime(max(month), '%Y-%m') AS last
       FROM trade_country_month GROUP BY ALL ORDER BY series`,
    );
    const common = { partner_code: '5700', partner_name: 'China', n: 121 };
    assert.deepEqual(rows, [
      { series: 'EXPCH', flow: 'export', ...common, first: '2016-01', last: '2026-01' },
      { series: 'IMPCH', flow: 'import_general', ...common, first: '2016-01', last: '2026-01' },
    ]);
  });

  it('sums 2022 imports from China to the exact dollar (536,268.7 million)', async () => {
    const text = await readFile(IMPCH, 'utf8');
    const months = text.split('\n').filter((l) => l.startsWith('2022-'));
    assert.equal(months.length, 12);
    const expected = months.reduce((sum, l) => sum + dollars(l.split(',')[1] ?? ''), 0n);
    assert.equal(expected, 536_268_689_234n);
    const sql = `SELECT sum(value_usd) FROM trade_country_month WHERE series = 'IMPCH' AND year(month) = 2022`;
    assert.equal(await scalar(store, sql), expected);
  });

  it("reads an older download's DATE header and names Mexico by its Census code", async () => {
    const lines = (await readFile(EXPCH, 'utf8')).split('\n');
    const path = join(dir, 'EXPMX.csv');
    await writeFile(path, ['DATE,EXPMX', ...lines.slice(1, 13), '2017-01-01,.', ''].join('\n'));
    const [outcome] = await ingest(store, path);
    assert.deepEqual(outcome?.notes, ['1 missing observations (".") skipped']);
    const rows = await query(
      store,
      `SELECT DISTINCT flow, partner_code, partner_name, count(*) OVER ()::INTEGER AS n
       FROM trade_country_month WHERE series = 'EXPMX'`,
    );
    assert.deepEqual(rows, [
      { flow: 'export', partner_code: '2010', partner_name: 'Mexico', n: 12 },
    ]);
  });

  it('loads a series with an unknown partner suffix, leaving the partner empty', async () => {
    const lines = (await readFile(IMPCH, 'utf8')).split('\n');
    const path = join(dir, 'IMPXX.csv');
    await writeFile(path, ['observation_date,IMPXX', ...lines.slice(1, 4)].join('\n'));
    await ingest(store, path);
    const sql = `SELECT count(*) FROM trade_country_month WHERE series = 'IMPXX' AND partner_code IS NULL`;
    assert.equal(await scalar(store, sql), 3n);
  });

  it('rejects a bad value and a bad date, naming line, column and value, storing nothing', async () => {
    const lines = (await readFile(EXPCH, 'utf8')).split('\n');
    lines[4] = '2016-04-01,8,123.4'; // line 5: a thousands separator split the value
    lines[6] = '2016-06-01,n/a'; // line 7
    lines[9] = '2016-13-01,8000.5'; // line 10
    const path = join(dir, 'EXPCH-bad.csv');
    await writeFile(path, lines.join('\n'));
    const before_ = await scalar(store, 'SELECT count(*) FROM trade_country_month_all');
    const err = await ingest(store, path).then(
      () => assert.fail('the file was accepted'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
    const found = err.problems.map((p) => ({
      code: p.code,
      file: p.file,
      line: p.line,
      column: p.column,
      value: p.value,
    }));
    assert.deepEqual(found, [
      { code: 'column-count', file: path, line: 5, column: undefined, value: '2016-04-01,8,123.4' },
      { code: 'not-a-number', file: path, line: 7, column: 'EXPCH', value: 'n/a' },
      { code: 'bad-date', file: path, line: 10, column: 'observation_date', value: '2016-13-01' },
    ]);
    assert.equal(await scalar(store, 'SELECT count(*) FROM trade_country_month_all'), before_);
  });
});
