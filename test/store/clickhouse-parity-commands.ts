import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import type { PublishSummary } from '../../src/store/publish-clickhouse.ts';
import { FIXED_IO, runCli } from '../helpers.ts';

/** `frontera …` with FRONTERA_ENGINE set, as a user's shell would have it. */
async function withEngine(db: string, engine: string, ...argv: string[]) {
  const { main } = await import('../../src/cli/main.ts');
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { FRONTERA_DB: db, FRONTERA_ENGINE: engine },
    isTTY: false,
    now: FIXED_IO.now,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * `status`, `export` and `sql` read the engine asked for (`--engine` or FRONTERA_ENGINE), never
 * the embedded file behind it (`clickhouse-parity.test.ts` runs these on its published model).
 */
export function commandParityChecks(
  env: () => { db: string; url: string; published: PublishSummary },
): void {
  it('status --engine clickhouse://… reports the published model: tables, rows, data version', async () => {
    const { db, url, published } = env();
    const r = await withEngine(db, url, 'status', '--json');
    assert.equal(r.code, 0, r.err);
    const s = JSON.parse(r.out) as {
      dataVersion: string;
      publishedAt: string;
      tables: { table: string; rows: number; layout: string }[];
    };
    assert.equal(s.dataVersion, published.dataVersion);
    assert.match(s.publishedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // Every published table with the rows publish counted in the store, none of its own.
    assert.deepEqual(
      s.tables.map((t) => [t.table, t.rows, t.layout]),
      [...published.tables]
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((t) => [t.name, t.rows, t.layout]),
    );
    const text = await runCli(db, 'status', '--engine', url);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, new RegExp(`data version ${published.dataVersion}`));
    assert.match(text.out, /trade_country_month_all +[\d,]+ +sharded/);
    assert.doesNotMatch(text.out, /Database /, 'not the embedded file');
  });

  it('export --engine clickhouse://… writes the published rows as the embedded export writes them', async () => {
    const { db, url } = env();
    const dir = await mkdtemp(join(tmpdir(), 'frontera-export-'));
    try {
      const both = async (table: string) => {
        const [d, c] = [join(dir, `${table}.duck.csv`), join(dir, `${table}.ch.csv`)];
        const rd = await runCli(db, 'export', table, '--format', 'csv', '--out', d);
        const rc = await withEngine(db, url, 'export', table, '--format', 'csv', '--out', c);
        assert.equal(rd.code, 0, rd.err);
        assert.equal(rc.code, 0, rc.err);
        assert.equal(rc.out.replace(c, d), rd.out);
        return [await readFile(d, 'utf8'), await readFile(c, 'utf8')] as const;
      };
      // Views: sorted by every column on both, the same bytes (doubles, lists, instants).
      for (const view of ['port_directory', 'source_file']) {
        const [d, c] = await both(view);
        assert.equal(c, d, view);
      }
      // Tables: the embedded export keeps load order, ClickHouse's is sorted: the same lines.
      for (const table of ['crossings_all', 'wait_times', 'us_state']) {
        const [d, c] = await both(table);
        const lines = (t: string) => t.trimEnd().split('\n');
        assert.equal(lines(c)[0], lines(d)[0], `${table} header`);
        assert.ok(lines(d).length > 50, table);
        assert.deepEqual(lines(c).slice(1).sort(), lines(d).slice(1).sort(), table);
      }
      const missing = await withEngine(
        db,
        url,
        'export',
        'hs_product_all',
        '--out',
        join(dir, 'x'),
      );
      assert.equal(missing.code, 1);
      assert.match(
        missing.err,
        /hs_product_all is not in the model published at .*--engine duckdb/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('sql --engine clickhouse://… runs the query on ClickHouse with readonly=1', async () => {
    const { db, url } = env();
    const d = await runCli(db, 'sql', 'SELECT count(*) AS n FROM crossings_all', '--json');
    const c = await withEngine(db, url, 'sql', 'SELECT count() AS n FROM crossings_all', '--json');
    assert.equal(c.code, 0, c.err);
    const rows = (t: string) => (JSON.parse(t) as { rows: unknown[] }).rows;
    assert.deepEqual(rows(c.out), rows(d.out));
    // ClickHouse SQL, not DuckDB's: the embedded file is not what answered.
    const dialect = await withEngine(
      db,
      url,
      'sql',
      'SELECT uniqExact(partner_code) AS n FROM partner',
    );
    assert.equal(dialect.code, 0, dialect.err);
    for (const write of [
      'INSERT INTO us_state SELECT * FROM us_state',
      'DROP TABLE us_state',
      "SELECT * FROM file('/etc/passwd', 'TSV', 'line String')",
      'SELECT 1 SETTINGS readonly = 0',
    ]) {
      const r = await runCli(db, 'sql', write, '--engine', url);
      assert.equal(r.code, 2, `${write}: ${r.out}`);
      assert.match(
        r.err,
        /(ClickHouse refused: .*readonly mode.*|would change the database); on ClickHouse \(readonly=1\)/,
        write,
      );
    }
    const rows2 = await withEngine(db, url, 'sql', 'SELECT count() AS n FROM us_state', '--csv');
    assert.equal(rows2.out.trim().split('\n').length, 2);
  });
}
