/**
 * The server's side of sharing the database (issue 17.11): a waiting writer makes it let go
 * of its read-only handle once the work in flight ends, requests meanwhile wait (or are
 * refused after the hold time), and the file is re-opened, as a new generation, when the
 * writer is done.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { SharedReader, StoreUpdating } from '../../src/store/shared-reader.ts';
import { announceWriter, markerDir, writersWaiting } from '../../src/store/writer-intent.ts';
import { scalar, scratch } from '../helpers.ts';

describe('SharedReader lets a writer in and serves what it wrote', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ dir, cleanup } = await scratch()));
  after(() => cleanup());

  it('drains, closes, holds requests, then re-opens as a new generation', async () => {
    const path = join(dir, 's.duckdb');
    const setup = await openStore(path);
    await setup.conn.run('CREATE TABLE t AS SELECT 1 AS x');
    setup.close();
    // The writer's own marker is gone once it closed.
    assert.equal(writersWaiting(path), false);
    assert.equal(existsSync(markerDir(path)), false);

    let opens = 0;
    const open = async (p: string) => (opens++, openStore(p, { readOnly: true }));
    const reader = SharedReader.start(path, await open(path), { pollMs: 10, holdMs: 1500, open });
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    try {
      assert.equal(
        await reader.lease(async (s, g) => [await scalar(s, 'SELECT sum(x) FROM t'), g].join()),
        '1,1',
      );

      // A long request is in flight when a writer announces itself.
      let finish!: () => void;
      let used: Store | undefined;
      const long = reader.lease(async (s) => {
        used = s;
        await new Promise<void>((ok) => (finish = ok));
        return scalar(s, 'SELECT count(*) FROM t');
      });
      await wait(5);
      const withdraw = announceWriter(path);
      assert.equal(writersWaiting(path), true);
      await wait(50);
      // New work waits; the request in flight still has its handle and finishes normally.
      let later: string | undefined;
      const queued = reader.lease(async (s, g) => {
        later = `${String(await scalar(s, 'SELECT sum(x) FROM t'))},${g}`;
      });
      await wait(30);
      assert.equal(later, undefined);
      finish();
      assert.equal(await long, 1n);
      await wait(50);
      // The handle is closed: the writer can open the file and write.
      await assert.rejects(async () => used!.conn.run('SELECT 1'));
      const writer = await openStore(path);
      await writer.conn.run('INSERT INTO t VALUES (41)');
      writer.close();
      withdraw();
      await queued;
      assert.equal(later, '42,2');
      assert.equal(opens, 2);

      // A writer that stays longer than a request may wait: 503-style refusal, not a hang.
      const stays = announceWriter(path);
      await wait(50);
      const refused = await reader.lease(async () => 'served').catch((e: unknown) => e);
      assert.ok(refused instanceof StoreUpdating, String(refused));
      assert.match(refused.message, /is being updated by another frontera process/);
      stays();
      assert.equal(await reader.lease(async (_s, g) => g), 3);
    } finally {
      reader.close();
    }
  });
});
