import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../src/model/input-error.ts';
import type { ModelTable } from '../../src/model/tables.ts';
import { sampleFile } from '../../src/sources/sample-file.ts';
import { SOURCES } from '../../src/sources/registry.ts';
import { detectSource } from '../../src/store/ingest-file.ts';
import type { Store } from '../../src/store/open-store.ts';
import { dataFile, ingest, memoryStore, query, scalar, scratch } from '../helpers.ts';

/** Every reference file, the table it fills, and its data rows counted here in plain JS. */
const FILES: { rel: string; table: ModelTable; rows: (text: string) => number }[] = [
  { rel: 'census/schedule-c/schedule-c-2021-01-27.txt', table: 'census_partner', rows: scheduleC },
  {
    rel: 'reference/countries/census_cty_codes_from_country_xlsx.csv',
    table: 'census_partner_aggregate',
    rows: csvRows,
  },
  { rel: 'reference/countries/country-codes.csv', table: 'country', rows: csvRows },
  // The one TOTAL row (level 5) is the root of the tree, documented as not loaded.
  {
    rel: 'reference/hs/harmonized-system.csv',
    table: 'hs_product',
    rows: (t) => csvRows(t) - exactlyOne(csvData(t).filter((f) => f[1] === 'TOTAL')),
  },
  { rel: 'reference/hs/sections.csv', table: 'hs_section', rows: csvRows },
  // The 2022 file ends in 265 ",," lines: spreadsheet padding, not mappings.
  {
    rel: 'reference/bec/HS2022_to_BEC4_UNSD.csv',
    table: 'hs_bec',
    rows: (t) => csvData(t).filter((f) => f[0] !== '').length,
  },
  { rel: 'reference/bec/HS2017_to_BEC4_UNSD.csv', table: 'hs_bec', rows: csvRows },
  { rel: 'reference/bec/BEC4_descriptions.csv', table: 'bec_category', rows: csvRows },
  {
    rel: 'reference/bec/BEC4_to_SNA_enduse_HANDAUTHORED.csv',
    table: 'bec_end_use',
    rows: csvRows,
  },
  { rel: 'reference/us-states/us-state-ansi-fips.csv', table: 'us_state', rows: csvRows },
  { rel: 'bts/transborder/codes/schedule_d_port_codes.json', table: 'port', rows: jsonKeys },
  { rel: 'bts/transborder/codes/port_coordinates.json', table: 'port', rows: jsonKeys },
  { rel: 'bts/transborder/codes/mode_codes.json', table: 'region', rows: jsonKeys },
  { rel: 'bts/transborder/codes/mexican_state_codes.json', table: 'region', rows: jsonKeys },
  { rel: 'bts/transborder/codes/canadian_province_codes.json', table: 'region', rows: jsonKeys },
  { rel: 'bts/transborder/codes/state_codes.json', table: 'region', rows: jsonKeys },
  { rel: 'reference/population/population.csv', table: 'population', rows: csvRows },
];
const CROSSINGS = 'bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv';

/** Splits one CSV line on commas outside quotes (these files have no multi-line fields). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of line.replace(/\r$/, '')) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  return [...out, cur];
}

/** Data lines after the header (and any `#` comment lines), BOM dropped, split into fields. */
function csvData(text: string): string[][] {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  const header = lines.findIndex((l) => !l.startsWith('#'));
  return lines
    .slice(header + 1)
    .filter((l) => l.trim() !== '')
    .map(fields);
}

function csvRows(text: string): number {
  return csvData(text).length;
}

function jsonKeys(text: string): number {
  return Object.keys(JSON.parse(text) as object).filter((k) => !k.startsWith('_')).length;
}

function scheduleC(text: string): number {
  return text.split('\n').filter((l) => /^\d{4}\s+\|/.test(l)).length;
}

function exactlyOne(rows: unknown[]): number {
  assert.equal(rows.length, 1);
  return 1;
}

describe('reference code lists', () => {
  let store: Store;
  let loaded: Awaited<ReturnType<typeof ingest>>;
  before(async () => {
    store = await memoryStore();
    loaded = await ingest(store, ...FILES.map((f) => dataFile(f.rel)), dataFile(CROSSINGS));
  });
  after(() => store.close());

  it('recognises each file as its own source, with a vintage and series', () => {
    const seen = loaded.map((o) => `${o.source}:${o.series}@${o.vintage}`);
    assert.ok(seen.includes('census-schedule-c:schedule-c@2021-01-27'));
    assert.ok(seen.includes('hs-bec-concordance:HS2022@undated'));
    assert.ok(seen.includes('hs-bec-concordance:HS2017@undated'));
    assert.ok(seen.includes('port-coordinates:keg4-3bc2-mexico@2026-03-22'));
    assert.ok(seen.includes('world-population:SP.POP.TOTL@2024'));
    for (const list of ['mode', 'mexican_state', 'canadian_province', 'us_state_code']) {
      assert.ok(seen.includes(`transborder-codes:${list}@undated`), list);
    }
  });

  for (const f of FILES) {
    it(`loads every data row of ${f.rel}`, async () => {
      const expected = f.rows(await readFile(dataFile(f.rel), 'utf8'));
      const id = loaded[FILES.indexOf(f)]?.sourceFileId;
      const got = await scalar(
        store,
        `SELECT count(*) FROM ${f.table}_all WHERE source_file_id = ${id} AND current`,
      );
      assert.equal(got, BigInt(expected));
    });
  }

  it('maps Census partners to ISO codes and Spanish names through the partner view', async () => {
    const [mx] = await query(store, `SELECT * FROM partner WHERE partner_code = '2010'`);
    assert.equal(mx?.iso3, 'MEX');
    assert.match(String(mx?.name_es), /México/);
    const cn = await scalar(store, `SELECT iso3 FROM partner WHERE partner_code = '5700'`);
    assert.equal(cn, 'CHN');
  });

  it('flags Census aggregates from the country.xlsx code list', async () => {
    const agg = await scalar(
      store,
      `SELECT is_aggregate FROM census_partner_aggregate WHERE partner_code = '0015'`,
    );
    assert.equal(agg, true);
  });

  it('reads the overflowing Congo line of Schedule C by its fixed columns', async () => {
    const [cd] = await query(store, `SELECT * FROM census_partner WHERE partner_code = '7660'`);
    assert.equal(cd?.iso2, 'CD');
    assert.equal(cd?.name, 'Congo, Democratic Republic of the Congo');
  });

  it('describes HS headings', async () => {
    const d = await scalar(store, `SELECT description FROM hs_product WHERE hs_code = '8703'`);
    assert.match(String(d), /Motor cars/);
  });

  it('takes HS6 870323 to its BEC class and SNA end use as the CSVs say', async () => {
    const hsBec = csvData(
      await readFile(dataFile('reference/bec/HS2022_to_BEC4_UNSD.csv'), 'utf8'),
    );
    const endUse = csvData(
      await readFile(dataFile('reference/bec/BEC4_to_SNA_enduse_HANDAUTHORED.csv'), 'utf8'),
    );
    const becs = hsBec.filter((r) => r[0] === '870323').map((r) => r[1]);
    const expected = becs.map((b) => endUse.find((r) => r[0] === b)?.[2]).sort();
    assert.ok(expected.length > 0);
    const rows = await query(
      store,
      `SELECT e.end_use FROM hs_bec b JOIN bec_end_use e USING (bec_code)
       WHERE b.hs_edition = '2022' AND b.hs6 = '870323' ORDER BY e.end_use`,
    );
    assert.deepEqual(
      rows.map((r) => r.end_use),
      expected,
    );
  });

  it('knows Texas by FIPS and USPS code', async () => {
    const [tx] = await query(store, `SELECT fips, usps FROM us_state WHERE name = 'Texas'`);
    assert.deepEqual(tx, { fips: '48', usps: 'TX' });
  });

  it('gives Laredo 2304 a Schedule D name and district and BTS coordinates', async () => {
    const [p] = await query(store, `SELECT * FROM port_directory WHERE port_code = '2304'`);
    assert.equal(p?.name, 'Laredo');
    assert.equal(p?.district, 'Laredo, TX');
    assert.ok(Number(p?.latitude) > 27 && Number(p?.latitude) < 28);
    assert.ok(Number(p?.longitude) > -100 && Number(p?.longitude) < -99);
    assert.equal(p?.border, 'mexico');
  });

  it('places a Canadian port too (Blaine 3004)', async () => {
    const [p] = await query(store, `SELECT * FROM port_directory WHERE port_code = '3004'`);
    assert.equal(p?.name, 'Blaine');
    assert.equal(p?.district, 'Seattle, WA');
    assert.equal(p?.border, 'canada');
    assert.ok(Number(p?.latitude) > 48 && Number(p?.latitude) < 50);
  });

  it("stores Mexico's 2022 population as the file gives it", async () => {
    const rows = csvData(await readFile(dataFile('reference/population/population.csv'), 'utf8'));
    const value = rows.find((r) => r[1] === 'MEX' && r[2] === '2022')?.[3];
    assert.ok(value);
    const got = await scalar(
      store,
      `SELECT population FROM population WHERE iso3 = 'MEX' AND year = 2022`,
    );
    assert.equal(got, BigInt(value));
  });

  it('tells the transborder code lists apart by content, not by file name', async () => {
    const { dir, cleanup } = await scratch();
    try {
      const path = join(dir, 'mode_codes.json');
      await writeFile(
        path,
        await readFile(dataFile('bts/transborder/codes/mexican_state_codes.json')),
      );
      const sample = await sampleFile(path);
      const fx = await detectSource(sample, SOURCES).read(sample);
      assert.equal(fx.series, 'mexican_state');
    } finally {
      await cleanup();
    }
  });

  describe('corrupt copies are rejected whole', () => {
    let dir: string;
    let cleanup: () => Promise<void>;
    before(async () => ({ dir, cleanup } = await scratch()));
    after(() => cleanup());

    const fingerprint = () =>
      query(
        store,
        `SELECT (SELECT count(*) FROM source_file) AS files,
                (SELECT count(*) FROM population_all) AS population,
                (SELECT count(*) FROM census_partner_all) AS partners`,
      );

    async function rejected(name: string, content: string) {
      const path = join(dir, name);
      await writeFile(path, content);
      const before_ = await fingerprint();
      const err = await ingest(store, path).then(
        () => assert.fail(`${name} was accepted`),
        (e: unknown) => e,
      );
      assert.ok(err instanceof InputError, String(err));
      assert.deepEqual(await fingerprint(), before_, 'the database changed');
      return { path, err };
    }

    it('a non-numeric population Value names file, line, column and value', async () => {
      const lines = (await readFile(dataFile('reference/population/population.csv'), 'utf8')).split(
        '\n',
      );
      const n = lines.findIndex((l) => l.startsWith('Mexico,MEX,2022,'));
      lines[n] = (lines[n] ?? '').replace(/,(\d+)(\r?)$/, ',12x45$2');
      const { path, err } = await rejected('population.csv', lines.join('\n'));
      const p = err.problems[0];
      assert.equal(p?.file, path);
      assert.equal(p?.line, n + 1);
      assert.equal(p?.column, 'Value');
      assert.equal(p?.value, '12x45');
      assert.equal(err.total, 1);
    });

    it('a Schedule C line that does not fit the layout is reported by line number', async () => {
      const lines = (
        await readFile(dataFile('census/schedule-c/schedule-c-2021-01-27.txt'), 'utf8')
      ).split('\n');
      const n = lines.findIndex((l) => l.startsWith('2010 '));
      lines[n] = (lines[n] ?? '').replace(/\| MX$/, '| M3');
      const { path, err } = await rejected('schedule-c.txt', lines.join('\n'));
      assert.equal(err.problems[0]?.file, path);
      assert.equal(err.problems[0]?.line, n + 1);
      assert.equal(err.problems[0]?.column, 'ISO Code');
    });
  });
});
