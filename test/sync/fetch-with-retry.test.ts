import assert from 'node:assert/strict';
import { readFile, unlink } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { concurrencyLimit } from '../../src/sync/concurrency-limit.ts';
import { fetchWithRetry, type HttpIO, type RetryPolicy } from '../../src/sync/fetch-with-retry.ts';
import { SyncError } from '../../src/sync/sync-error.ts';
import { FAULTS, startFakePublisher, type Fault, type FakePublisher } from './fake-publisher.ts';

// Generous time-outs, so a busy machine never turns a slow answer into a retry …
const POLICY: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  timeoutMs: 5000,
  idleTimeoutMs: 5000,
  totalTimeoutMs: 20_000,
  maxRetryAfterMs: 10_000,
  requestTimeoutMs: 60_000,
  maxBodyBytes: 2 ** 30,
  maxInflatedBytes: 2 ** 30,
};
// … except where a stall is the point: then a stall costs 400 ms.
const STALL_POLICY: RetryPolicy = { ...POLICY, timeoutMs: 400, idleTimeoutMs: 400 };

describe('fetchWithRetry against injected faults', () => {
  let fake: FakePublisher;
  let plan: Record<string, Fault[]> = {};
  const sleeps: number[] = [];
  const io: HttpIO = {
    fetch: globalThis.fetch,
    sleep: async (ms) => void sleeps.push(ms),
    now: () => new Date('2025-03-15T12:00:00Z'),
    random: () => 0.5,
  };
  before(async () => {
    fake = await startFakePublisher({ fault: (url, attempt) => plan[url]?.[attempt - 1] });
  });
  after(() => fake.close());

  const crossingsPage = (tag: string) => `/resource/keg4-3bc2.json?$limit=50&$offset=0&tag=${tag}`;
  const get = (path: string, policy = POLICY) =>
    fetchWithRetry({ source: 'bts-crossings', url: fake.url + path, expect: 'json' }, policy, io);

  for (const fault of FAULTS) {
    it(`recovers from ${fault} and returns the whole, correct body`, async () => {
      const path = crossingsPage(fault);
      plan = { [path]: [fault] };
      sleeps.length = 0;
      const r = await get(path, fault.startsWith('stall') ? STALL_POLICY : POLICY);
      assert.equal(r.status, 200);
      const rows = JSON.parse(await readFile(r.file!, 'utf8')) as unknown[];
      await unlink(r.file!);
      assert.equal(rows.length, 50);
      const attempts = fake.served.filter((s) => s.url === path).length;
      // A slow answer and a mislabelled but whole body need no second attempt.
      assert.equal(attempts, fault === 'slow' || fault === 'wrong-type' ? 1 : 2);
      if (fault === 'http-503-retry-after') assert.deepEqual(sleeps, [1000]);
      if (fault === 'http-429') assert.deepEqual(sleeps, [2000]);
      if (fault === 'http-500') assert.deepEqual(sleeps, [75]); // 100 ms back-off, equal jitter at 0.5
    });
  }

  it('backs off exponentially with jitter, then names source, URL and cause', async () => {
    const path = crossingsPage('always-500');
    plan = { [path]: ['http-500', 'http-500', 'http-500', 'http-500'] };
    sleeps.length = 0;
    const err = await get(path).then(
      () => assert.fail('accepted'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof SyncError);
    assert.deepEqual(sleeps, [75, 150, 300]);
    assert.equal(err.source, 'bts-crossings');
    assert.ok(
      err.message.startsWith(
        `bts-crossings: ${fake.url}${path}: gave up after 4 attempts: HTTP 500`,
      ),
      err.message,
    );
    assert.match(err.message, /Internal Server Error/);
  });

  it('names a stalled response and an HTML page instead of JSON as the cause', async () => {
    for (const [fault, cause] of [
      ['stall-body', /the response stalled: nothing received for 400 ms/],
      ['stall-headers', /no response within 400 ms \(time-out\)/],
      [
        'html-page',
        /expected JSON but got an HTML page \(text\/html\): "Service Temporarily Unavailable"/,
      ],
      ['truncate', /truncated/],
      ['reset', /reset|closed/],
    ] as const) {
      const path = crossingsPage(`persistent-${fault}`);
      plan = { [path]: [fault, fault] };
      const err = await fetchWithRetry(
        { source: 'bts-crossings', url: fake.url + path, expect: 'json' },
        { ...STALL_POLICY, attempts: 2 },
        io,
      ).then(
        () => assert.fail('accepted'),
        (e: unknown) => e,
      );
      assert.ok(err instanceof SyncError, String(err));
      assert.ok(err.message.includes(`${fake.url}${path}`), err.message);
      assert.match(err.message, cause);
    }
  });

  it('does not retry a Census 400: its plain-text message is the answer', async () => {
    const path = '/data/timeseries/intltrade/imports/hs?get=CTY_CODE,NOT_A_VARIABLE&time=2024-12';
    let calls = 0;
    const counting: HttpIO = { ...io, fetch: (u, init) => (calls++, globalThis.fetch(u, init)) };
    const r = await fetchWithRetry(
      { source: 'census-api', url: fake.url + path, expect: 'json' },
      POLICY,
      counting,
    );
    assert.equal(r.status, 400);
    assert.equal(r.body.toString(), "error: unknown variable 'NOT_A_VARIABLE'");
    assert.equal(calls, 1);
  });

  it('gives up at once when Retry-After asks for longer than allowed', async () => {
    const path = crossingsPage('long-retry-after');
    plan = { [path]: ['http-429'] };
    const err = await fetchWithRetry(
      { source: 'bts-crossings', url: fake.url + path, expect: 'json' },
      { ...POLICY, maxRetryAfterMs: 1000 },
      io,
    ).then(
      () => assert.fail('accepted'),
      (e: unknown) => e,
    );
    assert.match(String(err), /asks to retry after 2 s, longer than the 1 s allowed/);
  });

  it('keeps at most the configured number of requests in flight', async () => {
    plan = {};
    const slow = await startFakePublisher({ delayMs: 40 });
    try {
      const limit = concurrencyLimit(3);
      await Promise.all(
        Array.from({ length: 12 }, (_v, i) =>
          limit(() =>
            fetchWithRetry(
              {
                source: 'bts-crossings',
                url: `${slow.url}${crossingsPage(`c${i}`)}`,
                expect: 'json',
              },
              POLICY,
              io,
            ),
          ),
        ),
      );
      assert.equal(slow.served.length, 12);
      assert.equal(slow.inFlight.max, 3);
    } finally {
      await slow.close();
    }
  });
});
