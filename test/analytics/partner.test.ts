import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compileBorder } from '../../src/analytics/border-queries.ts';
import { runQuery } from '../../src/analytics/compiled-query.ts';
import { compareGroupWithNext, comparePartners } from '../../src/analytics/compare-partners.ts';
import { CoverageError, LookupError } from '../../src/analytics/lookup-error.ts';
import { partnerProfile } from '../../src/analytics/partner-profile.ts';
import { resolvePartner } from '../../src/analytics/resolve-partner.ts';
import { revisionDiff } from '../../src/analytics/revision-diff.ts';
import { rankPartners } from '../../src/analytics/top-partners.ts';
import { compileTrade } from '../../src/analytics/trade-queries.ts';
import type { Store } from '../../src/store/open-store.ts';
import { fixtureStore } from '../fixture-database.ts';
import { dataFile, REFERENCE_FILES, scalar } from '../helpers.ts';

describe('partner analytics on the sample bundle', () => {
  let store: Store;
  before(async () => {
    store = await fixtureStore([
      dataFile('census/country-2018-10.xlsx'),
      dataFile('census/country-2023-03.xlsx'),
      dataFile('bts/border-crossing/Border_Crossing_Entry_Data.csv.gz'),
      dataFile('bts/transborder/2015-01/dot1_0115.csv'),
      ...REFERENCE_FILES,
    ]);
  });
  after(() => store.close());

  it('ranks 2022 US export markets Canada, Mexico, China (countries only)', async () => {
    const r = await rankPartners(store, { year: 2022, metric: 'exports', limit: 3 });
    assert.deepEqual(
      r.rows.map((p) => [p.rank, p.code]),
      [
        [1, '1220'],
        [2, '2010'],
        [3, '5700'],
      ],
    );
    assert.ok(
      r.rows.every((p) => p.code >= '1000'),
      'no aggregate ranked',
    );
    assert.equal(r.rows[0]?.exports, 356_112_629_910n);
  });

  it('reproduces 2015 exports to Mexico, $236,460,137,152, with growth from 2014', async () => {
    const p = await partnerProfile(store, 'Mexico', { year: 2015 });
    assert.equal(p.totals.exports, 236_460_137_152n);
    const e2014 = p.yearly.find((y) => y.year === 2014)!.exports!;
    assert.equal(p.growth.exports?.usd, 236_460_137_152n - e2014);
    assert.equal(p.growth.exports?.from, e2014);
  });

  it('divides per-day rates by the days of the year: 366 in 2020, 365 in 2022', async () => {
    const leap = await partnerProfile(store, '2010', { year: 2020 });
    assert.equal(leap.rates.exports.days, 366);
    assert.equal(leap.rates.exports.perDay, Number(leap.totals.exports) / 366);
    assert.equal(leap.rates.exports.perMinute, Number(leap.totals.exports) / 366 / 1440);
    const p = await partnerProfile(store, '2010', { year: 2022 });
    assert.equal(p.rates.twoWay.days, 365);
  });

  it('shares use the Census world total, per-capita the partner population of the same year', async () => {
    const p = await partnerProfile(store, 'méxico', { year: 2022 });
    const world = (await scalar(
      store,
      `SELECT sum(value_usd) FROM trade_country_month WHERE partner_code = '0015' AND flow = 'export' AND year(month) = 2022`,
    )) as bigint;
    assert.equal(p.share.exports, (Number(324_377_863_297n) / Number(world)) * 100);
    const pop = (await scalar(
      store,
      `SELECT population FROM population WHERE iso3 = 'MEX' AND year = 2022`,
    )) as bigint;
    assert.equal(p.perCapita?.year, 2022);
    assert.equal(p.perCapita?.exports, 324_377_863_297 / Number(pop));
    assert.deepEqual(p.ranks?.exportMarket.rank, 2);
  });

  it('treats a partial year as year to date against the same months a year earlier', async () => {
    const p = await partnerProfile(store, 'Canada', { year: 2023 });
    assert.equal(p.months, 1);
    assert.equal(p.rates.exports.days, 31);
    const jan2022 = await scalar(
      store,
      `SELECT value_usd FROM trade_country_month WHERE partner_code = '1220' AND flow = 'export' AND month = DATE '2022-01-01'`,
    );
    assert.equal(p.growth.exports?.from, jan2022);
    assert.match(p.notes.join(' '), /year to date/);
  });

  it('adds TransBorder modes (truck first) and crossings for Mexico', async () => {
    const p = await partnerProfile(store, 'MX', { year: 2022 });
    assert.equal(p.border?.transborder?.month, '2015-01');
    assert.equal(p.border?.transborder?.modes[0]?.key, '5');
    assert.equal(p.border?.crossings?.year, 2022);
    assert.equal(p.border?.crossings?.truckPorts[0]?.port, '2304');
  });

  it('ranks 2024 US–Mexico truck crossings by port with Laredo first', async () => {
    const rows = await runQuery(
      store,
      compileBorder({
        kind: 'crossings',
        by: 'port',
        border: 'mexico',
        measure: 'Trucks',
        year: 2024,
        limit: 3,
      }),
    );
    assert.deepEqual(
      rows.map((r) => [r.key, r.count]),
      [
        ['2304', 3_026_632n],
        [rows[1]!.key, rows[1]!.count],
        [rows[2]!.key, rows[2]!.count],
      ],
    );
    assert.ok((rows[1]!.count as bigint) < 3_026_632n);
  });

  it('resolves names in English, Spanish, ISO and Census codes, case- and accent-insensitively', async () => {
    for (const asked of ['méxico', 'Mexico', 'MEXICO', 'MX', 'MEX', '2010']) {
      assert.equal((await resolvePartner(store, asked)).code, '2010', asked);
    }
    assert.equal((await resolvePartner(store, 'Alemania')).code, '4280');
    assert.equal((await resolvePartner(store, 'china')).code, '5700');
  });

  it('lists the closest candidates for unknown and ambiguous names', async () => {
    await assert.rejects(
      resolvePartner(store, 'Mexco'),
      (e: unknown) => e instanceof LookupError && e.candidates[0]?.code === '2010',
    );
    await assert.rejects(
      resolvePartner(store, 'united'),
      (e: unknown) =>
        e instanceof LookupError && /several/.test(e.message) && e.candidates.length > 1,
    );
  });

  it('says which years are covered instead of printing zero', async () => {
    await assert.rejects(
      partnerProfile(store, 'Mexico', { year: 2030 }),
      (e: unknown) => e instanceof CoverageError && /1985–2023/.test((e as Error).message),
    );
  });

  it('compares Canada and Mexico together against the next ten export markets', async () => {
    const g = await compareGroupWithNext(store, ['Canada', 'Mexico'], {
      year: 2022,
      metric: 'exports',
      next: 10,
    });
    assert.equal(g.groupTotal, 356_112_629_910n + 324_377_863_297n);
    assert.deepEqual(
      g.next.map((n) => n.rank),
      [3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    );
    assert.equal(
      g.nextTotal,
      g.next.reduce((a, n) => a + n.value, 0n),
    );
  });

  it('compares partners year by year with the ratio of the last complete year', async () => {
    const c = await comparePartners(store, ['Mexico', 'China'], {
      metric: 'exports',
      years: { from: 2020, to: 2022 },
    });
    assert.equal(c.rows.length, 3);
    const last = c.rows.at(-1)!;
    assert.equal(c.ratios[0]?.ratio, Number(last.values[0]) / Number(last.values[1]));
  });

  it('compares the same months across the 2018 and 2023 vintages', async () => {
    const d = await revisionDiff(store, 'Mexico', { flow: 'export', year: 2017 });
    assert.deepEqual(d.vintages, { old: '2018-10', new: '2023-03' });
    assert.equal(d.rows.length, 12);
    assert.ok(
      d.rows.some((r) => r.change !== 0n),
      'Census revised 2017',
    );
    for (const r of d.rows) assert.equal(r.change, r.new! - r.old!);
  });

  it('never splices user text into SQL', async () => {
    const hostile = "2010') OR 1=1; DROP TABLE source_file; --";
    const q = compileTrade({ kind: 'partner-annual', partners: [hostile] });
    assert.ok(!q.sql.includes(hostile) && !q.sql.includes('DROP'));
    assert.deepEqual(await runQuery(store, q), []);
    assert.ok(((await scalar(store, 'SELECT count(*) FROM source_file')) as bigint) > 0n);
  });
});
