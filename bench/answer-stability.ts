import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { createApp } from '../src/api/create-app.ts';
import { openStore, type Store } from '../src/store/open-store.ts';
import { rotationUrls } from './api-rotation.ts';

/**
 * Every answer must be the same from one run to the next. DuckDB runs a query on several
 * threads, and rows of a join, a GROUP BY or an ORDER BY on a non-unique key come out in
 * whatever order the threads finish: a list without a total order, a top-N cut at a tie, an
 * arg_max between equal values can each change from run to run. This asks every URL of the
 * API rotation (thousands of distinct valid URLs built from the database) and the routes not in
 * it, in-process, of the same read-only database opened once per DuckDB thread setting
 * (`BENCH_THREADS`, default 1,4,4: one thread, then many threads twice), and reports every URL
 * whose status or body differs between the runs.
 */
export async function benchAnswerStability(dbPath: string): Promise<number> {
  const threadCounts = (process.env.BENCH_THREADS ?? '1,4,4').split(',').map(Number);
  const scout = await openStore(dbPath, { readOnly: true });
  let urls: string[];
  try {
    urls = [...new Set([...(await extraUrls(scout)), ...(await rotationUrls(scout))])];
  } finally {
    scout.close();
  }
  // BENCH_STABILITY_MATCH=regex keeps the URLs it matches; BENCH_STABILITY_URLS=n the first n.
  const match = process.env.BENCH_STABILITY_MATCH;
  if (match) urls = urls.filter((u) => new RegExp(match).test(u));
  urls = urls.slice(0, Number(process.env.BENCH_STABILITY_URLS ?? urls.length));

  const runs: Map<string, string>[] = [];
  for (const threads of threadCounts) {
    const t = performance.now();
    runs.push(await answers(dbPath, threads, urls));
    console.log(
      `  threads=${threads}: ${urls.length} URLs in ${((performance.now() - t) / 1000).toFixed(0)} s (load ${loadavg()[0]!.toFixed(1)})`,
    );
  }
  const differing: string[] = [];
  for (const url of urls) {
    const first = runs[0]!.get(url);
    if (runs.some((r) => r.get(url) !== first)) differing.push(url);
  }
  console.log(
    `\nAnswer stability: ${urls.length} URLs × threads ${threadCounts.join(', ')}: ${differing.length} differ`,
  );
  for (const url of differing) {
    console.log(`  DIFFERS ${url}`);
    if (process.env.BENCH_STABILITY_VERBOSE) {
      for (const [i, r] of runs.entries())
        console.log(`    threads=${threadCounts[i]}: ${r.get(url)}`);
    }
  }
  return differing.length;
}

/** Status and body of each URL, asked of a fresh store (no memo, no response cache). */
async function answers(dbPath: string, threads: number, urls: string[]) {
  const store = await openStore(dbPath, { readOnly: true });
  // A global setting: applies to every connection of the instance, pool included.
  await store.conn.run(`SET threads = ${threads}`);
  const app = createApp(store, { dataVersion: 'stability' });
  const out = new Map<string, string>();
  try {
    for (const url of urls) {
      const res = await app.request(url);
      const body = await res.text();
      // Keep whole bodies only when asked to show them; a digest otherwise.
      out.set(
        url,
        process.env.BENCH_STABILITY_VERBOSE
          ? `${res.status} ${body}`
          : `${res.status} ${createHash('sha256').update(body).digest('hex')}`,
      );
    }
  } finally {
    store.close();
  }
  return out;
}

/** The routes the rotation leaves out, with parameters where ties are likely. */
async function extraUrls(store: Store): Promise<string[]> {
  const rows = async (sql: string) =>
    (await store.conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  const waitPorts = (
    await rows(
      `SELECT port_number AS p FROM wait_times GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 6`,
    )
  ).map((r) => String(r.p));
  const asOf = '2026-01-15T18:00:00Z';
  const e = encodeURIComponent;
  const statements = [
    'Mexico was the largest trading partner of the United States in 2024.',
    'US exports to Canada were $350 billion in 2023.',
    'Imports from China fell 20% in 2023.',
    'Mexico is the third largest export market of the US.',
    'El comercio con México superó los 800 mil millones de dólares en 2024.',
    'Laredo handled more trucks than any other port in 2023.',
    'Vietnam was the 7th largest source of US imports in 2023.',
    'The US trade deficit with Germany was $83 billion in 2023.',
  ];
  const years = [2000, 2010, 2015, 2020, 2023, 2024, 2025];
  return [
    '/api/status',
    '/api/partners',
    '/api/names/us-states',
    '/api/names/products',
    '/api/tariff/baseline',
    '/api/tariff/baseline?year=2023',
    '/api/tariff/baseline?year=2024&format=csv',
    '/api/composition/mexico',
    '/api/composition/canada',
    '/api/composition/china',
    '/api/revisions/mexico',
    '/api/revisions/canada?flow=import_general',
    '/api/profile/mexican-state/chihuahua',
    '/api/profile/mexican-state/NLE',
    '/api/tariff/line/8703231940?partner=mexico&date=2025-06-01',
    '/api/tariff/line/7208100015?partner=canada&date=2025-06-01',
    ...statements.map((s) => `/api/check?statement=${e(s)}`),
    ...['San Diego', 'El Paso', 'Laredo', 'Nogales', 'Buffalo'].map(
      (c) => `/api/waits/compare/${e(c)}?at=${e('monday 07:00')}&asOf=${asOf}`,
    ),
    ...waitPorts.flatMap((p) => [
      `/api/waits/history/${p}?from=2025-12-01&to=2025-12-08`,
      `/api/waits/profile/${p}`,
      `/api/waits/now/${p}?asOf=${asOf}`,
      `/api/waits/forecast?place=${p}&asOf=${asOf}`,
    ]),
    // Top-N lists: long limits reach the small partners, ports and products, where equal
    // values (often zero) are common.
    ...['exports', 'imports', 'two-way', 'balance'].flatMap((m) =>
      years.flatMap((y) =>
        [1, 3, 100, 250].map((l) => `/api/top/partners?metric=${m}&year=${y}&limit=${l}`),
      ),
    ),
    ...years.flatMap((y) =>
      [100, 500].map((l) => `/api/top/ports?measure=Pedestrians&year=${y}&limit=${l}`),
    ),
    ...[2018, 2024].flatMap((y) =>
      [2, 4, 6, 10].flatMap((lv) =>
        ['export', 'import_general'].map(
          (f) => `/api/top/products?flow=${f}&year=${y}&level=${lv}&limit=500`,
        ),
      ),
    ),
    ...['ports', 'states'].flatMap((w) =>
      ['2020-01', '2024-06'].map((m) => `/api/top/${w}?month=${m}&limit=500`),
    ),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const db = process.env.BENCH_DB ?? '/work/db2/bundle.duckdb';
  const differ = await benchAnswerStability(db);
  process.exitCode = differ ? 1 : 0;
}
