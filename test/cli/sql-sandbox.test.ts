/**
 * `frontera sql` cannot write or read files: the statements that got past the old
 * statement-type guard (EXPLAIN ANALYZE COPY … TO the database itself) and the file readers
 * are refused by DuckDB, and nothing on disk changes or appears.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CliIO } from '../../src/cli/cli-context.ts';
import { main } from '../../src/cli/main.ts';
import { openStore } from '../../src/store/open-store.ts';
import { sandboxForSql } from '../../src/store/read-only-sql.ts';
import { dataFile, FIXED_IO, scratch } from '../helpers.ts';

const SAMPLE = dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv');

describe('frontera sql on a connection that cannot write', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let db: string;
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
      env: { FRONTERA_DB: db },
      isTTY: false,
      now: FIXED_IO.now,
    };
    const code = await main(argv, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const hash = async (p: string) =>
    createHash('sha256')
      .update(await readFile(p))
      .digest('hex');

  before(async () => {
    ({ dir, cleanup } = await scratch());
    db = join(dir, 'f.duckdb');
    assert.equal((await run('ingest', SAMPLE)).code, 0);
    await writeFile(join(dir, 'secret.txt'), 'not for sql\n');
  });
  after(() => cleanup());

  it('refuses every way of writing a file, and the database and folder stay as they were', async () => {
    const before = await hash(db);
    const files = (await readdir(dir)).sort();
    const victim = join(dir, 'victim.txt');
    for (const q of [
      `EXPLAIN ANALYZE COPY (SELECT 'x') TO '${db}'`,
      `EXPLAIN ANALYZE COPY (SELECT 'x') TO '${db}' (USE_TMP_FILE false)`,
      `EXPLAIN ANALYZE COPY (SELECT 'x') TO '${db}.wal'`,
      `EXPLAIN ANALYZE COPY (SELECT 'x') TO '${victim}'`,
      `COPY (SELECT 'x') TO '${victim}'`,
      `EXPORT DATABASE '${join(dir, 'exported')}'`,
      `ATTACH '${join(dir, 'other.duckdb')}' AS other`,
      `INSTALL httpfs`,
      `LOAD httpfs`,
    ]) {
      const r = await run('sql', q);
      assert.equal(r.code, 2, `${q}: ${r.err}`);
      assert.match(r.err, /read-only/, q);
    }
    assert.equal(await hash(db), before, 'the database changed');
    assert.deepEqual((await readdir(dir)).sort(), files, 'a file appeared or vanished');
    assert.equal(existsSync(join(dir, 'exported')), false, 'EXPORT DATABASE left a folder');
  });

  it('is refused by the engine itself, not by a statement filter, and EXPORT leaves nothing', async () => {
    const before = await hash(db);
    const store = await sandboxForSql(await openStore(db, { readOnly: true }));
    try {
      for (const q of [
        `EXPORT DATABASE '${join(dir, 'exported')}'`,
        `COPY (SELECT 'x') TO '${db}' (USE_TMP_FILE false)`,
        `CREATE TABLE t AS SELECT 1`,
        `DELETE FROM crossings_all`,
      ])
        await assert.rejects(store.conn.run(q), /Permission Error|read-only/, q);
    } finally {
      store.close();
    }
    assert.equal(existsSync(join(dir, 'exported')), false, 'EXPORT DATABASE left a folder');
    assert.equal(await hash(db), before);
  });

  it('reads no file but the loaded database, and cannot be reconfigured to', async () => {
    for (const q of [
      `SELECT * FROM read_text('${join(dir, 'secret.txt')}')`,
      `SELECT * FROM read_csv('${SAMPLE}')`,
      `SELECT * FROM '${SAMPLE}'`,
      `SELECT * FROM glob('${dir}/*')`,
      `SELECT count(*) FROM read_blob('${db}')`,
      `SELECT * FROM read_text('/etc/passwd')`,
      `SET disabled_filesystems = ''`,
      `RESET disabled_filesystems`,
      `SET enable_external_access = true`,
    ]) {
      const r = await run('sql', q);
      assert.equal(r.code, 2, `${q}: ${r.out}`);
      assert.match(r.err, /read-only/, q);
      assert.doesNotMatch(r.out, /not for sql|root:/, q);
    }
    const n = await run('sql', '--json', 'SELECT count(*) AS n FROM crossings_all');
    assert.equal(n.code, 0, n.err);
    assert.equal(JSON.parse(n.out).rows[0].n, '9087');
  });

  it('prints text as text and integers grouped', async () => {
    const r = await run('sql', `SELECT '0207252000' AS code, 207252000::BIGINT AS n, 2.5 AS d`);
    assert.equal(r.code, 0, r.err);
    const row = r.out.split('\n')[2]!;
    assert.match(row, /^0207252000\s+207,252,000\s+2\.5$/);
  });
});
