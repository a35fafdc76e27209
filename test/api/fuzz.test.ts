import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fuzzPaths, sendAll } from '../../bench/fuzz-requests.ts';
import { startApi } from './api-fixture.ts';

describe('API under random and hostile requests', () => {
  it('answers 1,000 of them without a 5xx, still answers afterwards, and changes nothing', async () => {
    const api = await startApi();
    try {
      const before = createHash('sha256')
        .update(await readFile(api.db))
        .digest('hex');
      const { statuses, fivexx } = await sendAll(api.server.url, fuzzPaths(1000, 7));
      assert.deepEqual(fivexx, [], `5xx answers: ${fivexx.slice(0, 5).join('; ')}`);
      assert.ok(
        (statuses.get(200) ?? 0) > 0 &&
          (statuses.get(400) ?? 0) > 0 &&
          (statuses.get(404) ?? 0) > 0,
      );
      const after = await fetch(`${api.server.url}/api/status`);
      assert.equal(after.status, 200);
      assert.equal(
        createHash('sha256')
          .update(await readFile(api.db))
          .digest('hex'),
        before,
      );
    } finally {
      await api.stop();
    }
  });
});
