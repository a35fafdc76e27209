/**
 * `frontera sync` of a year of Border Crossing pages from a local Socrata stand-in (JSON rows
 * built from the bundle's 2024 CSV), against reading the same rows from that CSV.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SOURCES } from '../src/sources/registry.ts';
import { ingestFile } from '../src/store/ingest-file.ts';
import { openStore } from '../src/store/open-store.ts';
import { realHttpIO } from '../src/sync/fetch-with-retry.ts';
import { parseSyncConfig } from '../src/sync/sync-config.ts';
import { syncSources } from '../src/sync/sync-sources.ts';

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

function socrataRows(csv: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
  const h = header!.split(',');
  const at = (n: string) => h.indexOf(n);
  return lines.map((line) => {
    const l = line.split(',');
    const [mon, year] = l[at('Date')]!.split(' ');
    const r: Record<string, string> = {
      port_name: l[at('Port Name')]!,
      state: l[at('State')]!,
      port_code: l[at('Port Code')]!,
      border: l[at('Border')]!,
      date: `${year}-${String(MONTHS.indexOf(mon!) / 3 + 1).padStart(2, '0')}-01T00:00:00.000`,
      measure: l[at('Measure')]!,
      value: l[at('Value')]!,
    };
    if (l[at('Latitude')]) r.latitude = l[at('Latitude')]!;
    if (l[at('Longitude')]) r.longitude = l[at('Longitude')]!;
    return r;
  });
}

async function median(runs: number, f: (i: number) => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}

export async function benchSync(dir: string, data: string, runs: number): Promise<void> {
  const csv = join(data, 'bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv');
  const rows = socrataRows(csv);
  const pageSize = 1000;
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    const q = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
    const body =
      q.get('$select') === 'count(*) AS n'
        ? [{ n: String(rows.length) }]
        : rows.slice(
            Number(q.get('$offset') ?? 0),
            Number(q.get('$offset') ?? 0) + Number(q.get('$limit')),
          );
    const text = Buffer.from(JSON.stringify(body));
    res.writeHead(200, {
      'content-type': 'application/json;charset=utf-8',
      'content-length': text.length,
    });
    res.end(text);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const config = parseSyncConfig({ sources: { 'bts-crossings': { pageSize } } });
    let perRun = 0;
    const synced = await median(runs, async (i) => {
      const before = requests;
      const store = await openStore(join(dir, `sync-${i}.duckdb`));
      const report = await syncSources(
        store,
        {
          sources: ['bts-crossings'],
          baseUrls: { 'bts-crossings': url },
          options: { since: '2024-01', refresh: false },
          config,
          cacheDir: join(dir, `sync-cache-${i}`),
        },
        { ...realHttpIO(), now: () => new Date('2024-12-15T12:00:00Z') },
      );
      store.close();
      const errors = report.sources.flatMap((s) => s.errors);
      if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('\n'));
      perRun = requests - before;
    });
    const fromCsv = await median(runs, async (i) => {
      const store = await openStore(join(dir, `csv-${i}.duckdb`));
      await ingestFile(store, csv, SOURCES);
      store.close();
    });
    console.log(
      `\nSync of a year of Border Crossing pages (${rows.length.toLocaleString('en-US')} rows, ${perRun} requests of ${pageSize} rows) from a local server`,
    );
    console.log(`  sync end to end (fetch, cache, ingest) : ${synced.toFixed(0)} ms`);
    console.log(
      `  rows per second                        : ${Math.round(rows.length / (synced / 1000)).toLocaleString('en-US')}`,
    );
    console.log(
      `  requests per second                    : ${(perRun / (synced / 1000)).toFixed(1)}`,
    );
    console.log(`  the same rows from the local CSV       : ${fromCsv.toFixed(0)} ms`);
    console.log(
      `  ratio                                  : ${(synced / fromCsv).toFixed(2)}× (target ≤ 3×)`,
    );
  } finally {
    await new Promise((ok) => server.close(ok));
  }
}
