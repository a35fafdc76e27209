import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/open-store.ts';
import { dataFile, ingest, memoryStore, query, scalar } from '../helpers.ts';

const V2018 = dataFile('census/country-2018-10.xlsx');
const V2023 = dataFile('census/country-2023-03.xlsx');

const annual = (partner: string, flow: string, year: number) =>
  `SELECT sum(value_usd) FROM trade_country_month
   WHERE partner_code = '${partner}' AND flow = '${flow}' AND year(month) = ${year}`;

describe('Census country.xlsx vintages', () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    // Newest first: the order of loading must not decide which vintage is current.
    await ingest(store, V2023, V2018);
  });
  after(() => store.close());

  it('reproduces the official 2022 totals to the dollar (2023 vintage)', async () => {
    assert.equal(await scalar(store, annual('2010', 'export', 2022)), 324_377_863_297n);
    assert.equal(await scalar(store, annual('1220', 'export', 2022)), 356_112_629_910n);
    assert.equal(await scalar(store, annual('5700', 'import_general', 2022)), 536_754_091_696n);
  });

  it('keeps aggregates flagged and apart from countries', async () => {
    const rows = await query(
      store,
      `SELECT partner_code, bool_and(is_aggregate) AS agg FROM trade_country_month
       WHERE partner_code IN ('0015', '0003', '2010') GROUP BY 1 ORDER BY 1`,
    );
    assert.deepEqual(rows, [
      { partner_code: '0003', agg: true },
      { partner_code: '0015', agg: true },
      { partner_code: '2010', agg: false },
    ]);
  });

  it('does not load the zero placeholders of unpublished months', async () => {
    const last = await scalar(
      store,
      `SELECT strftime(max(month), '%Y-%m') FROM trade_country_month`,
    );
    assert.equal(last, '2023-01');
    const lastOld = await scalar(
      store,
      `SELECT strftime(max(t.month), '%Y-%m') FROM trade_country_month_all t
       JOIN source_file f ON f.id = t.source_file_id WHERE f.vintage = '2018-10'`,
    );
    assert.equal(lastOld, '2018-08');
  });

  it('serves the newest vintage by default and keeps the older one for revision diffs', async () => {
    const revised = await query(
      store,
      `SELECT strftime(t.month, '%Y-%m') AS month,
              max(value_usd) FILTER (WHERE f.vintage = '2018-10') AS v2018,
              max(value_usd) FILTER (WHERE f.vintage = '2023-03') AS v2023
       FROM trade_country_month_all t JOIN source_file f ON f.id = t.source_file_id
       WHERE partner_code = '2010' AND flow = 'export' AND year(t.month) = 2017
       GROUP BY 1 HAVING v2018 <> v2023 ORDER BY 1`,
    );
    assert.ok(revised.length > 0, 'Census revised 2017 exports to Mexico between the vintages');
    const first = revised[0]!;
    const current = await scalar(
      store,
      `SELECT value_usd FROM trade_country_month WHERE partner_code = '2010' AND flow = 'export'
       AND strftime(month, '%Y-%m') = '${String(first.month)}'`,
    );
    assert.equal(String(current), first.v2023);
    // 2018 vintage rows stay, just not current.
    assert.equal(
      await scalar(
        store,
        `SELECT count(*) FROM trade_country_month_all t JOIN source_file f ON f.id = t.source_file_id
         WHERE f.vintage = '2018-10' AND t.current`,
      ),
      0n,
    );
  });

  it('records provenance for every fact row', async () => {
    const files = await query(
      store,
      `SELECT vintage, period_from, period_to, rows, length(sha256)::INTEGER AS sha_len FROM source_file ORDER BY vintage`,
    );
    assert.deepEqual(
      files.map((f) => [f.vintage, f.period_from, f.period_to, f.sha_len]),
      [
        ['2018-10', '1985-01', '2018-08', 64],
        ['2023-03', '1985-01', '2023-01', 64],
      ],
    );
    assert.equal(
      await scalar(
        store,
        `SELECT count(*) FROM trade_country_month_all WHERE source_file_id NOT IN (SELECT id FROM source_file)`,
      ),
      0n,
    );
  });

  it('ingesting the same file again changes nothing', async () => {
    const before_ = await scalar(store, 'SELECT count(*) FROM trade_country_month_all');
    const [again] = await ingest(store, V2018);
    assert.equal(again?.status, 'unchanged');
    assert.equal(await scalar(store, 'SELECT count(*) FROM trade_country_month_all'), before_);
    assert.equal(await scalar(store, 'SELECT count(*) FROM source_file'), 2n);
  });
});
