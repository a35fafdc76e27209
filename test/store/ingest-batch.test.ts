import assert from 'node:assert/strict';
import { copyFile, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { SOURCES } from '../../src/sources/registry.ts';
import { BATCH_FILES } from '../../src/store/ingest-batch.ts';
import { ingestPaths } from '../../src/store/ingest-paths.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { fixtureDatabase } from '../fixture-database.ts';
import { FIXED_IO, dataFile, memoryStore, query, scalar, scratch } from '../helpers.ts';

const HISTORY = dataFile('cbp/bwt-history');

/**
 * Real pulls that exercise every path of a batch: the 20 El Paso RSS files and the first
 * national feeds after them (RSS readings numbered by the first numbered feed, so those go file
 * by file), then a stretch of September 2025 with three CBP error pages saved in the feed's
 * place (no rows) among ordinary pulls.
 */
async function historyFiles(): Promise<string[]> {
  const names = (await readdir(HISTORY)).sort();
  const errors = names.indexOf('rss-2025-09-29_17-05-02.xml.gz');
  assert.ok(errors > 0, 'the September 2025 error pages are in the bundle');
  return [...names.slice(0, 70), ...names.slice(errors - 50, errors + 40)].map((n) =>
    join(HISTORY, n),
  );
}

/** Every reading a load leaves, with its file named by path (its id aside). */
const readings = (catalog: string) =>
  `SELECT f.path, w.* EXCLUDE (source_file_id)
   FROM ${catalog}.wait_times_all w JOIN ${catalog}.source_file f ON f.id = w.source_file_id`;

/**
 * The readings of the store's database that `other` (an attached database) lacks, and those it
 * has that the store lacks, counting repeats: none either way, with equal counts, is the two
 * sorted lists being equal. Compared in DuckDB: fetching 40,000 rows into JavaScript twice
 * cost more than the comparison.
 */
async function readingsDiffer(store: Store, other: string) {
  const self = String(await scalar(store, 'SELECT current_database()'));
  return query(
    store,
    `SELECT * FROM (
       SELECT 'only in ${other}' AS side, * FROM (${readings(other)} EXCEPT ALL ${readings(self)})
       UNION ALL
       SELECT 'only in ${self}' AS side, * FROM (${readings(self)} EXCEPT ALL ${readings(other)}))
     ORDER BY ALL LIMIT 10`,
  );
}

/** Every source file and its tables a load leaves, named by path (ids and load times aside). */
async function contents(store: Store) {
  return {
    files: await query(
      store,
      `SELECT path, source, series, sha256, bytes, vintage, vintage_basis, period_from, period_to,
              tables, rows, notes
       FROM source_file ORDER BY path`,
    ),
    perTable: await query(
      store,
      `SELECT f.path, t.table_name, t.rows, t.repeated_rows, t.conflicts, t.conflict_examples
       FROM source_file_table t JOIN source_file f ON f.id = t.source_file_id ORDER BY f.path`,
    ),
    waits: Number(await scalar(store, 'SELECT count(*) FROM wait_times_all')),
  };
}

describe('ingest of many small files in batches', () => {
  let files: string[];
  let aloneDb: string;
  let alone: Store;
  let batched: Store;

  before(async () => {
    files = await historyFiles();
    // The files loaded one by one (ingestFile each, with the fixed clock): a fixture database
    // built once per change to src/ and shared read-only, rather than loaded again each run.
    aloneDb = await fixtureDatabase(files, { way: 'files' });
    alone = await openStore(aloneDb, { readOnly: true });
    batched = await memoryStore();
  });
  after(() => {
    alone.close();
    batched.close();
  });

  it('stores exactly the rows and provenance that loading file by file stores', async () => {
    const report = await ingestPaths(batched, files, SOURCES, { io: FIXED_IO });
    assert.deepEqual(report.failed, []);
    assert.equal(report.outcomes.length, files.length);
    assert.ok(report.outcomes.every((o) => o.status === 'loaded'));
    // More files than one batch holds, most of them in batches.
    assert.ok(files.length > BATCH_FILES / 2);
    const want = await contents(alone);
    const got = await contents(batched);
    assert.ok(want.waits > 20_000, `${want.waits} readings`);
    assert.equal(got.files.length, files.length);
    assert.deepEqual(got.files, want.files);
    assert.deepEqual(got.perTable, want.perTable);
    assert.equal(got.waits, want.waits);
    await batched.conn.run(`ATTACH '${aloneDb}' AS alone (READ_ONLY)`);
    try {
      assert.deepEqual(await readingsDiffer(batched, 'alone'), []);
    } finally {
      await batched.conn.run('DETACH alone');
    }
    // Revisions were settled the same way: one current reading per observation.
    const [dupes] = await query(
      batched,
      `SELECT count(*)::INTEGER AS n FROM (
         SELECT 1 FROM wait_times_all WHERE current
         GROUP BY port_number, crossing_name, lane_type, lane_kind, observed_at HAVING count(*) > 1)`,
    );
    assert.equal(dupes?.n, 0);
  });

  it('finds every file unchanged on a re-run, without reading them', async () => {
    const report = await ingestPaths(batched, files, SOURCES, { io: FIXED_IO });
    assert.deepEqual(report.failed, []);
    assert.equal(report.outcomes.length, files.length);
    assert.deepEqual(
      report.outcomes.filter((o) => o.status !== 'unchanged').map((o) => o.path),
      [],
    );
    const ids = await query(batched, `SELECT path, id FROM source_file`);
    const idOf = new Map(ids.map((r) => [r.path, r.id]));
    assert.ok(report.outcomes.every((o) => idOf.get(o.path) === o.sourceFileId));
  });

  it('fails a corrupt file alone, by name, and loads the others of its batch', async () => {
    const { dir, cleanup } = await scratch();
    try {
      const some = files.slice(100, 140);
      for (const f of some) await copyFile(f, join(dir, f.split('/').at(-1)!));
      // One pull cut short and one with an impossible wait: each fails alone while read,
      // before its batch's transaction. (A batch that fails inside its transaction is rolled
      // back and its files loaded one by one: the first test's RSS readings take that path.)
      const cut = join(dir, some[10]!.split('/').at(-1)!);
      const whole = await readFile(cut);
      await writeFile(cut, whole.subarray(0, Math.floor(whole.length / 2)));
      const huge = join(dir, some[30]!.split('/').at(-1)!);
      const xml = gunzipSync(await readFile(huge)).toString('latin1');
      const changed = xml.replace(
        /<delay_minutes>\d+<\/delay_minutes>/,
        '<delay_minutes>99999999999</delay_minutes>',
      );
      assert.notEqual(changed, xml);
      await writeFile(huge, gzipSync(Buffer.from(changed, 'latin1')));

      const store = await memoryStore();
      try {
        const report = await ingestPaths(store, [dir], SOURCES, { io: FIXED_IO });
        assert.deepEqual(
          report.failed.map((f) => f.path),
          [cut, huge],
        );
        assert.equal(report.failed[0]?.problems[0]?.code, 'truncated');
        const big = report.failed[1]?.problems[0];
        assert.match(big?.column ?? '', /delay_minutes$/);
        assert.equal(big?.value, '99999999999');
        assert.equal(report.outcomes.length, some.length - 2);
        assert.ok(report.outcomes.every((o) => o.status === 'loaded'));
        const [stored] = await query(
          store,
          `SELECT count(*)::INTEGER AS files, list(path ORDER BY path) FILTER (path IN ('${cut}', '${huge}')) AS bad
           FROM source_file`,
        );
        assert.equal(stored?.files, some.length - 2);
        assert.deepEqual(stored?.bad, null);
      } finally {
        store.close();
      }
    } finally {
      await cleanup();
    }
  });
});
