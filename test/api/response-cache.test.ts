/**
 * The response cache never serves one request's answer for another: random pairs of distinct
 * valid requests (seeded, so a failure replays), percent-encoded paths among them, each
 * answered exactly as a server with an empty cache answers it, with ETags that never collide.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { seededRandom } from '../../bench/fuzz-requests.ts';
import { createApp } from '../../src/api/create-app.ts';
import { requestKey } from '../../src/api/response-cache.ts';
import type { Store } from '../../src/store/open-store.ts';
import { startApi } from './api-fixture.ts';

const REQUESTS = [
  '/api/profile/port/San%20Ysidro',
  '/api/profile/port/El%20Paso?year=2021',
  '/api/profile/port/El%20Paso',
  '/api/profile/port/Laredo',
  '/api/profile/partner/M%C3%A9xico',
  '/api/profile/partner/m%C3%A9xico?year=2018',
  '/api/profile/partner/canada',
  '/api/profile/partner/canada?year=2018',
  '/api/profile/state/New%20Mexico?month=2015-01',
  '/api/profile/state/Texas?month=2015-01',
  '/api/profile/state/Arizona',
  '/api/profile/product/8703',
  '/api/top/partners?year=2022&limit=3',
  '/api/top/partners?year=2022&limit=4',
  '/api/top/ports?measure=Trucks&year=2024',
  '/api/series/mexico',
  '/api/compare?partners=mexico,canada&year=2022',
  '/api/status',
  '/api/partners',
];

describe('response cache', { timeout: 120_000 }, () => {
  let store: Store;
  let stop: () => Promise<void>;
  const fresh = new Map<string, { status: number; body: string }>();
  const app = () => createApp(store, { dataVersion: 'test' });

  before(async () => {
    ({ store, stop } = await startApi());
    // What each request gets from a server that has cached nothing.
    for (const path of REQUESTS) {
      const r = await app().request(path);
      fresh.set(path, { status: r.status, body: await r.text() });
    }
  });
  after(() => stop());

  it('keys on the raw request target, with the query sorted', () => {
    assert.equal(
      requestKey('http://h/api/profile/port/San%20Ysidro?year=2021&a=1'),
      '/api/profile/port/San%20Ysidro?a=1&year=2021',
    );
    assert.notEqual(
      requestKey('http://h/api/profile/port/San%20Ysidro'),
      requestKey('http://h/api/profile/partner/M%C3%A9xico'),
    );
  });

  it('never crosses answers between random pairs of distinct requests', async () => {
    // Distinct requests have distinct fresh answers here, so a crossed answer cannot hide.
    assert.equal(new Set([...fresh.values()].map((f) => f.body)).size, REQUESTS.length);
    const rnd = seededRandom(17);
    const pick = () => REQUESTS[Math.floor(rnd() * REQUESTS.length)]!;
    for (let round = 0; round < 40; round++) {
      const shared = app();
      const etags = new Map<string, string>();
      for (let i = 0; i < 6; i++) {
        const a = pick();
        let b = pick();
        while (b === a) b = pick();
        for (const path of [a, b]) {
          const r = await shared.request(path);
          assert.equal(r.status, fresh.get(path)!.status, path);
          assert.equal(await r.text(), fresh.get(path)!.body, `round ${round}: ${path} crossed`);
          etags.set(path, r.headers.get('etag') ?? '');
        }
        // A client holding a's ETag asking for b gets b, not a 304.
        const r = await shared.request(b, { headers: { 'if-none-match': etags.get(a)! } });
        assert.equal(r.status, fresh.get(b)!.status, `${b} with the ETag of ${a}`);
      }
      const byEtag = new Map<string, string>();
      for (const [path, etag] of etags) {
        assert.ok(etag, path);
        assert.equal(byEtag.get(etag) ?? path, path, `${path} shares an ETag`);
        byEtag.set(etag, path);
      }
    }
  });
});
