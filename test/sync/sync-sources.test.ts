import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Store } from '../../src/store/open-store.ts';
import { memoryStore, query, scalar, scratch } from '../helpers.ts';
import { FAULTS, startFakePublisher, type FakePublisher } from './fake-publisher.ts';
import { fingerprint, NOW, runSync } from './sync-harness.ts';

/** A fault for the first attempt at about two URLs in three, and for the second at some. */
function faultFor(url: string, attempt: number) {
  let h = 0;
  for (const ch of url) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  const k = h % (FAULTS.length + 5);
  if (attempt === 1 && k < FAULTS.length) return FAULTS[k];
  if (attempt === 2 && k < 3) return FAULTS[(k + 4) % FAULTS.length];
  return undefined;
}

describe('frontera sync against the local publishers', () => {
  let fake: FakePublisher;
  let clean: Store;
  let dir: string;
  let cleanup: () => Promise<void>;
  let cleanPrint: Record<string, unknown>;

  before(async () => {
    ({ dir, cleanup } = await scratch());
    fake = await startFakePublisher();
    clean = await memoryStore();
    const report = await runSync(clean, fake, { cacheDir: join(dir, 'clean-cache') });
    assert.deepEqual(
      report.sources.flatMap((s) => s.errors),
      [],
    );
    cleanPrint = await fingerprint(clean);
  });
  after(async () => {
    clean.close();
    await fake.close();
    await cleanup();
  });

  it('loads every source through the readers, with provenance for each response', async () => {
    const rows = await query(
      clean,
      `SELECT source, count(*)::INTEGER AS files, sum(rows)::INTEGER AS rows FROM source_file GROUP BY 1 ORDER BY 1`,
    );
    assert.deepEqual(rows, [
      { source: 'bts-border-crossing', files: 1, rows: 9087 + 111 },
      { source: 'bts-transborder', files: 3, rows: 26171 + 70973 + 16427 },
      { source: 'cbp-bwt-json', files: 1, rows: 273 },
      // 9 of the 154 queries have data here (the others answer 204); imports rows count twice
      // (general and for consumption).
      { source: 'census-api-json', files: 9, rows: 13207 },
      { source: 'fred-series', files: 2, rows: 242 },
      { source: 'world-population', files: 1, rows: 17195 },
    ]);
    // Each cached response is tied to its request in the ledger, by content hash.
    const orphan = await scalar(
      clean,
      `SELECT count(*) FROM source_file f WHERE f.source = 'cbp-bwt-json'
       AND NOT EXISTS (SELECT 1 FROM sync_request r WHERE r.sha256 = f.sha256)`,
    );
    assert.equal(orphan, 0n);
    // Mexico's HS2 rows come in the per-partner and the all-partner queries: one is current.
    assert.equal(
      await scalar(
        clean,
        `SELECT count(*) FROM (SELECT flow, partner_code, hs_code, period_end, geo_level, geo, count(*) AS n
         FROM trade_product GROUP BY ALL HAVING n > 1)`,
      ),
      0n,
    );
  });

  it('after faults of every kind on every source, the database is identical row for row', async () => {
    const faulty = await startFakePublisher({ fault: faultFor });
    const store = await memoryStore();
    const sleeps: number[] = [];
    try {
      // A stalled response is abandoned after 400 ms.
      const report = await runSync(store, faulty, {
        cacheDir: join(dir, 'faulty-cache'),
        sleeps,
        config: { timeoutMs: 400, idleTimeoutMs: 400 },
      });
      assert.deepEqual(
        report.sources.flatMap((s) => s.errors.map((e) => e.message)),
        [],
      );
      const injected = new Set(faulty.served.map((s) => s.fault).filter(Boolean));
      assert.deepEqual([...injected].sort(), [...FAULTS].sort());
      // Retry-After was honoured: 1 s after a 503, 2 s after a 429.
      assert.ok(sleeps.includes(1000) && sleeps.includes(2000), String(sleeps));
      assert.deepEqual(await fingerprint(store), cleanPrint);
    } finally {
      store.close();
      await faulty.close();
    }
  });

  it('a re-run downloads nothing it already has and adds no row', async () => {
    const cacheDir = join(dir, 'clean-cache');
    const before = fake.served.length;
    const report = await runSync(clean, fake, { cacheDir });
    const downloaded = fake.served.slice(before).map((s) => s.path);
    // Only the live wait times are asked for again (and add nothing new).
    assert.deepEqual(downloaded, ['/api/bwtnew']);
    assert.ok(report.sources.every((s) => s.files.every((f) => f.status === 'unchanged')));
    assert.deepEqual(await fingerprint(clean), cleanPrint);
    // A day later the recent years are asked for again; unchanged content is still no new file.
    const later = new Date(NOW.getTime() + 2 * 86_400_000);
    await runSync(clean, fake, { cacheDir, now: later });
    assert.deepEqual(await fingerprint(clean), cleanPrint);
  });

  it('a new release of a loaded year becomes a new vintage; the old one stays queryable', async () => {
    const store = await memoryStore();
    const revisedCsv = join(dir, 'revised-2024.csv');
    try {
      const { readFile, writeFile } = await import('node:fs/promises');
      const { dataFile } = await import('../helpers.ts');
      const lines = (
        await readFile(
          dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv'),
          'utf8',
        )
      ).split('\n');
      const f = lines[1]!.split(',');
      f[6] = String(Number(f[6]) + 100);
      lines[1] = f.join(',');
      await writeFile(revisedCsv, lines.join('\n'));
      const cacheDir = join(dir, 'vintage-cache');
      await runSync(store, fake, {
        sources: ['bts-crossings'],
        cacheDir,
        options: { since: '2024-01' },
      });
      const revised = await startFakePublisher({ crossingsCsv: revisedCsv });
      try {
        await runSync(store, revised, {
          sources: ['bts-crossings'],
          cacheDir,
          options: { since: '2024-01', refresh: true },
        });
      } finally {
        await revised.close();
      }
      assert.equal(await scalar(store, `SELECT count(*) FROM source_file`), 2n);
      assert.equal(await scalar(store, `SELECT count(*) FROM crossings`), 9087n);
      assert.equal(await scalar(store, `SELECT count(*) FROM crossings_all`), 2n * 9087n);
      const where = `port_code = '${f[2]}' AND measure = '${f[5]}' AND month = DATE '2024-01-01'`;
      assert.equal(
        await scalar(store, `SELECT count FROM crossings WHERE ${where}`),
        BigInt(f[6]!),
      );
      assert.equal(
        await scalar(store, `SELECT min(count) FROM crossings_all WHERE ${where}`),
        BigInt(f[6]!) - 100n,
      );
    } finally {
      store.close();
    }
  });
});
