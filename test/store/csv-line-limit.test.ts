import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Store } from '../../src/store/open-store.ts';
import { dataFile, ingest, memoryStore, query, scratch } from '../helpers.ts';

const SAMPLE = dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv');

/**
 * A file whose lines are all short is first read with DuckDB's default line limit (2,000,000
 * bytes), which is faster; a record that is longer or spans lines must still be read whole,
 * as with the large limit (load-scan.ts).
 */
describe('CSV records longer than DuckDB’s default line limit, or spanning lines', () => {
  let store: Store;
  let dir: string;
  let cleanup: () => Promise<void>;
  let lines: string[];
  let records: number;

  before(async () => {
    ({ dir, cleanup } = await scratch());
    store = await memoryStore();
    lines = (await readFile(SAMPLE, 'utf8')).split('\n');
    records = lines.filter((l) => l.length > 0).length - 1;
  });
  after(async () => {
    store.close();
    await cleanup();
  });

  /** The sample with the first data row's port name replaced by `name` (quoted). */
  async function withName(file: string, name: string, gzip = false): Promise<string> {
    const [header, first, ...rest] = lines;
    const fields = first!.split(',');
    fields[0] = `"${name}"`;
    const text = [header, fields.join(','), ...rest].join('\n');
    const path = join(dir, file);
    await writeFile(path, gzip ? gzipSync(text) : text);
    return path;
  }

  async function stored(file: string, name: string, gzip = false) {
    const [o] = await ingest(store, await withName(file, name, gzip));
    const [row] = await query(
      store,
      `SELECT (SELECT count(*) FROM crossings_all WHERE source_file_id = ${o!.sourceFileId}) AS n,
              (SELECT sum(count) FROM crossings_all WHERE source_file_id = ${o!.sourceFileId}) AS total,
              (SELECT port_name FROM crossings_all WHERE source_file_id = ${o!.sourceFileId}
                 AND port_code = '0104' AND month = DATE '2024-01-01' AND measure = 'Trucks') AS name`,
    );
    return { outcome: o!, n: Number(row?.n), total: Number(row?.total), name: String(row?.name) };
  }

  it('keeps a port name with a quoted line break as one record: every row stored once', async () => {
    const got = await stored('line-break.csv', 'Jackman\nMaine');
    assert.equal(got.outcome.rows.crossings, records);
    assert.equal(got.n, records);
    assert.equal(got.total, expectedTotal());
    assert.equal(got.name, 'Jackman\nMaine');
  });

  it('reads a 3 MB quoted value made of short lines whole, plain or gzipped: nothing dropped or refused', async () => {
    const name = `Jackman${'\n'.padEnd(1_000, 'x').repeat(3_000)}`;
    for (const [file, gzip] of [
      ['long-record.csv', false],
      ['long-record.csv.gz', true],
    ] as const) {
      const got = await stored(file, name, gzip);
      assert.equal(got.n, records, file);
      assert.equal(got.total, expectedTotal(), file);
      assert.equal(got.name.length, name.length, file);
      assert.equal(got.name, name, file);
    }
  });

  it('reads the sample itself with every row (the short-line path)', async () => {
    const got = await stored('plain.csv', lines[1]!.split(',')[0]!);
    assert.equal(got.n, records);
    assert.equal(got.total, expectedTotal());
    assert.equal(got.name, 'Jackman');
  });

  /** The sum of the sample's Value column, read from its text. */
  function expectedTotal(): number {
    return lines
      .slice(1)
      .filter((l) => l.length > 0)
      .reduce((a, l) => a + Number(l.split(',')[6]), 0);
  }
});
