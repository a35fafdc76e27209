import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { memoryStore, scalar, scratch } from '../helpers.ts';
import { startFakePublisher, type FakePublisher } from './fake-publisher.ts';
import { fingerprint, NOW, runSync } from './sync-harness.ts';

describe('publisher errors become clear messages, never a crash or a silent empty table', () => {
  let fake: FakePublisher;
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ dir, cleanup } = await scratch());
    fake = await startFakePublisher({
      censusRejects: 'CAL_DUT_MO',
      worldBankError: true,
      // FRED answers every attempt with an HTML maintenance page.
      fault: (url) => (url.startsWith('/graph/fredgraph.csv') ? 'html-page' : undefined),
    });
  });
  after(async () => {
    await fake.close();
    await cleanup();
  });

  it('names source, URL and cause for each failure, and the other sources still load', async () => {
    const store = await memoryStore();
    try {
      const report = await runSync(store, fake, {
        sources: ['world-bank', 'fred', 'cbp', 'census-api'],
        cacheDir: join(dir, 'cache'),
        options: { since: '2024-12', partners: ['2010'], levels: ['HS2'] },
      });
      const by = Object.fromEntries(report.sources.map((s) => [s.source, s]));
      const wb = by['world-bank']!.errors;
      assert.equal(wb.length, 1);
      assert.equal(
        wb[0]!.message,
        `world-bank: ${fake.url}/v2/country/all/indicator/SP.POP.TOTL?format=json&per_page=5000&page=1: World Bank API error 120 Invalid value: The provided parameter value is not valid`,
      );
      const fred = by.fred!.errors;
      assert.equal(fred.length, 2);
      assert.match(
        fred[0]!.message,
        /^fred: http:\/\/127\.0\.0\.1:\d+\/graph\/fredgraph\.csv\?id=EXPCH: gave up after 5 attempts: expected CSV but got an HTML page \(text\/html\): "Service Temporarily Unavailable"$/,
      );
      // Census's plain-text 400 is quoted as it came, for the imports query that asked for duty.
      const census = by['census-api']!;
      const bad = census.errors.filter((e) => /HTTP 400/.test(e.message));
      assert.ok(bad.length > 0);
      for (const e of bad) {
        assert.match(
          e.message,
          /^census-api: http:\/\/127\.0\.0\.1:\d+\/data\/timeseries\/intltrade\/imports\/hs\?get=CTY_CODE,CTY_NAME,I_COMMODITY,GEN_VAL_MO,CON_VAL_MO,CAL_DUT_MO&time=[^&]+&COMM_LVL=HS2&CTY_CODE=2010: HTTP 400 Bad Request: "error: unknown variable 'CAL_DUT_MO'"$/,
        );
      }
      // Census's empty 204 is "no data for this query", counted, not an error.
      assert.ok(census.requests.empty > 0);
      assert.ok(census.notes.some((n) => /had no data \(HTTP 204\)/.test(n)));
      // The sources that answered properly are loaded; the failed ones stored nothing.
      assert.equal(by.cbp!.errors.length, 0);
      assert.equal(await scalar(store, 'SELECT count(*) FROM wait_times'), 273n);
      assert.equal(await scalar(store, 'SELECT count(*) FROM population_all'), 0n);
      assert.equal(await scalar(store, 'SELECT count(*) FROM trade_country_month_all'), 0n);
    } finally {
      store.close();
    }
  });

  it('stops before exceeding the keyless Census quota and resumes the next day', async () => {
    const ok = await startFakePublisher();
    const cacheDir = join(dir, 'quota-cache');
    const store = await memoryStore();
    const reference = await memoryStore();
    const options = { since: '2015-01', partners: ['2010'], levels: ['HS2' as const] };
    try {
      // 11 years × 6 queries = 66; 40 calls a day.
      const config = { sources: { 'census-api': { dailyLimit: 40 } } };
      const day1 = await runSync(store, ok, { sources: ['census-api'], cacheDir, options, config });
      const q1 = day1.sources[0]!;
      assert.deepEqual(q1.quota, { day: '2025-03-15', used: 40, limit: 40, stopped: true });
      assert.ok(
        q1.notes.includes(
          'census-api: stopped before exceeding the keyless daily quota (40 of 40 calls used on 2025-03-15, UTC); 26 of 66 queries remain: run frontera sync again tomorrow to resume, or set CENSUS_API_KEY',
        ),
        q1.notes.join('\n'),
      );
      assert.equal(q1.errors.length, 0);
      const calls = ok.served.filter((s) => s.path.startsWith('/data/')).length;
      assert.equal(calls, 40);
      assert.equal(
        await scalar(store, `SELECT calls FROM sync_call WHERE day = DATE '2025-03-15'`),
        40,
      );
      // Later the same day: not one call.
      await runSync(store, ok, {
        sources: ['census-api'],
        cacheDir,
        options,
        config,
        now: new Date(NOW.getTime() + 3_600_000),
      });
      assert.equal(ok.served.filter((s) => s.path.startsWith('/data/')).length, 40);
      // The next day: the 26 left, nothing asked twice.
      const next = new Date('2025-03-16T09:00:00Z');
      const day2 = await runSync(store, ok, {
        sources: ['census-api'],
        cacheDir,
        options,
        config,
        now: next,
      });
      assert.equal(day2.sources[0]!.quota?.stopped, false);
      assert.equal(ok.served.filter((s) => s.path.startsWith('/data/')).length, 66);
      // The same database as one unlimited sync.
      await runSync(reference, ok, {
        sources: ['census-api'],
        cacheDir: join(dir, 'ref-cache'),
        options,
      });
      assert.deepEqual(await fingerprint(store), await fingerprint(reference));
    } finally {
      store.close();
      reference.close();
      await ok.close();
    }
  });
});
