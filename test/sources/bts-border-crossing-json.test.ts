import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../src/model/input-error.ts';
import { dataFile, ingest, memoryStore, query, scalar, scratch } from '../helpers.ts';
import { socrataRows } from '../sync/fake-publisher.ts';

const SAMPLE = dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv');

const crossings = (store: Awaited<ReturnType<typeof memoryStore>>) =>
  query(
    store,
    'SELECT * EXCLUDE (source_file_id) FROM crossings ORDER BY port_code, measure, month',
  );

describe('BTS Border Crossing Entry Data as Socrata JSON', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let path: string;
  before(async () => {
    ({ dir, cleanup } = await scratch());
    path = join(dir, 'keg4-3bc2-2024.json');
    await writeFile(path, JSON.stringify(socrataRows(SAMPLE)));
  });
  after(() => cleanup());

  it('loads the same crossings and port coordinates as the CSV export, row for row', async () => {
    const fromCsv = await memoryStore();
    const fromJson = await memoryStore();
    try {
      await ingest(fromCsv, SAMPLE);
      const [o] = await ingest(fromJson, path);
      assert.equal(o?.source, 'bts-border-crossing');
      assert.equal(o?.series, 'keg4-3bc2');
      assert.equal(o?.vintage, '2024-12');
      assert.equal(o?.rows.crossings, 9087);
      assert.deepEqual(await crossings(fromJson), await crossings(fromCsv));
      const ports = `SELECT port_code, latitude, longitude FROM port ORDER BY port_code`;
      assert.deepEqual(await query(fromJson, ports), await query(fromCsv, ports));
    } finally {
      fromCsv.close();
      fromJson.close();
    }
  });

  it('supersedes the same months of an older download, keeping both vintages', async () => {
    const store = await memoryStore();
    try {
      await ingest(store, SAMPLE);
      const revised = socrataRows(SAMPLE).map((r, i) =>
        i === 0 ? { ...r, value: String(Number(r.value) + 1) } : r,
      );
      const p = join(dir, 'revised.json');
      await writeFile(p, JSON.stringify(revised));
      await ingest(store, p);
      assert.equal(await scalar(store, 'SELECT count(*) FROM crossings'), 9087n);
      assert.equal(await scalar(store, 'SELECT count(*) FROM crossings_all'), 2n * 9087n);
      const r = revised[0]!;
      const v = await scalar(
        store,
        `SELECT count FROM crossings WHERE port_code = '${r.port_code}' AND measure = '${r.measure}' AND month = '${r.date.slice(0, 10)}'`,
      );
      assert.equal(v, BigInt(r.value!));
    } finally {
      store.close();
    }
  });

  it('rejects bad values, truncated and empty responses, naming row and field', async () => {
    const store = await memoryStore();
    try {
      const rows = socrataRows(SAMPLE).slice(0, 5);
      rows[2] = { ...rows[2]!, value: 'n/a' };
      const cases: [string, string, string][] = [
        ['bad.json', JSON.stringify(rows), 'not-a-number'],
        ['cut.json', JSON.stringify(rows).slice(0, 300), 'truncated'],
        // An empty array names no field: it cannot be recognised as anything.
        ['empty.json', '[]', 'unknown-format'],
      ];
      for (const [name, text, code] of cases) {
        const p = join(dir, name);
        await writeFile(p, text);
        const err = await ingest(store, p).then(
          () => assert.fail(`${name} accepted`),
          (e: unknown) => e,
        );
        assert.ok(err instanceof InputError);
        const problem = err.problems.find((x) => x.code === code);
        assert.ok(problem, err.message);
        if (code === 'not-a-number') assert.deepEqual([problem.line, problem.column], [3, 'value']);
      }
      assert.equal(await scalar(store, 'SELECT count(*) FROM source_file'), 0n);
    } finally {
      store.close();
    }
  });
});
