import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { fuzzPaths, fuzzRequests, sendAll } from '../../bench/fuzz-requests.ts';
import { startApi } from './api-fixture.ts';

describe('API under random and hostile requests', { timeout: 300_000 }, () => {
  let api: Awaited<ReturnType<typeof startApi>>;
  const errors: string[] = [];
  const dbHash = async () =>
    createHash('sha256')
      .update(await readFile(api.db))
      .digest('hex');

  before(async () => {
    api = await startApi((l) => {
      if (l.startsWith('ERROR')) errors.push(l);
    });
  });
  after(() => api.stop());

  it('answers 1,000 of them without a 5xx, still answers afterwards, and changes nothing', async () => {
    const before = await dbHash();
    const { statuses, fivexx, unsent } = await sendAll(api.server.url, fuzzPaths(1000, 7));
    assert.deepEqual(fivexx, [], `5xx answers: ${fivexx.slice(0, 5).join('; ')}`);
    assert.deepEqual(unsent, []);
    assert.ok(
      (statuses.get(200) ?? 0) > 0 && (statuses.get(400) ?? 0) > 0 && (statuses.get(404) ?? 0) > 0,
    );
    const after = await fetch(`${api.server.url}/api/status`);
    assert.equal(after.status, 200);
    assert.equal(await dbHash(), before);
  });

  it('answers hostile bodies, YAML, claim texts, methods and headers over every route without a 5xx', async () => {
    const before = await dbHash();
    const requests = fuzzRequests(200, 11);
    for (const kind of ['/api/check/text', '/api/tariff/scenario'])
      assert.ok(
        requests.some((r) => r.method === 'POST' && r.path === kind),
        kind,
      );
    const { statuses, fivexx, unsent } = await sendAll(api.server.url, requests, 8);
    assert.deepEqual(fivexx, [], `5xx answers: ${fivexx.slice(0, 5).join('; ')}`);
    // (Connections the server closed are not asserted here: this client shares the server's
    // event loop; the bench asks from another process and counts them.)
    assert.deepEqual(unsent, [], 'every hostile header reaches the server as raw bytes');
    assert.deepEqual(errors, []);
    for (const status of [200, 400, 404, 405])
      assert.ok(
        (statuses.get(status) ?? 0) > 0,
        `no ${status} among ${[...statuses.keys()].join(', ')}`,
      );
    assert.equal((await fetch(`${api.server.url}/api/status`)).status, 200);
    assert.equal(await dbHash(), before);
  });
});
