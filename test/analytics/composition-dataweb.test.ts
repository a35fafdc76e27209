import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CommoditySelectionError } from '../../src/analytics/commodity-selection-error.ts';
import { commoditySelection } from '../../src/analytics/commodity-selection.ts';
import { CoverageError } from '../../src/analytics/lookup-error.ts';
import { tradeComposition, type TradeComposition } from '../../src/analytics/trade-composition.ts';
import { renderComposition } from '../../src/cli/commands/render-tariff.ts';
import type { Store } from '../../src/store/open-store.ts';
import { fixtureStore } from '../fixture-database.ts';
import { dataFile, ingest, memoryStore, query } from '../helpers.ts';

const CSV_FILE = dataFile('usitc/dataweb/total-exports-to-mexico-by-hts2-1996-2018.csv');
const XLSX_FILE = dataFile('usitc/dataweb/imports-hts10-2024-grid-goods.xlsx');

const CENSUS_AND_REFERENCE = [
  'census/api-extracts/imports-hs10-2024/2024-hs10-imports2010.parquet',
  'reference/hs/harmonized-system.csv',
  'reference/hs/sections.csv',
  'reference/bec/HS2022_to_BEC4_UNSD.csv',
  'reference/bec/HS2017_to_BEC4_UNSD.csv',
  'reference/bec/BEC4_to_SNA_enduse_HANDAUTHORED.csv',
].map(dataFile);

/** One CSV line into fields: DataWeb quotes descriptions that hold commas. */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}

/** The oracle: the wide CSV itself, HTS2 code → year → FAS value, read without the reader. */
const [header, ...body] = readFileSync(CSV_FILE, 'utf8')
  .replace(/^\uFEFF/, '')
  .trim()
  .split(/\r?\n/)
  .map(fields);
const yearColumn = (year: number) => header!.indexOf(`Year ${year}`);
const csvValue = (hs: string, year: number) =>
  BigInt(body.find((r) => r[1] === hs)![yearColumn(year)]!);
const csvTotal = (year: number) => body.reduce((a, r) => a + BigInt(r[yearColumn(year)]!), 0n);

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

describe('trade composition from USITC DataWeb where Census product data is missing', () => {
  let store: Store;
  before(async () => {
    store = await fixtureStore([...CENSUS_AND_REFERENCE, CSV_FILE, XLSX_FILE]);
  });
  after(() => store.close());

  it('reads the oracle CSV as it is: 97 chapters, one column per year', () => {
    assert.equal(body.length, 97);
    assert.ok(body.every((r) => r.length === header!.length));
    assert.equal(csvValue('87', 2018), 22_153_042_018n);
  });

  it('gives 2018 exports to Mexico by chapter and section from the HTS2 download', async () => {
    const c = await tradeComposition(store, 'mexico', { flow: 'export', year: 2018 });
    const total = csvTotal(2018);
    assert.equal(c.totalUsd, total);
    assert.equal(c.year, 2018);
    assert.equal(c.level, 2);
    assert.deepEqual(c.source, {
      table: 'dataweb_product',
      name: 'USITC DataWeb',
      measure: 'fas_value',
    });
    assert.equal(c.chapters.length, 97);
    const ch87 = c.chapters.find((x) => x.code === '87')!;
    assert.equal(ch87.valueUsd, 22_153_042_018n);
    assert.ok(near(ch87.share, (22_153_042_018 / Number(total)) * 100));
    // Sections come through the HS reference; chapter 98 has none and is said so.
    assert.equal(
      c.sections.reduce((a, s) => a + s.valueUsd, 0n),
      total,
    );
    assert.ok(
      near(
        c.sections.reduce((a, s) => a + s.share, 0),
        100,
      ),
    );
    const transport = c.sections.find((s) => s.code === 'XVII')!;
    const oracleXVII = ['86', '87', '88', '89'].reduce((a, hs) => a + csvValue(hs, 2018), 0n);
    assert.equal(transport.valueUsd, oracleXVII);
    assert.equal(c.sections.find((s) => s.code === 'none')?.valueUsd, csvValue('98', 2018));
  });

  it('states that HS2 lines give no end use and no Grubel–Lloyd index, rather than invent them', async () => {
    const c = await tradeComposition(store, 'mexico', { flow: 'export', year: 2018 });
    assert.equal(c.endUse.coverage, 0);
    assert.equal(c.endUse.edition, null);
    assert.match(c.endUse.unavailable ?? '', /HS6.*HS2 lines/);
    assert.deepEqual(
      c.endUse.classes.map((x) => [x.code, x.valueUsd]),
      [['unmapped', c.totalUsd]],
    );
    assert.equal(c.intraIndustry, null);
    assert.ok(c.notes.some((n) => /no Grubel–Lloyd index/.test(n)));
  });

  it('names the DataWeb file it read, and not the Census extract or the xlsx selection', async () => {
    const c = await tradeComposition(store, 'mexico', { flow: 'export', year: 2018 });
    const files = c.sources.map((s) => basename(s.path));
    assert.ok(files.includes('total-exports-to-mexico-by-hts2-1996-2018.csv'));
    assert.ok(files.includes('sections.csv'));
    assert.ok(!files.includes('imports-hts10-2024-grid-goods.xlsx'));
    assert.ok(!files.some((f) => f.endsWith('.parquet')));
    assert.ok(c.basis.some((b) => /DataWeb/.test(b)));
    assert.ok(c.notes.some((n) => /total-exports-to-mexico-by-hts2-1996-2018\.csv/.test(n)));
  });

  it('reads 1996 too, and without a year the latest DataWeb year', async () => {
    const c1996 = await tradeComposition(store, 'mexico', { flow: 'export', year: 1996 });
    assert.equal(c1996.totalUsd, csvTotal(1996));
    assert.equal(c1996.chapters.find((x) => x.code === '87')?.valueUsd, 5_501_249_208n);
    assert.equal(c1996.endUse.coverage, 0);
    const latest = await tradeComposition(store, 'mexico', { flow: 'export' });
    assert.equal(latest.year, 2018);
    assert.equal(latest.totalUsd, csvTotal(2018));
  });

  it('refuses a year neither table has, listing the years that are loaded', async () => {
    await assert.rejects(
      tradeComposition(store, 'mexico', { flow: 'export', year: 2024 }),
      (e: unknown) =>
        e instanceof CoverageError &&
        !(e instanceof CommoditySelectionError) &&
        /no data for 2024/.test(e.message) &&
        /1996–2018 \(USITC DataWeb\)/.test(e.message),
    );
  });

  it('still reads Mexican imports of 2024 from Census, exactly as without DataWeb loaded', async () => {
    const c = await tradeComposition(store, 'mexico', { year: 2024 });
    const [oracle] = await query(
      store,
      `SELECT sum(value_usd)::VARCHAR AS v FROM trade_product WHERE partner_code = '2010'`,
    );
    assert.equal(c.totalUsd, BigInt(String(oracle?.v)));
    assert.equal(c.source.table, 'trade_product');
    assert.equal(c.level, 10);
    assert.ok(c.endUse.coverage > 50);
    assert.ok(!c.sources.some((s) => s.source === 'usitc-dataweb'));
    // The same figures as a store that never saw DataWeb: nothing of the xlsx is added.
    const plain = await memoryStore();
    let alone: TradeComposition;
    try {
      await ingest(plain, ...CENSUS_AND_REFERENCE);
      alone = await tradeComposition(plain, 'mexico', { year: 2024 });
    } finally {
      plain.close();
    }
    for (const k of ['totalUsd', 'sections', 'chapters', 'endUse', 'level'] as const)
      assert.deepEqual(c[k], alone[k], k);
    // And the default year is Census's 2024, not DataWeb's selection of the same year.
    assert.equal((await tradeComposition(store, 'mexico')).source.table, 'trade_product');
  });

  it('refuses a partner whose only product data is the xlsx commodity selection', async () => {
    for (const opts of [{ year: 2024 }, {}]) {
      await assert.rejects(
        tradeComposition(store, 'south korea', opts),
        (e: unknown) =>
          e instanceof CommoditySelectionError &&
          e instanceof CoverageError &&
          /South Korea import_consumption 2024/.test(e.message) &&
          /commodity selection/.test(e.message) &&
          /imports-hts10-2024-grid-goods\.xlsx \(Select Individual Commodities: 40 codes/.test(
            e.message,
          ),
      );
    }
  });

  it('prints where the lines come from, their level, and why end use is missing', async () => {
    const text = renderComposition(
      await tradeComposition(store, 'mexico', { flow: 'export', year: 2018 }),
    );
    assert.match(text, /export 2018 .*HS2 lines from USITC DataWeb, FAS value/);
    assert.match(text, /End use \(BEC Rev\.4\): not available, classified: 0\.0% of the value/);
    assert.match(text, /Source: usitc-dataweb total-exports-to-mexico-by-hts2-1996-2018\.csv/);
    const census = renderComposition(await tradeComposition(store, 'mexico', { year: 2024 }));
    assert.match(census, /HS10 lines from Census International Trade API\)/);
  });
});

describe('a DataWeb query is a commodity selection by what its notes record', () => {
  it('tells the xlsx selection from the wide CSV and from a query of all commodities', async () => {
    const store = await memoryStore();
    try {
      const [xlsx, csv] = await ingest(store, XLSX_FILE, CSV_FILE);
      assert.deepEqual(commoditySelection(xlsx!.notes), {
        selectType: 'Select Individual Commodities',
        listed: 40,
        level: '10',
      });
      assert.equal(commoditySelection(csv!.notes), null);
      assert.equal(
        commoditySelection([
          'commodities: Use All Commodities, 0 in the list, at 2 digits (Break Out Commodities)',
        ]),
        null,
      );
    } finally {
      store.close();
    }
  });
});
