import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/api/create-app.ts';
import { exportTable } from '../../src/store/export-table.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { fixtureDatabase } from '../fixture-database.ts';
import { dataFile, memoryStore, scratch } from '../helpers.ts';

/**
 * An answer must not depend on how many threads DuckDB ran the query on (bench
 * answer-stability.ts asks the whole API of the bundle at threads=1 and threads=4). These are
 * the cases it found, on the real files where they are small enough to show it.
 */
describe('answers do not follow DuckDB thread timing', () => {
  const ISO = [
    'reference/es/iso-codes/iso_3166-2.json',
    'reference/es/iso-codes/iso_3166-2_es.po',
  ].map(dataFile);
  let db: string;
  before(async () => {
    db = await fixtureDatabase(ISO);
  });

  async function bodies(threads: number, url: string, times: number): Promise<string[]> {
    const store = await openStore(db, { readOnly: true });
    try {
      await store.conn.run(`SET threads = ${threads}`);
      const out: string[] = [];
      for (let i = 0; i < times; i++) {
        // A fresh app and memo each time, so the query runs again.
        store.memo.clear();
        out.push(await (await createApp(store, { dataVersion: 't' }).request(url)).text());
      }
      return out;
    } finally {
      store.close();
    }
  }

  it('lists the Spanish US state names in code order, the same on 1 and 4 threads', async () => {
    const [one] = await bodies(1, '/api/names/us-states', 1);
    const many = await bodies(4, '/api/names/us-states', 4);
    const names = (JSON.parse(one!) as { names: Record<string, string> }).names;
    assert.equal(names.NM, 'Nuevo México');
    const codes = Object.keys(names);
    assert.ok(codes.length >= 50);
    assert.deepEqual(codes, [...codes].sort());
    for (const b of many) assert.equal(b, one);
  });
});

describe('port_directory takes one point per port, by a stated rule', () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    // Two files placing one port slightly differently, as the BTS crossings (3 decimals) and
    // the coordinates file (6 decimals) do for 28 ports of the bundle; enough rows that DuckDB
    // splits the scan between threads. The later file's rows come first in the table.
    await store.conn.run(`
      INSERT INTO port_all (source_file_id, port_code, name, border, latitude, longitude)
      SELECT CASE WHEN i < 150000 THEN 2 ELSE 1 END, '2301', 'Brownsville', 'mexico',
             CASE WHEN i < 150000 THEN 25.95155 ELSE 25.952 END,
             CASE WHEN i < 150000 THEN -97.40067 ELSE -97.401 END
      FROM range(300000) t(i)`);
    // And many ports with one point each, for the export's row order.
    await store.conn.run(`
      INSERT INTO port_all (source_file_id, port_code, name, border, latitude, longitude)
      SELECT 1, lpad((3000 + i)::VARCHAR, 4, '0'), 'Port ' || i, 'canada', 45 + i / 1e4, -70
      FROM range(3000) t(i)`);
  });
  after(() => store.close());

  it('is the first loaded file’s point, whole, on any number of threads', async () => {
    for (const threads of [1, 4, 4, 4]) {
      await store.conn.run(`SET threads = ${threads}`);
      const r = await store.conn.runAndReadAll(
        `SELECT latitude, longitude FROM port_directory WHERE port_code = '2301'`,
      );
      assert.deepEqual(r.getRowsJS(), [[25.952, -97.401]], `threads=${threads}`);
    }
  });

  it('exports the view in port code order, the same file on 1 and 4 threads', async () => {
    const s = await scratch();
    try {
      const files: string[] = [];
      for (const threads of [1, 4, 4]) {
        await store.conn.run(`SET threads = ${threads}`);
        const out = join(s.dir, `ports-${files.length}.csv`);
        await exportTable(store, 'port_directory', 'csv', out);
        files.push(await readFile(out, 'utf8'));
      }
      const codes = files[0]!
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[0]!);
      assert.equal(codes.length, 3001);
      assert.deepEqual(codes, [...codes].sort());
      assert.equal(files[1], files[0]);
      assert.equal(files[2], files[0]);
    } finally {
      await s.cleanup();
    }
  });
});
