import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { startServer } from '../src/api/serve.ts';
import { openStore } from '../src/store/open-store.ts';
import { fuzzRequests, sendAll } from './fuzz-requests.ts';

/**
 * The API under load from a second process (autocannon, 10 connections) on a cached profile
 * endpoint, then 10,000 random and hostile requests over every route (percent-encoded paths,
 * claim texts, JSON and YAML scenarios with alias bombs and deep nesting, wrong methods, odd
 * headers): zero 5xx, the server still answers, the database file unchanged.
 */
export async function benchApi(
  dbPath: string,
  seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 20),
): Promise<void> {
  const store = await openStore(dbPath, { readOnly: true });
  const server = await startServer(store, { port: 0 });
  try {
    const url = `${server.url}/api/profile/partner/mexico`;
    await fetch(url).then((r) => r.arrayBuffer());
    const cli = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
    const out = await new Promise<string>((ok, fail) => {
      const child = spawn(process.execPath, [cli, '-c', '10', '-d', String(seconds), '-j', url], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.on('exit', (code) =>
        code === 0 ? ok(text) : fail(new Error(`autocannon exited ${code}`)),
      );
    });
    const r = JSON.parse(out) as {
      requests: { average: number };
      latency: { p50: number; p99: number };
      non2xx: number;
      errors: number;
    };
    console.log(
      `\nAPI load: GET /api/profile/partner/mexico (cached), autocannon 10 connections × ${seconds} s from a second process`,
    );
    console.log(
      `  requests/s                  : ${r.requests.average.toFixed(0)} (target ≥ 1,000)`,
    );
    console.log(
      `  latency p50 / p99           : ${r.latency.p50} ms / ${r.latency.p99} ms (target p99 ≤ 50 ms)`,
    );
    console.log(`  non-2xx / errors            : ${r.non2xx} / ${r.errors}`);

    const before = createHash('sha256')
      .update(await readFile(dbPath))
      .digest('hex');
    const t = performance.now();
    const requests = fuzzRequests(10_000, 20261121);
    const { statuses, fivexx } = await sendAll(server.url, requests);
    const elapsed = performance.now() - t;
    const alive = (await fetch(`${server.url}/api/status`)).status;
    const after = createHash('sha256')
      .update(await readFile(dbPath))
      .digest('hex');
    const counts = [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ');
    const families = new Set(['profile', 'top', 'compare', 'series', 'revisions', 'map']);
    const families2 = new Set(['status', 'partners', 'check', 'tariff', 'composition']);
    const kinds = new Map<string, number>();
    for (const r of requests) {
      const seg = r.path.split('?')[0]!.split('/')[2] ?? '';
      const route = !r.path.startsWith('/api/')
        ? r.path.startsWith('/openapi.json')
          ? '/openapi.json'
          : 'dashboard paths'
        : families.has(seg) || families2.has(seg)
          ? `/api/${seg}`
          : 'unknown /api paths';
      const k = ['GET', 'POST'].includes(r.method) ? `${r.method} ${route}` : 'other methods';
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    console.log(
      `\nAPI fuzz: 10,000 random and hostile requests in ${(elapsed / 1000).toFixed(1)} s`,
    );
    console.log(
      `  requests                    : ${[...kinds]
        .sort(([, a], [, b]) => b - a)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    );
    console.log(`  statuses                    : ${counts}`);
    console.log(
      `  5xx                         : ${fivexx.length} (target 0)${fivexx.length ? ` e.g. ${fivexx[0]}` : ''}`,
    );
    console.log(`  server answers afterwards   : ${alive === 200 ? 'yes' : `no (${alive})`}`);
    console.log(`  database unchanged          : ${before === after ? 'yes' : 'NO'}`);
  } finally {
    await server.close();
    store.close();
  }
}
