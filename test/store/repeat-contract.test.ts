import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import XLSX from '@e965/xlsx';
import { RAW_VALUES, readWorkbook } from '../../src/sources/read-workbook.ts';
import { TABLES } from '../../src/model/tables.ts';
import type { Store } from '../../src/store/open-store.ts';
import { parseCsv, socrataRows } from '../sync/fake-publisher.ts';
import { fixtureStore } from '../fixture-database.ts';
import { dataFile, ingest, memoryStore, query, scratch } from '../helpers.ts';

/**
 * The contract every reader and the store keep together: a file that states some of its rows
 * twice gives exactly the figures of the file that states them once. Each case repeats rows
 * of a real bundle file (in every format a reader accepts) in a scratch folder. Formats keyed
 * by JSON object members (the TransBorder and Schedule D code lists) cannot repeat a key.
 * CBP wait-time readers are not covered here: they refuse a repeated observation (another
 * change reworks them). Nor are the USITC DataWeb workbook and tariff database, whose
 * workbooks take too long to rewrite for the suite (the DataWeb CSV is covered).
 */

const PARQUET = dataFile('census/api-extracts/imports-hs10-2024/2024-hs10-imports2010.parquet');
const SAMPLE = dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv');
const POPULATION = dataFile('reference/population/population.csv');

/** Delimited text: three complete data lines (a quarter, half and three quarters in) twice. */
function repeatLines(text: string, isData: (line: string) => boolean): string {
  const lines = text.split('\n');
  const data = lines.map((l, i) => (isData(l) ? i : -1)).filter((i) => i > 0);
  assert.ok(data.length >= 4, 'the file has data lines to repeat');
  const picks = new Set([1, 2, 3].map((q) => data[Math.floor((data.length * q) / 4)]!));
  return lines.flatMap((l, i) => (picks.has(i) ? [l, l] : [l])).join('\n');
}

/** A line of a delimited file that holds one whole record (as many fields as the header). */
function wholeRecord(header: string, delimiter: string): (line: string) => boolean {
  const fields = (l: string) => {
    if (delimiter !== ',') return l.split(delimiter).length;
    const s = l.replace(/\r$/, '');
    // Without quotes (or a comment mark, a byte-order mark, nothing) parseCsv splits at every
    // comma: the same count, without its character-by-character walk over large files.
    if (s !== '' && !s.includes('"') && !s.startsWith('#') && !s.startsWith('\uFEFF'))
      return s.split(',').length;
    return parseCsv(s)[0]?.length ?? 0;
  };
  const n = fields(header);
  return (l) =>
    l !== header && (l.match(/"/g)?.length ?? 0) % 2 === 0 && l.trim() !== '' && fields(l) === n;
}

function delimitedCase(rel: string, headerAt = 0) {
  return {
    name: rel,
    build: async (path: string) => {
      const text = readFileSync(dataFile(rel), 'utf8');
      const header = text.split('\n')[headerAt]!;
      const delimiter = header.includes('|') ? '|' : ',';
      await writeFile(path, repeatLines(text, wholeRecord(header, delimiter)));
    },
    source: dataFile(rel),
  };
}

/** JSON: three elements of the document's array of records twice. */
function repeatElements<T>(rows: T[]): T[] {
  const picks = new Set([1, 2, 3].map((q) => Math.floor((rows.length * q) / 4)));
  return rows.flatMap((r, i) => (picks.has(i) ? [r, r] : [r]));
}

/** Runs `sql` on a DuckDB of its own, closed afterwards. */
async function rawDuck<T>(sql: (c: DuckDBConnection) => Promise<T>): Promise<T> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    return await sql(c);
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/** A value computed once (each JSON case builds its document twice: repeated and plain). */
function once<T>(make: () => T): () => T {
  let v: { value: T } | undefined;
  return () => (v ??= { value: make() }).value;
}

/** The Census API's own array for Mexico, December 2024 (as census-api-json.test.ts builds it). */
const apiArray = once(async (): Promise<string[][]> => {
  const r = await rawDuck((c) =>
    c.runAndReadAll(
      `SELECT CTY_CODE, CTY_NAME, I_COMMODITY, CON_VAL_YR, CAL_DUT_YR, strftime(CAST(time AS TIMESTAMP), '%Y-%m') FROM '${PARQUET}' ORDER BY I_COMMODITY`,
    ),
  );
  const header = ['CTY_CODE', 'CTY_NAME', 'I_COMMODITY', 'CON_VAL_YR', 'CAL_DUT_YR', 'time'];
  return [header, ...(r.getRowsJS() as unknown[][]).map((row) => row.map(String))];
});

const sampleRows = once(() => socrataRows(SAMPLE));
const populationRows = once(() => parseCsv(readFileSync(POPULATION, 'utf8')).slice(1));

function worldBank(rows: string[][]): unknown {
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
  const meta = { page: 1, pages: 1, per_page: data.length, total: data.length, sourceid: '2' };
  return [meta, data];
}

/**
 * country.xlsx, cut to its first 400 partner-years (reading the whole workbook twice would
 * dominate the suite), with three of them twice when `repeat`. Cells keep their types.
 */
const countrySheet = once(() => {
  // Cell values only (the rows sheet_to_json gives are the same, for half the CPU).
  const wb = readWorkbook(dataFile('census/country-2018-10.xlsx'), {
    ...RAW_VALUES,
    sheetRows: 401,
  });
  const name = wb.SheetNames[0]!;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, {
    header: 1,
    raw: true,
    defval: null,
  });
  return { name, rows };
});

function countryXlsx(dest: string, repeat: boolean): void {
  const { name, rows } = countrySheet();
  const out = repeat ? [rows[0]!, ...repeatElements(rows.slice(1))] : rows;
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(out), name);
  // The ES module build of SheetJS 0.20 has no file system access: write the bytes here.
  writeFileSync(dest, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}

interface Case {
  name: string;
  source: string;
  build: (path: string) => Promise<void>;
  /** The file name the repeated copy gets, when its reader reads the name (vintages). */
  file?: string;
}

const CASES: Case[] = [
  delimitedCase('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv'),
  delimitedCase('bts/transborder/2015-01/dot3_0115.csv'),
  delimitedCase('fred/EXPCH.csv'),
  delimitedCase('reference/population/population.csv'),
  delimitedCase('reference/us-states/us-state-ansi-fips.csv', 1),
  delimitedCase('reference/countries/census_cty_codes_from_country_xlsx.csv'),
  delimitedCase('reference/countries/country-codes.csv'),
  delimitedCase('reference/hs/harmonized-system.csv'),
  delimitedCase('reference/hs/sections.csv'),
  delimitedCase('reference/bec/HS2017_to_BEC4_UNSD.csv'),
  delimitedCase('reference/bec/BEC4_descriptions.csv'),
  delimitedCase('reference/bec/BEC4_to_SNA_enduse_HANDAUTHORED.csv'),
  delimitedCase('census/schedule-c/schedule-c-2021-01-27.txt', 3),
  delimitedCase('tariffs/budget-lab/s301_product_lists.csv'),
  delimitedCase('tariffs/budget-lab/s232_annex_products.csv'),
  delimitedCase('tariffs/budget-lab/usmca_product_shares_2024.csv'),
  delimitedCase('tariffs/budget-lab/chapter99_raw.csv'),
  delimitedCase('usitc/dataweb/total-exports-to-mexico-by-hts2-1996-2018.csv'),
  {
    name: 'BTS Border Crossing Socrata JSON',
    source: 'keg4-3bc2-2024.json',
    build: (p) => writeFile(p, JSON.stringify(repeatElements(sampleRows()))),
  },
  {
    name: 'Census API JSON',
    source: 'imports-hs-2010.json',
    build: async (p) => {
      const [header, ...rows] = await apiArray();
      await writeFile(p, JSON.stringify([header, ...repeatElements(rows)]));
    },
  },
  {
    name: 'World Bank JSON',
    source: 'sp-pop-totl.json',
    build: (p) => writeFile(p, JSON.stringify(worldBank(repeatElements(populationRows())))),
  },
  {
    name: 'Census API Parquet',
    source: PARQUET,
    file: basename(PARQUET),
    build: async (p) => {
      await rawDuck((c) =>
        c.run(`COPY (SELECT * FROM (SELECT * FROM '${PARQUET}' UNION ALL
        (SELECT * FROM '${PARQUET}' ORDER BY I_COMMODITY LIMIT 3)) ORDER BY I_COMMODITY)
        TO '${p}' (FORMAT parquet)`),
      );
    },
  },
  {
    name: 'Census API CSV',
    source: 'imports-hs-2010.csv',
    build: async (p) => {
      await rawDuck((c) =>
        c.run(`COPY (SELECT * FROM (SELECT * FROM '${PARQUET}' UNION ALL
        (SELECT * FROM '${PARQUET}' ORDER BY I_COMMODITY LIMIT 3)) ORDER BY I_COMMODITY)
        TO '${p}' (FORMAT csv, HEADER)`),
      );
    },
  },
  {
    name: 'Census country.xlsx',
    source: 'country-2018-10.xlsx',
    file: 'country-2018-10.xlsx',
    build: async (p) => countryXlsx(p, true),
  },
];

/** Every table's default view, as a count and an order-free fingerprint of its rows. */
async function figures(store: Store): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of Object.keys(TABLES)) {
    const r = await store.conn.runAndReadAll(
      `SELECT count(*)::VARCHAR || ' rows, ' || coalesce(sum(hash(t))::VARCHAR, '-')
       FROM (SELECT * EXCLUDE (source_file_id) FROM ${t}) t`,
    );
    const v = String(r.getRowsJS()[0]?.[0]);
    if (!v.startsWith('0 rows')) out[t] = v;
  }
  return out;
}

describe('a file whose rows are repeated gives the same figures, for every source', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ dir, cleanup } = await scratch()));
  after(() => cleanup());

  for (const [n, c] of CASES.entries()) {
    it(c.name, async () => {
      const sub = join(dir, String(n));
      await mkdir(sub);
      const repeated = join(sub, c.file ?? `repeated-${basename(c.source)}`);
      await c.build(repeated);
      // The original: the bundle file, or the same JSON built without repeats.
      let original = c.source;
      if (!original.startsWith('/')) {
        await mkdir(join(sub, 'once'));
        original = join(sub, 'once', c.source);
        await buildPlain(c, original);
      }
      // A bundle file loaded as it is: the shared fixture database of it (built once per
      // change to src/ by the same ingestFile), read-only. A document built here: loaded here.
      const bundled = original === c.source;
      const once = bundled ? await fixtureStore([original]) : await memoryStore();
      const twice = await memoryStore();
      try {
        const a = bundled
          ? await query(once, 'SELECT source FROM source_file')
          : (await ingest(once, original)).map((o) => ({ source: o.source }));
        assert.equal(a.length, 1);
        const [b] = await ingest(twice, repeated);
        assert.equal(b?.source, a[0]?.source);
        const want = await figures(once);
        assert.ok(Object.keys(want).length > 0, 'the file loads rows');
        assert.deepEqual(await figures(twice), want);
      } finally {
        once.close();
        twice.close();
      }
    });
  }
});

/** The same JSON document as a case builds, with no row repeated. */
async function buildPlain(c: Case, path: string): Promise<void> {
  if (c.name.startsWith('BTS')) return writeFile(path, JSON.stringify(sampleRows()));
  if (c.name === 'Census API JSON') return writeFile(path, JSON.stringify(await apiArray()));
  if (c.name === 'Census country.xlsx') return countryXlsx(path, false);
  if (c.name === 'World Bank JSON')
    return writeFile(path, JSON.stringify(worldBank(populationRows())));
  const fmt = path.endsWith('.csv') ? '(FORMAT csv, HEADER)' : '(FORMAT parquet)';
  await rawDuck((conn) =>
    conn.run(`COPY (SELECT * FROM '${PARQUET}' ORDER BY I_COMMODITY) TO '${path}' ${fmt}`),
  );
}
