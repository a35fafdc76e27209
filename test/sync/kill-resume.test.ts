import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../src/cli/main.ts';
import { openStore } from '../../src/store/open-store.ts';
import { scalar, scratch } from '../helpers.ts';
import { startFakePublisher } from './fake-publisher.ts';
import { fingerprint } from './sync-harness.ts';

const silent = { out: () => {}, err: () => {}, env: {}, isTTY: false, now: () => new Date() };

describe('killing frontera sync mid-way and running it again', () => {
  it('resumes where it stopped and never duplicates a row', async () => {
    const { dir, cleanup } = await scratch();
    // Each answer waits a little, so the sync is still running when it is killed.
    const fake = await startFakePublisher({ delayMs: 20 });
    try {
      const config = join(dir, 'frontera.config.json');
      await writeFile(
        config,
        JSON.stringify({
          baseDelayMs: 1,
          maxDelayMs: 5,
          sources: { 'bts-crossings': { pageSize: 500 } },
        }),
      );
      const args = (db: string) => [
        'sync',
        '--source',
        'bts-crossings,census-api',
        '--base-url',
        fake.url,
        '--since',
        '2015-01',
        '--partners',
        '2010,all',
        '--level',
        'HS2,HS4',
        '--config',
        config,
        '--db',
        db,
        '--json',
      ];
      await mkdir(join(dir, 'killed'));
      await mkdir(join(dir, 'clean'));
      const db = join(dir, 'killed', 'k.duckdb');

      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args(db)], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise((done) => child.on('exit', done));
      let gone = false;
      void exited.then(() => (gone = true));
      while (!gone && fake.served.length < 60) await new Promise((r) => setTimeout(r, 5));
      assert.ok(!gone, 'the sync finished before it could be killed');
      child.kill('SIGKILL');
      await exited;
      const before = fake.served.length;
      assert.ok(before < 200, `killed after ${before} requests`);

      // Run it again, to the end.
      assert.equal(await main(args(db), silent), 0);
      const resumed = fake.served.length - before;

      // A clean run from nothing, for comparison.
      const cleanDb = join(dir, 'clean', 'c.duckdb');
      const start = fake.served.length;
      assert.equal(await main(args(cleanDb), silent), 0);
      const all = fake.served.length - start;
      assert.ok(resumed < all, `the second run asked for ${resumed} of ${all} requests again`);

      const a = await openStore(db);
      const b = await openStore(cleanDb);
      try {
        assert.equal(
          await scalar(
            a,
            `SELECT count(*) - count(DISTINCT (port_code, measure, month)) FROM crossings`,
          ),
          0n,
        );
        assert.equal(
          await scalar(
            a,
            `SELECT count(*) FROM (SELECT flow, partner_code, hs_code, period_end, geo_level, geo
             FROM trade_product GROUP BY ALL HAVING count(*) > 1)`,
          ),
          0n,
        );
        assert.deepEqual(await fingerprint(a), await fingerprint(b));
      } finally {
        a.close();
        b.close();
      }
    } finally {
      await fake.close();
      await cleanup();
    }
  });
});
