import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../src/model/input-error.ts';
import { dataFile, ingest, memoryStore, query, scratch } from '../helpers.ts';
import { parseCsv } from '../sync/fake-publisher.ts';

const CSV = dataFile('reference/population/population.csv');

/** The DataHub CSV's rows as the World Bank API returns them (one page). */
function apiDocument(): unknown {
  const [, ...rows] = parseCsv(readFileSync(CSV, 'utf8'));
  const data = rows.map(([name, iso3, year, value]) => ({
    indicator: { id: 'SP.POP.TOTL', value: 'Population, total' },
    country: { id: iso3!.slice(0, 2), value: name },
    countryiso3code: iso3,
    date: year,
    value: value === '' ? null : Number(value),
    unit: '',
    obs_status: '',
    decimal: 0,
  }));
  const meta = {
    page: 1,
    pages: 1,
    per_page: data.length,
    total: data.length,
    sourceid: '2',
    lastupdated: '2025-07-01',
  };
  return [meta, data];
}

describe('World Bank API population JSON', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ dir, cleanup } = await scratch()));
  after(() => cleanup());

  it('loads the same population table as the CSV, and supersedes it year by year', async () => {
    const path = join(dir, 'sp-pop-totl.json');
    await writeFile(path, JSON.stringify(apiDocument()));
    const fromCsv = await memoryStore();
    const both = await memoryStore();
    try {
      await ingest(fromCsv, CSV);
      await ingest(both, CSV);
      const [o] = await ingest(both, path);
      assert.equal(o?.source, 'world-population');
      assert.equal(o?.status, 'loaded');
      const sql = 'SELECT iso3, year, population FROM population ORDER BY iso3, year';
      assert.deepEqual(await query(both, sql), await query(fromCsv, sql));
      const [{ files }] = (await query(
        both,
        `SELECT count(DISTINCT source_file_id) AS files FROM population`,
      )) as [{ files: unknown }];
      assert.equal(files, '1');
      const [again] = await ingest(both, path);
      assert.equal(again?.status, 'unchanged');
    } finally {
      fromCsv.close();
      both.close();
    }
  });

  it('rejects a truncated document and a value that is not a count', async () => {
    const store = await memoryStore();
    try {
      const doc = apiDocument() as [unknown, { value: unknown }[]];
      const text = JSON.stringify(doc);
      doc[1][3]!.value = 'many';
      for (const [name, body, code] of [
        ['cut.json', text.slice(0, 5000), 'truncated'],
        ['bad.json', JSON.stringify(doc), 'not-a-number'],
      ] as const) {
        const p = join(dir, name);
        await writeFile(p, body);
        const err = await ingest(store, p).then(
          () => assert.fail(`${name} accepted`),
          (e: unknown) => e,
        );
        assert.ok(
          err instanceof InputError && err.problems.some((x) => x.code === code),
          String(err),
        );
      }
    } finally {
      store.close();
    }
  });
});
