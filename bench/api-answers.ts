/**
 * Every answer of the uncached rotation (bench/api-rotation.ts), asked one at a time of the app
 * in this process, written one line per URL: status, SHA-256 of the body and the URL. Two
 * checkouts run on the same database must write the same file (a speed change must not change
 * one byte of any answer); `diff` them. With `--timing` it also prints, per route family, the
 * requests, time and queries per request (the uncached path's profile); `--only <family>`
 * keeps one route family (as `routeFamily` names it).
 *
 *   node --import tsx bench/api-answers.ts <db> <out> [--timing] [--bodies <dir>] [--only <family>]
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp } from '../src/api/create-app.ts';
import { openStore } from '../src/store/open-store.ts';
import { rotationUrls, routeFamily } from './api-rotation.ts';

const [db, out, ...rest] = process.argv.slice(2);
if (!db || !out) throw new Error('usage: api-answers.ts <db> <out> [--timing] [--bodies dir]');
const timing = rest.includes('--timing');
const option = (name: string) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined);
const bodies = option('--bodies');
const only = option('--only');
if (bodies) await mkdir(bodies, { recursive: true });

const scout = await openStore(db, { readOnly: true });
const urls = (await rotationUrls(scout)).filter((u) => !only || routeFamily(u) === only);
scout.close();

const store = await openStore(db, { readOnly: true });
// Counts statements run, on the pool and on the store's own connection.
let queries = 0;
const read = store.read.bind(store);
store.read = (work) => {
  queries++;
  return read(work);
};
const conn = store.conn as unknown as Record<string, (...a: unknown[]) => unknown>;
for (const m of ['run', 'runAndReadAll'] as const) {
  const f = conn[m]!.bind(store.conn);
  conn[m] = (...a: unknown[]) => {
    queries++;
    return f(...a);
  };
}
const app = createApp(store, { dataVersion: 'answers' });
const lines: string[] = [];
const families = new Map<string, { n: number; ms: number[]; q: number }>();
const t0 = performance.now();
for (const [i, url] of urls.entries()) {
  const q0 = queries;
  const t = performance.now();
  const res = await app.request(`http://127.0.0.1${url}`);
  const body = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - t;
  lines.push(`${res.status} ${createHash('sha256').update(body).digest('hex')} ${url}`);
  if (bodies) await writeFile(join(bodies, `${i}.json`), body);
  const f = families.get(routeFamily(url)) ?? { n: 0, ms: [], q: 0 };
  f.n++;
  f.ms.push(ms);
  f.q += queries - q0;
  families.set(routeFamily(url), f);
}
const total = performance.now() - t0;
await writeFile(out, lines.join('\n') + '\n');
store.close();
if (timing) {
  const q = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.ceil(p * xs.length) - 1]!;
  console.log(`${urls.length} URLs one at a time in ${(total / 1000).toFixed(1)} s`);
  console.log('family: n, total s, share, mean / p50 / p99 ms, queries per request');
  for (const [name, f] of [...families].sort(
    (a, b) => b[1].ms.reduce((x, y) => x + y) - a[1].ms.reduce((x, y) => x + y),
  )) {
    const sum = f.ms.reduce((x, y) => x + y, 0);
    console.log(
      `  ${name.padEnd(24)} ${String(f.n).padStart(5)} ${(sum / 1000).toFixed(1).padStart(6)} ${((sum / total) * 100).toFixed(0).padStart(3)}% ${(sum / f.n).toFixed(1)} / ${q(f.ms, 0.5).toFixed(1)} / ${q(f.ms, 0.99).toFixed(1)}  ${(f.q / f.n).toFixed(1)}`,
    );
  }
}
