import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer, type Server } from '../../src/api/serve.ts';
import { whereClause } from '../../src/analytics/clickhouse-sql.ts';
import { runQuery } from '../../src/analytics/compiled-query.ts';
import { openClickHouseStore } from '../../src/store/clickhouse-store.ts';
import { parseClickHouseUrl } from '../../src/store/clickhouse-target.ts';
import { EngineRefusal } from '../../src/store/engine-refusal.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { publishToClickHouse, type PublishSummary } from '../../src/store/publish-clickhouse.ts';
import { API_FILES } from '../api/api-fixture.ts';
import { startClickHouseCluster, type ClickHouseCluster } from '../clickhouse-cluster.ts';
import {
  FORECAST_COMMANDS,
  FORECAST_ROUTES,
  forecastEngines,
  type ForecastEngines,
} from './clickhouse-parity-forecast.ts';
import { CLAIM_ROUTES, claimParityChecks } from './clickhouse-parity-claims.ts';
import { commandParityChecks } from './clickhouse-parity-commands.ts';
import { PLACE_FILES, PLACE_ROUTES } from './clickhouse-parity-places.ts';
import { WAIT_TARIFF_ROUTES } from './clickhouse-parity-waits-tariffs.ts';
import {
  MEXICO_SCENARIO,
  SCENARIO_POSTS,
  TARIFF_FILES,
  TARIFF_ROUTES,
} from './clickhouse-parity-tariffs.ts';
import { fixtureDatabase } from '../fixture-database.ts';
import { forecastDatabase } from '../forecast/forecast-fixture.ts';
import { runCli } from '../helpers.ts';

/**
 * The same answers from ClickHouse as from the embedded store: the bundle's files (the API
 * suites' database) published to two ClickHouse 18.16 servers forming a two-shard cluster on
 * loopback, and the API's JSON compared byte for byte, route by route, for real partners,
 * years and vintages. Analyses not compiled for ClickHouse must refuse (501), never answer.
 */
describe('ClickHouse engine: publish to a two-shard cluster, same API answers', () => {
  let cluster: ClickHouseCluster;
  let duck: Store;
  let ch: Store;
  let duckApi: Server;
  let chApi: Server;
  let published: PublishSummary;
  let db: string;
  let fc: ForecastEngines;

  before(async () => {
    [cluster, db] = await Promise.all([
      startClickHouseCluster(2),
      fixtureDatabase(API_FILES, { after: [...PLACE_FILES, ...TARIFF_FILES] }),
      forecastDatabase(),
    ]);
    // The forecast's own database, published beside the other (`clickhouse-parity-forecast.ts`).
    const forecastReady = forecastEngines(cluster);
    forecastReady.catch(() => undefined);
    duck = await openStore(db, { readOnly: true });
    published = await publishToClickHouse(duck, parseClickHouseUrl(cluster.url('frontera')), {
      cluster: cluster.name,
    });
    ch = await openClickHouseStore(parseClickHouseUrl(cluster.url('frontera')));
    [duckApi, chApi] = await Promise.all([
      startServer(duck, { port: 0 }),
      startServer(ch, { port: 0 }),
    ]);
    fc = await forecastReady;
  });
  after(async () => {
    await Promise.all([duckApi?.close(), chApi?.close(), fc?.close()]);
    ch?.close();
    duck?.close();
    await cluster?.stop();
  });

  const get = async (api: Server, path: string) => {
    const r = await fetch(`${api.url}${path}`);
    return { status: r.status, body: await r.text(), etag: r.headers.get('etag') };
  };

  it('publishes every model table, sharding the facts across both servers', (ctx) => {
    ctx.diagnostic(
      `published ${published.tables.reduce((a, x) => a + x.rows, 0)} rows in ${published.tables.length} tables in ${published.seconds} s`,
    );
    const t = new Map(published.tables.map((x) => [x.name, x]));
    assert.equal(published.shards, 2);
    assert.equal(t.get('trade_country_month')?.layout, 'sharded');
    assert.deepEqual(t.get('trade_country_month')?.sortKey, ['partner_code', 'flow', 'month']);
    assert.equal(t.get('source_file')?.layout, 'copied to every shard');
    assert.ok(
      (t.get('trade_country_month_all')?.rows ?? 0) > (t.get('trade_country_month')?.rows ?? 0),
    );
    // Every revision of the wait readings, for the forecast, sorted for its reads.
    const waits = new Map(fc.published.tables.map((x) => [x.name, x]));
    assert.equal(waits.get('wait_times_all')?.layout, 'sharded');
    assert.deepEqual(waits.get('wait_times_all')?.sortKey, [
      'port_number',
      'lane_type',
      'lane_kind',
      'observed_at',
      'snapshot_at',
    ]);
    assert.ok((waits.get('wait_times_all')?.rows ?? 0) >= (waits.get('wait_times')?.rows ?? 1));
    ctx.diagnostic(
      `forecast database: published ${fc.published.tables.reduce((a, x) => a + x.rows, 0)} rows in ${fc.published.seconds} s`,
    );
  });

  // Real partners, years and vintages; a few that fail the same way on both (an unknown name,
  // a year or vintage not loaded, a name with a quote, inlined as a literal).
  const SAME: [string, number][] = [
    ['/api/top/partners', 200],
    ['/api/top/partners?year=2019', 200],
    ['/api/top/partners?year=2023&metric=imports&limit=30', 200],
    ['/api/top/partners?metric=balance&year=2022', 200],
    ['/api/top/partners?year=2018', 200],
    ['/api/profile/partner/china', 200],
    ['/api/profile/partner/Germany?year=2019', 200],
    ['/api/profile/partner/JP?year=2023', 200],
    ['/api/profile/partner/0003', 200],
    ['/api/profile/partner/world?year=2016', 200],
    ['/api/profile/partner/mexico', 200],
    ['/api/profile/partner/canada?year=2015', 200],
    ['/api/profile/partner/MX?year=2024', 404],
    ['/api/top/ports', 200],
    ['/api/series/china', 200],
    ['/api/series/japan?frequency=monthly&years=2016-2018', 200],
    ['/api/series/mexico?frequency=monthly', 200],
    ['/api/series/canada?vintage=2018-10', 200],
    ['/api/series/Korea?vintage=2023-03&frequency=monthly&years=2020-2021', 200],
    ['/api/series/china?vintage=1999-01', 404],
    [`/api/profile/partner/${encodeURIComponent("O'Neill\\")}`, 404],
    ['/api/series/atlantis', 404],
    ['/api/top/partners?year=1980', 400],
    ['/api/compare?partners=china,japan', 200],
    ['/api/compare?partners=germany,korea,0003&metric=imports&years=2015-2022', 200],
    ...PLACE_ROUTES,
    ...WAIT_TARIFF_ROUTES,
    ...TARIFF_ROUTES,
    ...CLAIM_ROUTES,
  ];
  for (const [path, status] of SAME) {
    it(`GET ${path}: ${status}, the same JSON and ETag from ClickHouse`, async () => {
      const [d, c] = await Promise.all([get(duckApi, path), get(chApi, path)]);
      assert.equal(d.status, status, d.body.slice(0, 300));
      assert.equal(c.status, d.status, c.body.slice(0, 300));
      assert.equal(c.body, d.body);
      assert.equal(c.etag, d.etag);
    });
  }

  // The wait forecast, on the forecast tests' six weeks of pulls (`clickhouse-parity-forecast.ts`).
  for (const [path, status] of FORECAST_ROUTES) {
    it(`GET ${path}: ${status}, the same forecast and ETag from ClickHouse`, async () => {
      const [d, c] = await Promise.all([get(fc.duckApi, path), get(fc.chApi, path)]);
      assert.equal(d.status, status, d.body.slice(0, 300));
      assert.equal(c.status, d.status, c.body.slice(0, 300));
      assert.equal(c.body, d.body);
      assert.equal(c.etag, d.etag);
    });
  }

  it('runs waits forecast and backtest on either engine: the same output', async () => {
    for (const args of FORECAST_COMMANDS) {
      const d = await runCli(fc.db, ...args);
      const c = await runCli(fc.db, ...args, '--engine', fc.url);
      assert.equal(d.code, 0, `${args.join(' ')}: ${d.err}`);
      assert.equal(c.code, 0, `${args.join(' ')}: ${c.err}`);
      assert.ok(d.out.length > 500, args.join(' '));
      assert.equal(c.out, d.out, args.join(' '));
    }
  });

  for (const [path, type, body, status] of SCENARIO_POSTS) {
    it(`POST ${path} (${type}, ${body.slice(0, 60)}…): ${status}, the same answer from ClickHouse`, async () => {
      const post = async (api: Server) => {
        const r = await fetch(`${api.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': type },
          body,
        });
        return { status: r.status, body: await r.text() };
      };
      const [d, c] = await Promise.all([post(duckApi), post(chApi)]);
      assert.equal(d.status, status, d.body.slice(0, 300));
      assert.equal(c.status, d.status, c.body.slice(0, 300));
      assert.equal(c.body, d.body);
    });
  }

  it('runs the tariff commands and a DataWeb composition with --engine: the same output and refusals', async () => {
    const url = cluster.url('frontera');
    const dir = await mkdtemp(join(tmpdir(), 'frontera-parity-'));
    try {
      const file = join(dir, 'mexico.json');
      await writeFile(file, JSON.stringify(MEXICO_SCENARIO));
      // Each tariff command on ClickHouse copies the tariff tables anew (a process of its own
      // would): a scenario (it rests on the whole baseline) and a refusal are enough here, the
      // routes above check the rest.
      for (const [args, code] of [
        [['tariff', 'scenario', file, '--csv'], 0],
        [['composition', 'mexico', '--flow', 'export', '--year', '2018', '--json'], 0],
        [['tariff', 'baseline', '--year', '2023'], 1],
      ] as const) {
        const d = await runCli(db, ...args);
        const c = await runCli(db, ...args, '--engine', url);
        assert.equal(d.code, code, `${args.join(' ')}: ${d.err}`);
        assert.equal(c.code, d.code, `${args.join(' ')}: ${c.err}`);
        assert.equal(c.out, d.out, args.join(' '));
        assert.equal(c.err, d.err, args.join(' '));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  claimParityChecks(() => ({ duckApi, chApi, db, url: cluster.url('frontera') }));
  commandParityChecks(() => ({ db, url: cluster.url('frontera'), published }));

  it('refuses a query with no ClickHouse translation, or one whose DuckDB SQL changed since (never another answer)', async () => {
    const q = { kind: 'compiled-query' as const, params: {}, tables: [] };
    await assert.rejects(
      runQuery(ch, { ...q, name: 'no-such-query', sql: 'SELECT 1' }),
      (e) =>
        e instanceof EngineRefusal &&
        /is not available on ClickHouse yet: its query 'no-such-query' has no ClickHouse translation/.test(
          e.message,
        ),
    );
    await assert.rejects(
      runQuery(ch, { ...q, name: 'state-names', sql: 'SELECT usps AS code, name FROM us_state' }),
      (e) => e instanceof EngineRefusal && /its query 'state-names' changed/.test(e.message),
    );
  });

  it('runs the CLI on either engine: the same --json, and a refusal that exits 1', async () => {
    const url = cluster.url('frontera');
    // Mexico's profile reads TransBorder and crossings too.
    const mxDuck = await runCli(db, 'profile', 'partner', 'mexico', '--json');
    const mxCh = await runCli(db, 'profile', 'partner', 'mexico', '--json', '--engine', url);
    assert.equal(mxCh.code, 0, mxCh.err);
    assert.equal(mxCh.out, mxDuck.out);
    const onDuck = await runCli(db, 'top', 'partners', '--year', '2022', '--json');
    const onCh = await runCli(db, 'top', 'partners', '--year', '2022', '--json', '--engine', url);
    assert.equal(onDuck.code, 0, onDuck.err);
    assert.equal(onCh.code, 0, onCh.err);
    assert.equal(onCh.out, onDuck.out);
    const portDuck = await runCli(db, 'profile', 'port', 'laredo', '--json');
    const portCh = await runCli(db, 'profile', 'port', 'laredo', '--json', '--engine', url);
    assert.equal(portCh.code, 0, portCh.err);
    assert.equal(portCh.out, portDuck.out);
    for (const args of [
      ['revisions', 'china'],
      ['waits', 'history', 'laredo'],
    ]) {
      const d = await runCli(db, ...args, '--json');
      const c = await runCli(db, ...args, '--json', '--engine', url);
      assert.equal(d.code, 0, d.err);
      assert.equal(c.out, d.out, args.join(' '));
    }
    const bad = await runCli(db, 'top', 'partners', '--engine', 'clickhouse://nowhere');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /needs a host and an HTTP port/);
  });

  it('copies rows exactly: file paths, notes, lists and instants of source_file', async () => {
    const cols = 'id, source, series, path, sha256, vintage, period_from, period_to, tables, notes';
    const d = await duck.conn.runAndReadAll(
      `SELECT ${cols}, strftime(ingested_at, '%Y-%m-%dT%H:%M:%S.%fZ') AS at FROM source_file ORDER BY id`,
    );
    const r = await fetch(`http://127.0.0.1:${cluster.httpPorts[1]}/?database=frontera`, {
      method: 'POST',
      body: `SELECT ${cols}, ingested_at AS at FROM source_file ORDER BY id FORMAT JSONEachRow`,
    });
    const c = (await r.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const rows = d.getRowObjectsJS().map((x) => ({
      ...x,
      tables: [...(x.tables as string[])],
      notes: [...(x.notes as string[])],
    }));
    assert.ok(rows.length > 5);
    assert.deepEqual(c, rows);
  });

  it('publishes all or nothing: a failed publish leaves the published model as it was', async () => {
    const target = parseClickHouseUrl(cluster.url('frontera'));
    await assert.rejects(
      publishToClickHouse(duck, target, {
        cluster: cluster.name,
        tables: ['region', 'no_such_table'],
      }),
      /the store has no table no_such_table/,
    );
    for (const port of cluster.httpPorts) {
      const r = await fetch(`http://127.0.0.1:${port}/?database=frontera`, {
        method: 'POST',
        body: `SELECT name FROM system.tables WHERE database = 'frontera' AND endsWith(name, '__new')`,
      });
      assert.equal((await r.text()).trim(), '', 'no half-loaded table stays behind');
    }
    // Publishing again swaps in the same rows; answers stay identical.
    await publishToClickHouse(duck, target, {
      cluster: cluster.name,
      tables: ['partner', 'source_file'],
    });
    const path = '/api/profile/partner/china?year=2021';
    const [d, c] = await Promise.all([get(duckApi, path), get(chApi, path)]);
    assert.equal(c.body, d.body);
  });

  it('names the server it cannot reach, and publishes nothing', async () => {
    // A loopback port nothing listens on: the one a just-closed server had.
    const port = await new Promise<number>((ok) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => ok(p));
      });
    });
    await assert.rejects(
      publishToClickHouse(duck, parseClickHouseUrl(`clickhouse://127.0.0.1:${port}`)),
      new RegExp(`cannot reach ClickHouse at 127\\.0\\.0\\.1:${port} .*nothing was published`),
    );
  });

  it('writes user values as escaped literals and refuses SQL it does not know', () => {
    assert.equal(
      whereClause('partner_code = $code AND year(month) = $y', { code: "x' OR 1=1 --\\", y: 2020 }),
      "partner_code = 'x\\' OR 1=1 --\\\\' AND toYear ( month ) = 2020",
    );
    assert.throws(() => whereClause('name ILIKE $n', { n: 'a' }), EngineRefusal);
    assert.throws(() => whereClause('strftime(month, $f) = 1', { f: '%Y' }), EngineRefusal);
  });
});
