/**
 * Bounded downloads (issue 17.4, 17.12) and no reuse of a rejected response (17.8), against
 * the local fake publisher with small limits so each case takes well under a second.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { fetchWithRetry, type HttpIO, type RetryPolicy } from '../../src/sync/fetch-with-retry.ts';
import { SyncError } from '../../src/sync/sync-error.ts';
import { dataFile, memoryStore, scalar, scratch } from '../helpers.ts';
import { startFakePublisher, type FakePublisher } from './fake-publisher.ts';
import { NOW, runSync } from './sync-harness.ts';

const MiB = 2 ** 20;

const POLICY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1,
  maxDelayMs: 5,
  timeoutMs: 5000,
  idleTimeoutMs: 5000,
  totalTimeoutMs: 20_000,
  maxRetryAfterMs: 10_000,
  requestTimeoutMs: 60_000,
  maxBodyBytes: MiB,
  maxInflatedBytes: 2 * MiB,
};

const io: HttpIO = {
  fetch: globalThis.fetch,
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
  now: () => NOW,
  random: () => 0.5,
};

/** 32 MiB of JSON whitespace, gzipped to about 32 KiB: a small download, a large body. */
const BOMB = gzipSync(Buffer.alloc(32 * MiB, 0x20), { level: 9 });

/** Streams `total` bytes in 64 KiB pieces, each written only when the client takes it. */
function stream(res: ServerResponse, total: number, headers: Record<string, string> = {}) {
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  const piece = Buffer.alloc(64 * 1024, 0x20);
  let sent = 0;
  const more = () => {
    while (sent < total) {
      sent += piece.length;
      if (!res.write(piece)) return void res.once('drain', more);
    }
    res.end();
  };
  res.on('close', () => (sent = total));
  more();
}

/** One byte every 20 ms, for ever: never stalled, never finished. */
function drip(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'application/json' });
  const t = setInterval(() => res.write(' '), 20);
  res.on('close', () => clearInterval(t));
}

describe('sync downloads are bounded in size and time', () => {
  let fake: FakePublisher;
  let dir: string;
  let cleanup: () => Promise<void>;
  const raw = (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/big.json') return (stream(res, 64 * MiB), true);
    if (path === '/announced.json') {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(3 * 2 ** 30),
      });
      res.write('[');
      return true;
    }
    if (path === '/bomb.json' || (path === '/api/bwtnew' && bombCbp)) {
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': String(BOMB.length),
      });
      res.end(BOMB);
      return true;
    }
    if (path === '/drip.json') return (drip(res), true);
    return false;
  };
  let bombCbp = false;
  before(async () => {
    ({ dir, cleanup } = await scratch());
    fake = await startFakePublisher({ raw });
  });
  after(async () => {
    await fake.close();
    await cleanup();
  });

  const fail = async (path: string, policy: RetryPolicy, spoolDir?: string) => {
    const err = await fetchWithRetry(
      { source: 'bts-crossings', url: fake.url + path, expect: 'json', spoolDir },
      policy,
      io,
    ).then(
      () => assert.fail('accepted'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof SyncError, String(err));
    return err;
  };

  it('stops a body larger than the source allows, naming URL and limit, without retrying', async () => {
    const spool = join(dir, 'spool-big');
    const err = await fail('/big.json', POLICY, spool);
    assert.equal(
      err.message,
      `bts-crossings: ${fake.url}/big.json: the response is larger than the 1 MiB (1048576 bytes) allowed for this source (maxBodyBytes); the download was stopped`,
    );
    assert.equal(fake.served.filter((s) => s.path === '/big.json').length, 1);
    // Nothing half-written is left behind.
    assert.deepEqual(await readdir(spool), []);
  });

  it('refuses a body whose announced length is over the limit before reading it', async () => {
    const err = await fail('/announced.json', POLICY);
    assert.match(
      err.message,
      /\/announced\.json: the response announces 3 GiB \(3221225472 bytes\), more than the 1 MiB \(1048576 bytes\) allowed for this source \(maxBodyBytes\); nothing was downloaded$/,
    );
  });

  it('stops a gzip bomb at the decompressed-size limit (not "truncated")', async () => {
    assert.ok(BOMB.length < 64 * 1024);
    const err = await fail('/bomb.json', POLICY);
    assert.equal(
      err.message,
      `bts-crossings: ${fake.url}/bomb.json: the gzip-compressed response decompresses to more than the 2 MiB (2097152 bytes) allowed (maxInflatedBytes); the download was stopped`,
    );
    assert.doesNotMatch(err.message, /truncated/);
  });

  it('caps the time of one request over all its attempts (a slow drip)', async () => {
    const t = performance.now();
    const err = await fail('/drip.json', {
      ...POLICY,
      totalTimeoutMs: 300,
      requestTimeoutMs: 500,
    });
    const ms = performance.now() - t;
    assert.match(
      err.message,
      /\/drip\.json: gave up after 2 attempts: the request took longer than the 500 ms allowed in all \(requestTimeoutMs\); last cause: the request took longer than 500 ms in all$/,
    );
    // Five attempts of 300 ms each would take 1.5 s.
    assert.ok(ms < 1200, `took ${ms} ms`);
    assert.equal(fake.served.filter((s) => s.path === '/drip.json').length, 2);
  });

  it('reports a limit hit during a sync as that source’s error, caching nothing', async () => {
    bombCbp = true;
    const store = await memoryStore();
    const cacheDir = join(dir, 'cache-bomb');
    try {
      const report = await runSync(store, fake, {
        sources: ['cbp'],
        cacheDir,
        config: { maxInflatedBytes: 2 * MiB, sources: { cbp: { maxInflatedBytes: MiB } } },
      });
      const errors = report.sources[0]!.errors;
      assert.equal(errors.length, 1);
      assert.equal(
        errors[0]!.message,
        `cbp: ${fake.url}/api/bwtnew: the gzip-compressed response decompresses to more than the 1 MiB (1048576 bytes) allowed (maxInflatedBytes); the download was stopped`,
      );
      assert.equal(await scalar(store, 'SELECT count(*) FROM wait_times_all'), 0n);
      assert.equal(await scalar(store, 'SELECT count(*) FROM sync_request'), 0n);
      assert.deepEqual(await readdir(join(cacheDir, '.partial')), []);
    } finally {
      bombCbp = false;
      store.close();
    }
  });
});

describe('a response rejected as bad is never reused from the cache', () => {
  let fake: FakePublisher;
  let dir: string;
  let cleanup: () => Promise<void>;
  let broken = true;
  const goodFred = () => readFileSync(dataFile('fred/EXPCH.csv'));
  const raw = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!broken) return false;
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname === '/v2/country/all/indicator/SP.POP.TOTL') {
      const body = JSON.stringify([{ message: [{ id: '120', key: 'Invalid value', value: 'x' }] }]);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
      return true;
    }
    if (u.pathname === '/graph/fredgraph.csv') {
      // A CSV the FRED reader refuses: one observation is not a number.
      const lines = goodFred().toString('utf8').split('\n');
      lines[5] = lines[5]!.replace(/,.*$/, ',12x');
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end(lines.join('\n'));
      return true;
    }
    return false;
  };
  before(async () => {
    ({ dir, cleanup } = await scratch());
    fake = await startFakePublisher({ raw });
  });
  after(async () => {
    await fake.close();
    await cleanup();
  });

  it('downloads again on the next run, within the cache age, and says so', async () => {
    const store = await memoryStore();
    const cacheDir = join(dir, 'cache');
    const args = {
      sources: ['world-bank', 'fred'] as const,
      cacheDir,
      config: { sources: { fred: { series: ['EXPCH'] } } },
    };
    try {
      const first = await runSync(store, fake, args);
      const [wb1, fred1] = first.sources;
      assert.match(wb1!.errors[0]!.message, /World Bank API error 120/);
      assert.match(fred1!.errors[0]!.message, /the response could not be loaded/);
      for (const s of [wb1!, fred1!]) {
        assert.ok(
          s.notes.some((n) => /is not kept: the next sync downloads it again/.test(n)),
          s.notes.join('\n'),
        );
      }
      assert.equal(await scalar(store, 'SELECT count(*) FROM sync_request'), 0n);
      // The publisher is fixed an hour later: well within the day (week for the World Bank)
      // a good response would be reused for.
      broken = false;
      const servedBefore = fake.served.length;
      const second = await runSync(store, fake, {
        ...args,
        now: new Date(NOW.getTime() + 3_600_000),
      });
      const [wb2, fred2] = second.sources;
      assert.deepEqual([wb2!.errors, fred2!.errors], [[], []]);
      assert.equal(wb2!.requests.cached + fred2!.requests.cached, 0);
      assert.ok(fake.served.length > servedBefore);
      assert.ok(Number(await scalar(store, 'SELECT count(*) FROM population_all')) > 0);
      assert.ok(
        Number(
          await scalar(
            store,
            `SELECT count(*) FROM trade_country_month_all WHERE series = 'EXPCH'`,
          ),
        ) > 0,
      );
    } finally {
      store.close();
    }
  });
});
