/**
 * The serving path keeps what depends only on the loaded data (directories, a partner's
 * series, a port's crossings, the latest waits, the files behind a filter) per opened store and
 * reads on a pool of connections. None of that may change an answer: a server warmed by other
 * requests, answering many at once, gives byte for byte what a store remembering nothing gives
 * for each request alone; and each piece computed from a remembered whole gives what the
 * per-request SQL it replaced gives.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seededRandom } from '../../bench/fuzz-requests.ts';
import { createApp } from '../../src/api/create-app.ts';
import { warmUp } from '../../src/api/warm-up.ts';
import { bindParams, runQuery } from '../../src/analytics/compiled-query.ts';
import { partnerAnnual } from '../../src/analytics/partner-annual.ts';
import { portMap } from '../../src/analytics/port-map.ts';
import { fileProvenance, readProvenance, type Read } from '../../src/analytics/provenance.ts';
import { compileTrade } from '../../src/analytics/trade-queries.ts';
import type { Store } from '../../src/store/open-store.ts';
import { startApi } from './api-fixture.ts';

const REQUESTS = [
  '/api/profile/partner/mexico?year=2022',
  '/api/profile/partner/mexico?year=2019',
  '/api/profile/partner/canada',
  '/api/profile/partner/4280?year=2010',
  '/api/profile/partner/5700?year=1995',
  '/api/profile/partner/0003?year=2020',
  '/api/profile/port/2304',
  '/api/profile/port/2304?year=2024',
  '/api/profile/port/2402',
  '/api/profile/port/2401?year=2024',
  '/api/profile/port/0901',
  '/api/profile/port/Laredo?format=csv',
  '/api/profile/state/TX?month=2015-01',
  '/api/profile/state/48',
  '/api/profile/product/8703',
  '/api/profile/product/870323',
  '/api/profile/product/8703230110',
  '/api/profile/product/87',
  // More products than a one-off command asks (see askedOften): the later ones are answered
  // from the product rows held in memory, and must read as the per-request queries gave.
  '/api/profile/product/27',
  '/api/profile/product/8471',
  '/api/profile/product/847130',
  '/api/profile/product/0702',
  '/api/profile/product/9403',
  '/api/top/partners?year=2021&metric=imports&limit=5',
  '/api/top/ports?measure=Trucks&border=mexico&limit=3',
  '/api/top/ports?measure=Trucks&border=mexico&limit=7',
  '/api/top/ports?measure=Pedestrians&year=2024',
  '/api/top/states?partner=canada&flow=export',
  '/api/top/products?partner=mexico&level=6&limit=5',
  '/api/compare?partners=mexico,canada,5700&metric=exports&years=2012-2020',
  '/api/compare?partners=canada,mexico,canada&years=2019-2022',
  '/api/compare/group?partners=mexico,canada&next=5&year=2021',
  '/api/series/mexico?frequency=monthly&years=2020-2021',
  '/api/series/mexico?years=2015-2018',
  '/api/series/5700?vintage=2018-10',
  '/api/series/5700?vintage=2018-10&frequency=monthly',
  '/api/revisions/canada?flow=import_general&year=2017',
  '/api/map/ports?measure=Buses&year=2024',
  // State profiles, product rankings, revisions and series in a release past askedOften's
  // threshold: the later ones are looked up among every state's, partner's or level's
  // (transborder-split-index.ts, top-products-index.ts, revision-diff.ts, partner-series.ts).
  '/api/profile/state/CA?month=2015-01',
  '/api/profile/state/MI',
  '/api/profile/state/AZ?month=2015-01',
  '/api/profile/state/NY',
  '/api/top/products?level=2&limit=3',
  '/api/top/products?level=10&limit=20',
  '/api/top/products?partner=mexico&level=4',
  '/api/top/products?partner=canada&level=6',
  '/api/top/products?flow=export&level=4',
  '/api/revisions/mexico?flow=export',
  '/api/revisions/mexico?flow=import_general&year=2016',
  '/api/revisions/5700?flow=export&year=2017',
  '/api/revisions/4280',
  '/api/series/mexico?vintage=2023-03&years=2015-2018',
  '/api/series/4280?vintage=2018-10&frequency=monthly',
  '/api/series/canada?vintage=2023-03',
  '/api/map/ports?measure=Trucks',
  '/api/profile/partner/mexico?year=1980',
  '/api/profile/port/2304?year=1990',
  '/api/series/mexico?years=1970-1971',
];

describe('answers without memory', { timeout: 300_000 }, () => {
  let store: Store;
  let stop: () => Promise<void>;
  const ask = async (app: ReturnType<typeof createApp>, path: string) => {
    const r = await app.fetch(new Request(`http://127.0.0.1${path}`));
    return { status: r.status, body: Buffer.from(await r.arrayBuffer()).toString('base64') };
  };

  // Each request alone, on a store that remembers nothing (as before any memo existed): asked
  // once, for the two tests that compare with it (the store is read-only, so asking again
  // gives the same).
  let aloneAnswers: Promise<Map<string, { status: number; body: string }>> | undefined;
  const answersAlone = () =>
    (aloneAnswers ??= (async () => {
      const alone = new Map<string, { status: number; body: string }>();
      for (const path of REQUESTS) {
        store.memo.clear();
        alone.set(path, await ask(createApp(store, { dataVersion: 'test' }), path));
      }
      return alone;
    })());

  before(async () => {
    ({ store, stop } = await startApi());
  });
  after(() => stop());

  it('a warmed server answering many requests at once gives what a store remembering nothing gives', async () => {
    const alone = await answersAlone();
    assert.ok([...alone.values()].filter((a) => a.status === 200).length >= 30);
    // One server: every request in a seeded shuffle, six at a time, then each again with a
    // query parameter the route ignores (a new response-cache key, the memos warm).
    store.memo.clear();
    const app = createApp(store, { dataVersion: 'test' });
    const random = seededRandom(18);
    const order = [...REQUESTS, ...REQUESTS.map((p) => `${p}${p.includes('?') ? '&' : '?'}again=1`)]
      .map((p) => ({ p, k: random() }))
      .sort((a, b) => a.k - b.k)
      .map((x) => x.p);
    const served = new Map<string, { status: number; body: string }>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < order.length) {
          const path = order[next++]!;
          served.set(path, await ask(app, path));
        }
      }),
    );
    for (const [path, answer] of served) {
      const want = alone.get(path.replace(/[?&]again=1$/, ''))!;
      assert.equal(answer.status, want.status, path);
      assert.equal(answer.body, want.body, path);
    }
    // The answers above came (in part) from the whole-table reads, not only per-request SQL.
    const held = [...store.memo.keys()];
    for (const prefix of [
      'transborder-split-index:transborder_state_port:mode:port_code:',
      'transborder-split-index:transborder_state_hs2:hs2:us_state:',
      'top-products-index:',
      'revision-index:',
      'partner-series-files-all:',
      'port-crossings-by-month-all',
      'population-all',
      'provenance-files-all',
    ])
      assert.ok(
        held.some((k) => k.startsWith(prefix)),
        `no ${prefix} read: ${held.join(', ')}`,
      );
  });

  it('a server warmed at start-up (`frontera serve`) gives, from its first request, what a store remembering nothing gives', async () => {
    const wanted = REQUESTS.filter((p) =>
      /profile\/(partner|port|product|state)|series|compare\?|map|top\/(ports|products)|revisions/.test(
        p,
      ),
    );
    const alone = new Map<string, string>();
    for (const path of wanted) {
      const a = (await answersAlone()).get(path)!;
      alone.set(path, `${a.status} ${a.body}`);
    }
    store.memo.clear();
    await warmUp(store);
    const asked = [...store.memo.keys()].filter((k) => k.startsWith('asked-often:'));
    assert.ok(asked.length >= 5, `kinds asked ahead: ${asked.join(', ')}`);
    const app = createApp(store, { dataVersion: 'test' });
    for (const path of wanted) {
      const a = await ask(app, path);
      assert.equal(`${a.status} ${a.body}`, alone.get(path), path);
    }
  });

  it('cites the files a DISTINCT over each filter finds, however many files a table holds', async () => {
    const readSets: Read[][] = [
      [
        {
          table: 'trade_country_month',
          where: `series = 'country.xlsx' AND partner_code = $code`,
          params: { code: '2010' },
        },
        {
          table: 'crossings',
          where: 'port_code IN (SELECT unnest($ports)) AND year(month) = $year',
          params: { ports: ['2304', '2402'], year: 2024, unused: 1 },
        },
      ],
      [
        { table: 'port', where: 'port_code = $port', params: { port: '2304' } },
        // A table with no rows in this store, beside one with rows.
        { table: 'dataweb_product', where: 'partner_code = $p', params: { p: '2010' } },
      ],
      [{ table: 'crossings', where: 'measure = $m', params: { m: 'no such measure' } }],
      [
        {
          table: 'trade_product',
          where: 'starts_with(hs_code, $code) AND hs_level >= $level',
          params: { code: '8703', level: 4 },
        },
        { table: 'wait_times', where: `port_number LIKE $p`, params: { p: '2304%' } },
      ],
    ];
    for (const reads of readSets) {
      store.memo.clear();
      const ids = new Set<number>();
      for (const r of reads) {
        const params = Object.fromEntries(
          Object.entries(r.params ?? {}).filter(([k]) => r.where.includes(`$${k}`)),
        );
        const { values, types } = bindParams(params);
        const rows = await store.conn.runAndReadAll(
          `SELECT DISTINCT source_file_id FROM ${r.table} WHERE ${r.where}`,
          values,
          types,
        );
        for (const [id] of rows.getRowsJS()) ids.add(Number(id));
      }
      const want = await fileProvenance(store, [...ids]);
      assert.deepEqual(await readProvenance(store, reads), want);
    }
  });

  it("gives a partner set's years as the yearly query for those partners and years gives", async () => {
    const cases: [string[], { from: number; to: number } | undefined, string | undefined][] = [
      [['2010', '1220', '5700'], { from: 2012, to: 2020 }, undefined],
      [['1220', '2010', '1220'], undefined, undefined],
      [['5700'], { from: 2017, to: 2017 }, '2018-10'],
      [['2010'], { from: 2030, to: 2031 }, undefined],
    ];
    for (const [partners, years, vintage] of cases) {
      const want = await runQuery(
        store,
        compileTrade({ kind: 'partner-annual', partners, years, vintage }),
      );
      assert.deepEqual(await partnerAnnual(store, partners, { years, vintage }), want);
    }
  });

  it('lists the map ports in the order the single map query gave', async () => {
    for (const [measure, year] of [
      ['Trucks', 2024],
      ['Train Passengers', 2024],
    ] as const) {
      const want = await runQuery(store, {
        kind: 'compiled-query',
        name: 'port-map',
        tables: ['crossings', 'port'],
        params: { measure, year },
        sql: `WITH c AS (
                SELECT port_code, sum(count) AS count FROM crossings
                WHERE measure = $measure AND year(month) = $year GROUP BY 1
              )
              SELECT d.port_code, c.count
              FROM port_directory d LEFT JOIN c USING (port_code)
              WHERE d.latitude IS NOT NULL AND d.border IS NOT NULL
                AND d.port_code IN (SELECT DISTINCT port_code FROM crossings)
              ORDER BY c.count DESC NULLS LAST, d.port_code`,
      });
      const got = (await portMap(store, { measure, year })).ports;
      assert.ok(got.some((p) => p.count === null) || measure === 'Trucks');
      assert.deepEqual(
        got.map((p) => [p.code, p.count]),
        want.map((r) => [String(r.port_code), (r.count as bigint | null) ?? null]),
      );
    }
  });
});
