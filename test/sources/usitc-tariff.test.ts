import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { InputError } from '../../src/model/input-error.ts';
import type { Store } from '../../src/store/open-store.ts';
import { dataFile, ingest, memoryStore, query, scalar, scratch } from '../helpers.ts';

const DATABASE = dataFile('usitc/tariff_database_2024.xlsx');
const HTS = dataFile('usitc/hts_2025_basic_edition.csv');

/** An oracle independent of the reader: DuckDB's own CSV parser over the same file. */
async function duck(sql: string): Promise<unknown[]> {
  const c = await (await DuckDBInstance.create(':memory:')).connect();
  return (await c.runAndReadAll(sql)).getRowsJS()[0] ?? [];
}

describe('USITC tariff database (xlsx) and HTS CSV', () => {
  let store: Store;
  let loaded: Awaited<ReturnType<typeof ingest>>;
  before(async () => {
    store = await memoryStore();
    loaded = await ingest(store, DATABASE, HTS);
  });
  after(() => store.close());

  it('recognises both by content, with the schedule year from the sheet', () => {
    assert.deepEqual(
      loaded.map((o) => `${o.source}:${o.series}@${o.vintage}`),
      ['usitc-tariff-database:tariff-database@2024-05', 'usitc-hts:hts@2025 basic edition'],
    );
  });

  it('loads every HTS8 line, with chapter 99 lines marked as not products', async () => {
    const rows = await query(
      store,
      `SELECT line_kind, count(*)::INTEGER AS n FROM tariff_line GROUP BY 1 ORDER BY 1`,
    );
    const n = Object.fromEntries(rows.map((r) => [r.line_kind, r.n]));
    assert.equal(n.chapter99, 1128);
    assert.equal(Number(n.chapter99) + Number(n.special) + Number(n.product), 12975);
  });

  it('keeps leading zeros and reads rates as fractions', async () => {
    const [asses] = await query(
      store,
      `SELECT mfn_rate_type, mfn_ad_valorem, usmca_indicator, begin_date::VARCHAR AS begin_date
       FROM tariff_line WHERE hts8 = '01013000'`,
    );
    assert.deepEqual(asses, {
      mfn_rate_type: '7',
      mfn_ad_valorem: 0.068,
      usmca_indicator: 'S',
      begin_date: '2020-07-01',
    });
  });

  it('never takes the 9999.999999 sentinel for a rate', async () => {
    assert.equal(
      ((await scalar(store, `SELECT max(mfn_ad_valorem) FROM tariff_line`)) as number) < 100,
      true,
    );
    const [watch] = await query(
      store,
      `SELECT mfn_rate_type, mfn_ad_valorem, mfn_specific FROM tariff_line WHERE hts8 = '91022960'`,
    );
    assert.deepEqual(watch, { mfn_rate_type: 'T', mfn_ad_valorem: null, mfn_specific: null });
    assert.match(loaded[0]!.notes.join(' '), /\d+ rate cells hold the 9999\.999999/);
  });

  it('loads every numbered HTS line and no group row', async () => {
    const [numbered] = await duck(
      `SELECT count(*) FROM read_csv('${HTS}', all_varchar = true) WHERE "HTS Number" IS NOT NULL`,
    );
    assert.equal(await scalar(store, `SELECT count(*) FROM hts_line`), numbered);
  });

  it('gives a statistical line the rate of the HTS8 line above it', async () => {
    const [male] = await query(
      store,
      `SELECT rate_line, general_rate, general_ad_valorem, context FROM hts_line
       WHERE hts_code = '0101210010'`,
    );
    assert.deepEqual(male, {
      rate_line: '01012100',
      general_rate: null,
      general_ad_valorem: 0,
      context: 'Live horses, asses, mules and hinnies: > Horses: > Purebred breeding animals',
    });
    const asses = await scalar(
      store,
      `SELECT general_ad_valorem FROM hts_line WHERE hts_code = '0101300000'`,
    );
    assert.equal(asses, 0.068);
  });

  it('joins a description that runs over two lines, and reads past the BOM', async () => {
    const krill = await scalar(
      store,
      `SELECT description FROM hts_line WHERE hts_code = '0511993030'`,
    );
    assert.equal(krill, 'Antarctic krill ( Euphausia superba)');
    assert.equal(await scalar(store, `SELECT min(hts_code) FROM hts_line`), '0101');
  });

  it('ingesting the same files again changes nothing', async () => {
    const again = await ingest(store, DATABASE, HTS);
    assert.deepEqual(
      again.map((o) => o.status),
      ['unchanged', 'unchanged'],
    );
  });

  it('refuses a truncated, an empty and a mis-headed HTS CSV whole', async () => {
    const { dir, cleanup } = await scratch();
    try {
      const text = await readFile(HTS, 'utf8');
      const header = text.split('\n')[0]!;
      const cases: [string, string, RegExp][] = [
        ['hts_cut.csv', text.slice(0, text.indexOf('Antarctic krill') + 10), /truncated/],
        ['hts_empty.csv', `${header}\n`, /no HTS lines/],
        ['hts_header.csv', header.replace('Indent', 'Level') + text.slice(header.length), /header/],
      ];
      const files = await scalar(store, `SELECT count(*) FROM source_file`);
      for (const [name, content, pattern] of cases) {
        const path = join(dir, name);
        await writeFile(path, content);
        const err = await ingest(store, path).then(
          () => assert.fail(`${name} was accepted`),
          (e: unknown) => e,
        );
        assert.ok(err instanceof InputError, String(err));
        assert.match(err.message, pattern);
      }
      assert.equal(await scalar(store, `SELECT count(*) FROM source_file`), files);
    } finally {
      await cleanup();
    }
  });
});
