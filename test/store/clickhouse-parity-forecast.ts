import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type Server } from '../../src/api/serve.ts';
import { openClickHouseStore } from '../../src/store/clickhouse-store.ts';
import { parseClickHouseUrl } from '../../src/store/clickhouse-target.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { publishToClickHouse, type PublishSummary } from '../../src/store/publish-clickhouse.ts';
import type { ClickHouseCluster } from '../clickhouse-cluster.ts';
import { forecastDatabase } from '../forecast/forecast-fixture.ts';

/**
 * The wait forecast and backtest on both engines, for `clickhouse-parity.test.ts`. The API
 * suites' database holds one CBP pull, far too little to forecast from (a lane needs 100
 * hourly readings), so these run on the forecast tests' database (`forecast-fixture.ts`: six
 * weeks of real pulls, every crossing, built once per run by the shared fixture cache). A
 * copy of it keeps the readings of a few crossings (`FORECAST_CROSSINGS`; publishing all 81
 * took 90 s under load, these about a tenth of it), and is published beside the other
 * database into one of its own on the same two-shard cluster: only the tables the forecast
 * reads. Both engines read the same copy.
 */
/** San Ysidro's crossings, Calexico's two and one of El Paso's. */
export const FORECAST_CROSSINGS = ['250401', '250407', '250409', '250301', '250302', '240202'];

export const FORECAST_TABLES = [
  'wait_times',
  'wait_times_all',
  'cbp_crossing',
  'port_directory',
  'port',
  'us_state',
  'source_file',
];

/**
 * Forecasts from inside the fixture's history (`asOf`) and from its newest reading, for a port
 * by name (every crossing of San Ysidro, PedWest's closed night hours left out) and one
 * crossing, as JSON and CSV; and refusals both must give.
 */
export const FORECAST_ROUTES: [string, number][] = [
  ['/api/waits/forecast?place=San%20Ysidro&asOf=2025-12-20T06:00Z', 200],
  [
    '/api/waits/forecast?place=250302&asOf=2026-01-05T13:30Z&from=2026-01-05T14:00Z&to=2026-01-06T01:00Z',
    200,
  ],
  ['/api/waits/forecast?place=250302&asOf=2026-01-05T13:30Z&format=csv', 200],
  ['/api/waits/forecast?place=240202&lane=passenger:standard', 200],
  // Too little history before the origin; an hour before the origin; an unknown crossing.
  ['/api/waits/forecast?place=250302&asOf=2025-12-02T00:00Z', 404],
  ['/api/waits/forecast?place=250302&at=2025-12-10T00:00Z', 404],
  ['/api/waits/forecast?place=999999', 404],
];

/** The CLI runs compared on both engines, each a command line (the API covers the CSV). */
export const FORECAST_COMMANDS: string[][] = [
  'waits forecast 250401 --as-of 2026-01-06T00:00Z --at 2026-01-06T18:00Z --json',
  // A short backtest: the 2 busiest crossings, origins every 6 hours for two days.
  'waits backtest --train-until 2026-01-04T00:00Z --until 2026-01-06T00:00Z --crossings 2 --json',
].map((line) => line.split(' '));

export interface ForecastEngines {
  /** The DuckDB file, and the ClickHouse address of its published copy. */
  db: string;
  url: string;
  duckApi: Server;
  chApi: Server;
  published: PublishSummary;
  close(): Promise<void>;
}

/** The forecast database published to `cluster` (database `frontera_forecast`), served twice. */
export async function forecastEngines(cluster: ClickHouseCluster): Promise<ForecastEngines> {
  const dir = await mkdtemp(join(tmpdir(), 'frontera-forecast-parity-'));
  const db = join(dir, 'forecast.duckdb');
  await copyFile(await forecastDatabase(), db);
  const writer = await openStore(db);
  try {
    await writer.conn.run(
      `DELETE FROM wait_times_all WHERE port_number NOT IN (${FORECAST_CROSSINGS.map((p) => `'${p}'`).join(', ')})`,
    );
  } finally {
    writer.close();
  }
  const url = cluster.url('frontera_forecast');
  const duck: Store = await openStore(db, { readOnly: true });
  let ch: Store | undefined;
  try {
    const published = await publishToClickHouse(duck, parseClickHouseUrl(url), {
      cluster: cluster.name,
      tables: FORECAST_TABLES,
    });
    ch = await openClickHouseStore(parseClickHouseUrl(url));
    const [duckApi, chApi] = await Promise.all([
      startServer(duck, { port: 0 }),
      startServer(ch, { port: 0 }),
    ]);
    return {
      db,
      url,
      duckApi,
      chApi,
      published,
      async close() {
        await Promise.all([duckApi.close(), chApi.close()]);
        ch?.close();
        duck.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    ch?.close();
    duck.close();
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
}
