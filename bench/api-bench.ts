import { fork, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { startServer } from '../src/api/serve.ts';
import { openStore } from '../src/store/open-store.ts';
import { rotationUrls, routeFamily } from './api-rotation.ts';
import type { FuzzJob, FuzzResult } from './fuzz-client.ts';
import type { LoadJob, LoadResult } from './load-client.ts';

/**
 * The uncached path first (`benchApiRotation`: thousands of distinct valid URLs, each asked
 * once), then the API under load from a second process (autocannon, 10 connections) on a
 * cached profile endpoint, then 10,000 random and hostile requests over every route (percent-encoded paths,
 * claim texts, JSON and YAML scenarios with alias bombs and deep nesting, wrong methods, odd
 * headers): zero 5xx, the server still answers, the database file unchanged.
 */
export async function benchApi(
  dbPath: string,
  seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 20),
): Promise<void> {
  await benchApiRotation(dbPath);
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
    const fuzz = await inChild<FuzzJob, FuzzResult>('./fuzz-client.ts', {
      base: server.url,
      count: 10_000,
      seed: 20261121,
    });
    const { fivexx, dropped, unsent, paths: requests } = fuzz;
    const statuses = new Map(fuzz.statuses);
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
    console.log(
      `  no answer (connection lost) : ${dropped.length} (target 0)${dropped.length ? ` e.g. ${dropped[0]}` : ''}`,
    );
    console.log(
      `  not sent (client refused)   : ${unsent.length}${unsent.length ? ` e.g. ${unsent[0]}` : ''}`,
    );
    console.log(`  server answers afterwards   : ${alive === 200 ? 'yes' : `no (${alive})`}`);
    console.log(`  database unchanged          : ${before === after ? 'yes' : 'NO'}`);
  } finally {
    await server.close();
    store.close();
  }
}

const CONCURRENCY = Number(process.env.BENCH_API_CONCURRENCY ?? 8);

/** Runs one load job in a child process (its own event loop), each path asked once. */
function loadFromChild(job: LoadJob): Promise<LoadResult> {
  return inChild<LoadJob, LoadResult>('./load-client.ts', job);
}

/** Sends one job to a forked client script and waits for its one result. */
function inChild<J extends object, R extends object>(script: string, job: J): Promise<R> {
  const child = fork(new URL(script, import.meta.url), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<R>((ok, fail) => {
    child.once('message', (m: R | { error: string }) => {
      child.kill();
      if ('error' in m) fail(new Error(m.error));
      else ok(m);
    });
    child.once('error', fail);
    child.send(job);
  });
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};

/**
 * The uncached path: thousands of distinct valid URLs (partner, port, product and state
 * profiles, rankings, comparisons, series, revisions, the map) built from the loaded database,
 * each first checked to answer 200 on a server of its own, then asked once each of a fresh
 * server (a store opened anew: neither the response cache nor the analytics memos hold
 * anything), from a second process over loopback with at most BENCH_API_CONCURRENCY requests
 * in flight. Then, on the same server, URLs it has just answered are asked again: the cached
 * rate measured in the same run.
 */
export async function benchApiRotation(dbPath: string): Promise<void> {
  const scout = await openStore(dbPath, { readOnly: true });
  let urls: string[];
  let refused: string[];
  const checkStarted = performance.now();
  try {
    const candidates = await rotationUrls(scout);
    const server = await startServer(scout, { port: 0 });
    try {
      const check = await loadFromChild({
        base: server.url,
        paths: candidates,
        concurrency: CONCURRENCY,
      });
      refused = check.failed;
      const bad = new Set(refused.map((f) => f.slice(f.indexOf(' ') + 1)));
      urls = candidates.filter((u) => !bad.has(u));
    } finally {
      await server.close();
    }
  } finally {
    scout.close();
  }
  const checkSeconds = (performance.now() - checkStarted) / 1000;

  // First a server that has read nothing ahead (its first requests of each kind wait for the
  // whole-table reads), then one started as `frontera serve` starts: warmed (warm-up.ts).
  const unwarmed = await (async () => {
    const store = await openStore(dbPath, { readOnly: true });
    const server = await startServer(store, { port: 0 });
    try {
      return await loadFromChild({ base: server.url, paths: urls, concurrency: CONCURRENCY });
    } finally {
      await server.close();
      store.close();
    }
  })();
  const store = await openStore(dbPath, { readOnly: true });
  let warmLog = '';
  const server = await startServer(store, {
    port: 0,
    warm: true,
    log: (l) => (warmLog ||= l),
  });
  try {
    const before = loadavg();
    const cold = await loadFromChild({ base: server.url, paths: urls, concurrency: CONCURRENCY });
    // The response cache keeps the latest 2,000 answers: ask the last 1,000 answered again, 5×.
    const recent = urls.slice(-1000);
    const warm = await loadFromChild({
      base: server.url,
      paths: Array.from({ length: 5 }, () => recent).flat(),
      concurrency: CONCURRENCY,
    });
    const after = loadavg();
    const rate = (r: LoadResult) => (r.latencies.length / r.elapsedMs) * 1000;
    const families = new Map<string, number[]>();
    urls.forEach((u, i) => {
      const f = routeFamily(u);
      families.set(f, [...(families.get(f) ?? []), cold.latencies[i]!]);
    });
    const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
    console.log(
      `\nAPI, uncached: ${fmt(urls.length)} distinct valid URLs, each asked once of a freshly opened store started as \`frontera serve\` starts (${warmLog || 'no warm-up'}; empty response cache), ${CONCURRENCY} in flight, from a second process over loopback`,
    );
    console.log(
      `  URLs checked first          : ${fmt(urls.length + refused.length)} built from the database, ${refused.length} not 200 and dropped${refused.length ? ` (e.g. ${refused[0]})` : ''}, ${checkSeconds.toFixed(0)} s`,
    );
    console.log(
      `  requests/s                  : ${fmt(rate(cold))} (target ≥ 300), ${(cold.elapsedMs / 1000).toFixed(1)} s in all`,
    );
    console.log(
      `  latency p50 / p99 / max     : ${quantile(cold.latencies, 0.5).toFixed(1)} / ${quantile(cold.latencies, 0.99).toFixed(1)} / ${Math.max(...cold.latencies).toFixed(0)} ms (target p99 ≤ 100 ms)`,
    );
    console.log(
      `  without the warm-up         : ${fmt(rate(unwarmed))} requests/s, p50 / p99 / max ${quantile(unwarmed.latencies, 0.5).toFixed(1)} / ${quantile(unwarmed.latencies, 0.99).toFixed(1)} / ${Math.max(...unwarmed.latencies).toFixed(0)} ms (the first requests of each kind wait for its whole-table reads)`,
    );
    console.log(
      `  non-200                     : ${cold.failed.length}${cold.failed.length ? ` (e.g. ${cold.failed[0]})` : ''}`,
    );
    console.log(
      `  cached, same server         : ${fmt(rate(warm))} requests/s, p99 ${quantile(warm.latencies, 0.99).toFixed(1)} ms (${fmt(warm.latencies.length)} asks of the last 1,000 URLs answered)`,
    );
    console.log(
      `  uncached / cached           : ${((rate(cold) / rate(warm)) * 100).toFixed(1)}% (target ≥ 4%)`,
    );
    console.log(
      `  load average                : ${before.map((l) => l.toFixed(1)).join(' ')} before, ${after.map((l) => l.toFixed(1)).join(' ')} after (2 cores, shared)`,
    );
    console.log('  by route (uncached)         : n, p50 / p99 ms');
    for (const [f, ls] of [...families].sort((a, b) => b[1].length - a[1].length))
      console.log(
        `    ${f.padEnd(26)}: ${String(ls.length).padStart(5)}, ${quantile(ls, 0.5).toFixed(1)} / ${quantile(ls, 0.99).toFixed(1)}`,
      );
  } finally {
    await server.close();
    store.close();
  }
}
