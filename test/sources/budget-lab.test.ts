import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../src/model/input-error.ts';
import type { Store } from '../../src/store/open-store.ts';
import { dataFile, ingest, memoryStore, query, scalar, scratch } from '../helpers.ts';

const DIR = 'tariffs/budget-lab';
const FILES = [
  's301_product_lists.csv',
  's232_annex_products.csv',
  's232_derivative_products.csv',
  'fentanyl_carveout_products.csv',
  'ieepa_exempt_products.csv',
  'usmca_product_shares_2024.csv',
  'usmca_product_shares_2025.csv',
  'chapter99_raw.csv',
].map((f) => dataFile(`${DIR}/${f}`));

/** Data lines of a plain CSV (these lists have no quoted line breaks). */
async function dataLines(path: string): Promise<string[]> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  return text
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '');
}

describe('Budget Lab tariff measure lists', () => {
  let store: Store;
  let loaded: Awaited<ReturnType<typeof ingest>>;
  before(async () => {
    store = await memoryStore();
    loaded = await ingest(store, ...FILES);
  });
  after(() => store.close());

  it('recognises each list by its header, each its own series', () => {
    assert.deepEqual(
      loaded.map((o) => `${o.source}:${o.series}`),
      [
        'budget-lab-measure:section_301',
        'budget-lab-measure:section_232_annex',
        'budget-lab-measure:section_232_derivative',
        'budget-lab-measure:fentanyl_carveout',
        'budget-lab-measure:ieepa_exempt',
        'budget-lab-usmca-share:usmca-shares',
        'budget-lab-usmca-share:usmca-shares',
        'budget-lab-chapter99:chapter99',
      ],
    );
  });

  it('loads every Section 301 entry as text, leading zeros kept', async () => {
    const lines = await dataLines(FILES[0]!);
    const rows = await query(
      store,
      `SELECT count(*)::INTEGER AS n, min(hts_prefix) AS first FROM tariff_measure WHERE measure = 'section_301'`,
    );
    assert.deepEqual(rows[0], {
      n: lines.length,
      first: lines.map((l) => l.split(',')[0]).sort()[0],
    });
  });

  it('skips the one malformed IEEPA code and says so', async () => {
    const lines = await dataLines(FILES[4]!);
    const bad = lines.filter((l) => !/^\d{10}$/.test(l.trim()));
    assert.deepEqual(bad, ['850511007000']);
    const n = await scalar(
      store,
      `SELECT count(*) FROM tariff_measure WHERE measure = 'ieepa_exempt'`,
    );
    assert.equal(n, BigInt(lines.length - 1));
    assert.match(loaded[4]!.notes.join(' '), /1 entries .* skipped: line \d+ \("850511007000"\)/);
  });

  it('takes the year of USMCA claim shares from the file name', async () => {
    const rows = await query(
      store,
      `SELECT year, count(*)::INTEGER AS n FROM usmca_share GROUP BY 1 ORDER BY 1`,
    );
    assert.deepEqual(rows, [
      { year: 2024, n: (await dataLines(FILES[5]!)).length },
      { year: 2025, n: (await dataLines(FILES[6]!)).length },
    ]);
    const share = await scalar(
      store,
      `SELECT share FROM usmca_share WHERE year = 2025 AND hts10 = '0101210010' AND partner_code = '1220'`,
    );
    assert.equal(share, 0.7005666754174974);
  });

  it('reads chapter 99 windows, suspensions and programmes from the headings', async () => {
    const rows = await query(
      store,
      `SELECT heading, rate, authority, program, effective_from::VARCHAR AS f,
              effective_to::VARCHAR AS t, suspended
       FROM chapter99_heading WHERE heading IN ('9903.88.16', '9903.91.01', '9903.88.68', '9903.85.01')
       ORDER BY heading`,
    );
    assert.deepEqual(rows, [
      {
        heading: '9903.85.01',
        rate: 0.1,
        authority: 'section_301',
        program: 'section_232_aluminum',
        f: null,
        t: null,
        suspended: false,
      },
      {
        heading: '9903.88.16',
        rate: 0.15,
        authority: 'section_301',
        program: 'section_301_china',
        f: null,
        t: null,
        suspended: true,
      },
      {
        heading: '9903.88.68',
        rate: null,
        authority: 'section_301',
        program: 'section_301_china',
        f: '2023-06-01',
        t: '2024-06-14',
        suspended: false,
      },
      {
        heading: '9903.91.01',
        rate: 0.25,
        authority: 'ieepa',
        program: 'section_301_china',
        f: '2024-09-27',
        t: null,
        suspended: false,
      },
    ]);
    assert.equal(await scalar(store, `SELECT count(*) FROM chapter99_heading`), 680n);
  });

  it('does not read an in-transit clause as the window of a heading', async () => {
    const f = await scalar(
      store,
      `SELECT effective_from FROM chapter99_heading WHERE heading = '9903.01.45'`,
    );
    assert.equal(f, null);
  });

  describe('bad copies are refused whole (shared source contract)', () => {
    let dir: string;
    let cleanup: () => Promise<void>;
    before(async () => ({ dir, cleanup } = await scratch()));
    after(() => cleanup());

    async function refused(name: string, content: string, pattern: RegExp) {
      const path = join(dir, name);
      await writeFile(path, content);
      const files = await scalar(store, `SELECT count(*) FROM source_file`);
      const err = await ingest(store, path).then(
        () => assert.fail(`${name} was accepted`),
        (e: unknown) => e,
      );
      assert.ok(err instanceof InputError, String(err));
      assert.match(err.message, pattern);
      assert.equal(await scalar(store, `SELECT count(*) FROM source_file`), files);
    }

    it('an empty list', () => refused('s301_empty.csv', 'hts8,list,ch99_code\n', /no products/));
    it('a bad heading', () =>
      refused(
        's301_bad.csv',
        'hts8,list,ch99_code\n01012100,1,9903.88\n01012900,1,abc\n',
        /chapter 99 heading/,
      ));
    it('a share file without a year in its name', () =>
      refused(
        'usmca_shares.csv',
        'hts10,cty_code,usmca_share\n0101210010,1220,0.5\n',
        /which year/,
      ));
    it('a share that is not a share', () =>
      refused(
        'usmca_2024.csv',
        'hts10,cty_code,usmca_share\n0101210010,1220,lots\n',
        /share between 0 and 1/,
      ));
    it('a truncated chapter 99 file', async () => {
      const text = await readFile(FILES[7]!, 'utf8');
      await refused(
        'ch99_cut.csv',
        text.slice(0, 2000).replace(/"[^"]*$/, '"Except for'),
        /truncated/,
      );
    });
  });
});
