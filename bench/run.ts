/**
 * `npm run bench`: prints figures and ratios, never fails on time. Not part of CI. Each figure is the median
 * of a few runs on this machine, next to the raw DuckDB time for the same work.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { SOURCES } from '../src/sources/registry.ts';
import { ingestFile } from '../src/store/ingest-file.ts';
import { ingestPaths } from '../src/store/ingest-paths.ts';
import { openStore } from '../src/store/open-store.ts';
import { benchApi, benchApiRotation } from './api-bench.ts';
import { benchAnswerStability } from './answer-stability.ts';
import { benchCold } from './cold-bench.ts';
import { benchCorruptions } from './corruption-bench.ts';
import { benchCheckText } from './check-bench.ts';
import { benchWaits } from './waits-bench.ts';
import { benchWaitsBacktest } from './waits-backtest-bench.ts';
import { benchEngineScale } from './engine-scale-bench.ts';
import { benchPartnerProfile, medianOf } from './profile-bench.ts';
import { benchScale } from './scale-bench.ts';
import { benchStoreScale } from './store-scale-bench.ts';
import { benchTariff } from './tariff-bench.ts';
import { benchWeb } from './web-bench.ts';
import { benchSync } from './sync-bench.ts';

const DATA = resolve(process.env.FRONTERA_DATA ?? '../shared/data');
const BORDER = join(DATA, 'bts/border-crossing/Border_Crossing_Entry_Data.csv.gz');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const ms = (x: number) => `${x.toFixed(0)} ms`;

async function borderCrossingIngest(dir: string) {
  // Raw and checked runs alternate, so a busy moment on the machine weighs on both alike.
  let n = 0;
  const raw: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < Math.max(RUNS, 3); i++) {
    raw.push(
      await medianOf(1, async () => {
        const db = await DuckDBInstance.create(join(dir, `raw-${n++}.duckdb`));
        const c = await db.connect();
        await c.run(`CREATE TABLE raw AS SELECT * FROM read_csv('${BORDER}')`);
        c.closeSync();
        db.closeSync();
      }),
    );
    ours.push(
      await medianOf(1, async () => {
        const store = await openStore(join(dir, `ours-${n++}.duckdb`));
        await ingestFile(store, BORDER, SOURCES);
        store.close();
      }),
    );
  }
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log('\nBorder Crossing Entry Data, 399,406 rows (gzipped CSV), into a new database file');
  console.log(`  raw DuckDB read_csv → table : ${ms(mid(raw))}`);
  console.log(`  frontera ingest (checked)   : ${ms(mid(ours))}`);
  console.log(
    `  ratio                       : ${(mid(ours) / mid(raw)).toFixed(2)}× (target ≤ 2×)`,
  );
}

let profileStore: Awaited<ReturnType<typeof openStore>> | undefined;

async function wholeBundle(dir: string) {
  const path = join(dir, 'bundle.duckdb');
  const t = performance.now();
  const store = await openStore(path);
  const report = await ingestPaths(store, [DATA], SOURCES);
  store.close();
  const elapsed = performance.now() - t;
  const reader = await openStore(path, { readOnly: true });
  const size = (await stat(path)).size;
  const rows = report.outcomes.reduce(
    (a, o) => a + Object.values(o.rows).reduce((x, y) => x + y, 0),
    0,
  );
  console.log(`\nWhole sample bundle (${DATA})`);
  console.log(
    `  files loaded     : ${report.outcomes.length} (${report.skipped.length} skipped, ${report.failed.length} failed)`,
  );
  console.log(`  rows             : ${rows.toLocaleString('en-US')}`);
  console.log(`  ingest time      : ${ms(elapsed)} (target ≤ 3 min)`);
  console.log(`  database size    : ${(size / 2 ** 20).toFixed(1)} MiB`);
  console.log(
    `  load average     : ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (2 cores, shared)`,
  );
  // A re-run: every file is found unchanged by its size, times and inode.
  reader.close();
  const t2 = performance.now();
  const again = await openStore(path);
  const rerun = await ingestPaths(again, [DATA], SOURCES);
  again.close();
  const unchanged = rerun.outcomes.filter((o) => o.status === 'unchanged').length;
  console.log(
    `  re-run           : ${ms(performance.now() - t2)}, ${unchanged} of ${rerun.outcomes.length} unchanged (target ≤ 20 s)`,
  );
  profileStore = await openStore(path, { readOnly: true });
}

// BENCH_ONLY=ingest,api,… runs only the named sections; BENCH_DB=path reuses a database already
// holding the bundle instead of loading it again (the sections that need the bundle read it).
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const want = (section: string) => !only || only.includes(section);
const dir = await mkdtemp(join(tmpdir(), 'frontera-bench-'));
try {
  console.log(`frontera bench — ${RUNS} runs each, median`);
  if (want('border')) await borderCrossingIngest(dir);
  if (want('corruption')) await benchCorruptions(dir, DATA);
  let bundlePath = join(dir, 'bundle.duckdb');
  if (process.env.BENCH_DB) {
    bundlePath = resolve(process.env.BENCH_DB);
    profileStore = await openStore(bundlePath, { readOnly: true });
  } else if (
    want('bundle') ||
    ['profile', 'tariff', 'check', 'api', 'api-uncached', 'web', 'waits', 'cold'].some(want) ||
    only?.includes('stability')
  ) {
    await wholeBundle(dir);
  }
  if (want('sync')) await benchSync(dir, DATA, RUNS);
  if (profileStore) {
    if (want('profile')) await benchPartnerProfile(profileStore);
    if (want('tariff')) await benchTariff(profileStore);
    if (want('check')) await benchCheckText(profileStore);
    if (want('waits')) await benchWaitsBacktest(profileStore);
    profileStore.close();
    if (want('cold')) await benchCold(bundlePath);
    if (want('api')) await benchApi(bundlePath);
    // The uncached rotation alone (also the first part of `api`).
    else if (want('api-uncached')) await benchApiRotation(bundlePath);
    if (want('web')) await benchWeb(bundlePath);
    if (want('waits')) await benchWaits(bundlePath);
    // Every API answer at threads=1 and 4 (about 15 minutes on 2 busy cores): only when named.
    if (only?.includes('stability')) await benchAnswerStability(bundlePath);
  }
  // The 100-million-row synthetic scale run takes about two minutes and 9 GiB; BENCH_SCALE_ROWS=0 skips it.
  const scaleRows = Number(process.env.BENCH_SCALE_ROWS ?? 100_000_000);
  if (scaleRows > 0 && want('scale')) await benchScale(dir, DATA, scaleRows);
  // SYNTHETIC Census API month files at full detail: ingest against DuckDB's own copy, growth
  // over 24 files, a 1 GB file and a 100-million-row trade_product (store-scale-bench.ts).
  if (want('store-scale')) await benchStoreScale(dir, DATA);
  // The same SYNTHETIC HS10 × partner × district × month table in DuckDB and on a two-shard
  // ClickHouse cluster at 10 and 100 million rows (engine-scale-bench.ts); about 25 minutes
  // under load here, and 1.3 GB of temporary disk at a time. BENCH_ENGINE_SCALE_ROWS=0 skips it.
  const engineRows = (process.env.BENCH_ENGINE_SCALE_ROWS ?? '10000000,100000000')
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  if (engineRows.length > 0 && want('engine-scale')) await benchEngineScale(dir, DATA, engineRows);
} finally {
  await rm(dir, { recursive: true, force: true });
}
