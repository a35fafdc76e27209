import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import XLSX from '@e965/xlsx';
import { readWorkbook } from '../../src/sources/read-workbook.ts';
import { InputError } from '../../src/model/input-error.ts';
import type { ProblemCode } from '../../src/model/problem.ts';
import { SOURCES } from '../../src/sources/registry.ts';
import { SCHEDULE_C_NAMES, scheduleCCountry } from '../../src/sources/schedule-c-names.ts';
import { sampleFile } from '../../src/sources/sample-file.ts';
import { detectSource } from '../../src/store/ingest-file.ts';
import type { Store } from '../../src/store/open-store.ts';
import { dataFile, ingest, memoryStore, query, scalar, scratch } from '../helpers.ts';

const XLSX_FILE = dataFile('usitc/dataweb/imports-hts10-2024-grid-goods.xlsx');
const CSV_FILE = dataFile('usitc/dataweb/total-exports-to-mexico-by-hts2-1996-2018.csv');

type Row = unknown[];

/** The oracle: the workbook's own cells, read with the xlsx package, not through the reader. */
const workbook = readWorkbook(XLSX_FILE);
function sheetRows(name: string): Row[] {
  return XLSX.utils.sheet_to_json<Row>(workbook.Sheets[name]!, { header: 1, defval: null });
}
/** The data rows of a measure sheet: DataWeb's closing "Total:" row is not one. */
function dataRows(name: string): Row[] {
  return sheetRows(name)
    .slice(1)
    .filter((r) => String(r[0]).trim() !== 'Total:');
}
const MEASURE_SHEETS = workbook.SheetNames.filter((n) => n !== 'Query Parameters');

describe('USITC DataWeb downloads (query xlsx and wide CSV)', () => {
  let store: Store;
  let loaded: Awaited<ReturnType<typeof ingest>>;
  before(async () => {
    store = await memoryStore();
    loaded = await ingest(store, XLSX_FILE, CSV_FILE);
  });
  after(() => store.close());

  it('recognises both by content, the xlsx dated by the download date it records', async () => {
    assert.deepEqual(
      loaded.map((o) => `${o.source}:${o.series}@${o.vintage}`),
      ['usitc-dataweb:dataweb@2025-04-22', 'usitc-dataweb:dataweb@undated'],
    );
    // Not by name: the same bytes under a name that says nothing are still recognised.
    const { dir, cleanup } = await scratch();
    try {
      const anon = join(dir, 'download.bin');
      await writeFile(anon, await readFile(XLSX_FILE));
      assert.equal(detectSource(await sampleFile(anon), SOURCES).id, 'usitc-dataweb');
    } finally {
      await cleanup();
    }
  });

  it('loads one row per data row of every measure sheet, zeros included', async () => {
    const expected = MEASURE_SHEETS.reduce((n, s) => n + dataRows(s).length, 0);
    assert.equal(expected, 44_267);
    assert.deepEqual(loaded[0]!.rows, { dataweb_product: expected });
    const zeros = dataRows('Calculated Duties').filter((r) => r[6] === 0).length;
    assert.equal(zeros, 2_172);
    assert.equal(
      await scalar(
        store,
        `SELECT count(*)::INTEGER FROM dataweb_product WHERE measure = 'calculated_duty' AND value = 0`,
      ),
      zeros,
    );
  });

  it('reproduces each sheet to the dollar, and its "Total:" row', async () => {
    const measures: Record<string, string> = {
      'Customs Value': 'customs_value',
      'Landed Duty-Paid Value': 'landed_duty_paid_value',
      'Dutiable Value': 'dutiable_value',
      'Calculated Duties': 'calculated_duty',
      'Import Charges': 'charges_insurance_freight',
      'CIF Import Value': 'cif_value',
    };
    for (const [sheet, measure] of Object.entries(measures)) {
      const total = sheetRows(sheet).find((r) => String(r[0]).trim() === 'Total:')![6];
      const stored = await scalar(
        store,
        `SELECT sum(value)::BIGINT FROM dataweb_product WHERE measure = '${measure}'`,
      );
      assert.equal(stored, BigInt(String(total).replaceAll(',', '')), sheet);
    }
    assert.equal(
      await scalar(
        store,
        `SELECT sum(value)::BIGINT FROM dataweb_product WHERE measure = 'customs_value'`,
      ),
      72_806_911_050n,
    );
  });

  it("resolves DataWeb's country names to Schedule C codes: Mexico and South Korea", async () => {
    for (const [name, code] of [
      ['Mexico', '2010'],
      ['South Korea', '5800'],
    ] as const) {
      const fromFile = dataRows('Customs Value')
        .filter((r) => r[1] === name)
        .reduce((a, r) => a + BigInt(r[6] as number), 0n);
      const [ours] = await query(
        store,
        `SELECT any_value(partner_name) AS name, sum(value)::VARCHAR AS v FROM dataweb_product
         WHERE measure = 'customs_value' AND partner_code = '${code}'`,
      );
      assert.deepEqual(ours, { name, v: String(fromFile) });
    }
    assert.equal(
      await scalar(
        store,
        `SELECT value FROM dataweb_product WHERE partner_code = '2010' AND hs_code = '8537109170'
         AND measure = 'customs_value'`,
      ),
      4_873_180_766n,
    );
    const countries = new Set(dataRows('Customs Value').map((r) => r[1]));
    assert.equal(
      await scalar(
        store,
        `SELECT count(DISTINCT partner_code)::INTEGER FROM dataweb_product
         WHERE flow = 'import_consumption'`,
      ),
      countries.size,
    );
    assert.equal(
      await scalar(
        store,
        `SELECT count(*)::INTEGER FROM dataweb_product WHERE partner_code IS NULL`,
      ),
      0,
    );
  });

  it('keeps the measures apart: CIF = customs value + charges, landed = CIF + duty, row by row', async () => {
    const breaks = await scalar(
      store,
      `WITH w AS (
         PIVOT (SELECT partner_code, hs_code, measure, value FROM dataweb_product
                WHERE flow = 'import_consumption')
         ON measure USING any_value(value))
       SELECT count(*)::INTEGER FROM w
       WHERE cif_value <> customs_value + charges_insurance_freight
          OR landed_duty_paid_value <> cif_value + calculated_duty
          OR dutiable_value > customs_value`,
    );
    assert.equal(breaks, 0);
  });

  it('stores quantities with their unit and suppression flag, HTS10 codes as text', async () => {
    const rows = await query(
      store,
      `SELECT measure, unit, count(*)::INTEGER AS n, bool_or(suppressed) AS any_suppressed
       FROM dataweb_product WHERE measure LIKE '%quantity' GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    const units = (sheet: string) => {
      const n = new Map<string, number>();
      for (const r of dataRows(sheet)) n.set(String(r[5]), (n.get(String(r[5])) ?? 0) + 1);
      return n;
    };
    const first = units('First Unit of Quantity');
    assert.deepEqual(rows, [
      {
        measure: 'first_quantity',
        unit: 'kilograms',
        n: first.get('kilograms'),
        any_suppressed: false,
      },
      { measure: 'first_quantity', unit: 'number', n: first.get('number'), any_suppressed: false },
      { measure: 'second_quantity', unit: 'watts', n: 69, any_suppressed: false },
    ]);
    const [money] = await query(
      store,
      `SELECT count(*) FILTER (WHERE unit <> 'USD' OR suppressed IS NOT NULL)::INTEGER AS odd,
              min(length(hs_code))::INTEGER AS lo, max(length(hs_code))::INTEGER AS hi,
              min(period_start)::VARCHAR AS s, max(period_end)::VARCHAR AS e
       FROM dataweb_product WHERE flow = 'import_consumption' AND measure NOT LIKE '%quantity'`,
    );
    assert.deepEqual(money, { odd: 0, lo: 10, hi: 10, s: '2024-01-01', e: '2024-12-01' });
  });

  it('records the query in the file notes', async () => {
    const notes = loaded[0]!.notes.join('\n');
    assert.match(notes, /downloaded 2025-04-22 14:51/);
    assert.match(notes, /trade flow "Imports For Consumption" \(import_consumption\)/);
    assert.match(notes, /years 2024 \(Annual\)/);
    assert.match(notes, /40 in the list, at 10 digits/);
    assert.match(notes, /zero figures kept/);
  });

  it('reads the wide CSV: US total exports to Mexico by HTS2, 1996–2018', async () => {
    const fas = (hs: string, year: number) =>
      scalar(
        store,
        `SELECT value FROM dataweb_product WHERE flow = 'export' AND partner_code = '2010'
         AND measure = 'fas_value' AND hs_code = '${hs}' AND year(period_start) = ${year}`,
      );
    assert.equal(await fas('87', 2018), 22_153_042_018n);
    assert.equal(await fas('87', 1996), 5_501_249_208n);
    assert.equal(await fas('76', 2018), 4_391_475_233n);
    const lines = (await readFile(CSV_FILE, 'utf8')).trim().split('\n').length - 1;
    assert.equal(lines, 97);
    const [shape] = await query(
      store,
      `SELECT count(*)::INTEGER AS n, count(DISTINCT hs_code)::INTEGER AS codes,
              min(hs_code) AS lo, min(period_start)::VARCHAR AS s, max(period_end)::VARCHAR AS e,
              any_value(partner_name) AS name, count(DISTINCT measure)::INTEGER AS measures
       FROM dataweb_product WHERE flow = 'export'`,
    );
    assert.deepEqual(shape, {
      n: lines * 23,
      codes: lines,
      lo: '01',
      s: '1996-01-01',
      e: '2018-12-01',
      name: 'Mexico',
      measures: 1,
    });
    assert.match(loaded[1]!.notes.join('\n'), /partner Mexico \(2010\) taken from the file name/);
  });

  it('never mixes with the Census API figures in trade_product', async () => {
    assert.equal(await scalar(store, `SELECT count(*)::INTEGER FROM trade_product_all`), 0);
  });

  it('ingesting the same files again changes nothing', async () => {
    const rows = await scalar(store, `SELECT count(*)::INTEGER FROM dataweb_product_all`);
    const again = await ingest(store, XLSX_FILE, CSV_FILE);
    assert.deepEqual(
      again.map((o) => o.status),
      ['unchanged', 'unchanged'],
    );
    assert.equal(await scalar(store, `SELECT count(*)::INTEGER FROM dataweb_product_all`), rows);
  });
});

/** A workbook of the query sheet and one measure sheet, edited; as DataWeb would give one measure. */
describe('the Schedule C names DataWeb partners are resolved through', () => {
  it('are the codes and names of the Schedule C file in the bundle', async () => {
    const store = await memoryStore();
    try {
      await ingest(store, dataFile('census/schedule-c/schedule-c-2021-01-27.txt'));
      const loaded = await query(store, `SELECT partner_code, name FROM census_partner ORDER BY 1`);
      assert.deepEqual(
        SCHEDULE_C_NAMES.map(([code, name]) => ({
          partner_code: code,
          // The file cuts this one name short ("… (formerly Za"); the reader drops the stub.
          name: name.replace(' (formerly Zaire)', ''),
        })),
        loaded,
      );
    } finally {
      store.close();
    }
  });

  it('resolve every name and spelling to its own code, and an ambiguous one to none', () => {
    for (const [code, ...names] of SCHEDULE_C_NAMES)
      for (const n of names) assert.equal(scheduleCCountry(n)?.code, code, n);
    assert.equal(scheduleCCountry('Myanmar (Burma)')?.code, '5460');
    assert.equal(scheduleCCountry('Côte d`Ivoire')?.code, '7480');
    assert.equal(scheduleCCountry('Congo'), undefined);
  });
});

function oneMeasureWorkbook(sheet: string, edit: (rows: Row[], query: Row[]) => void): Buffer {
  const query = sheetRows('Query Parameters');
  const rows = sheetRows(sheet);
  edit(rows, query);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(query), 'Query Parameters');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), sheet);
  return XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}

describe('a newer DataWeb download supersedes an older one figure by figure', () => {
  it('replaces the customs values it covers and leaves the other measures current', async () => {
    const store = await memoryStore();
    const { dir, cleanup } = await scratch();
    try {
      await ingest(store, XLSX_FILE);
      const newer = join(dir, 'customs-value-later.xlsx');
      await writeFile(
        newer,
        oneMeasureWorkbook('Customs Value', (rows, q) => {
          q[0]![1] = (q[0]![1] as number) + 30; // downloaded a month later
          const mexico = rows.find((r) => r[1] === 'Mexico' && r[3] === '8537109170')!;
          mexico[6] = 4_900_000_000;
          rows.splice(rows.length - 1, 1); // the Total: row, which no longer adds up
        }),
      );
      const [outcome] = await ingest(store, newer);
      assert.equal(outcome!.vintage, '2025-05-22');
      const [now] = await query(
        store,
        `SELECT value::VARCHAR AS v FROM dataweb_product WHERE partner_code = '2010'
         AND hs_code = '8537109170' AND measure = 'customs_value'`,
      );
      assert.deepEqual(now, { v: '4900000000' });
      const byFile = await query(
        store,
        `SELECT f.vintage, count(*) FILTER (WHERE current)::INTEGER AS current,
                count(*)::INTEGER AS rows
         FROM dataweb_product_all t JOIN source_file f ON f.id = t.source_file_id
         GROUP BY 1 ORDER BY 1`,
      );
      // The old file keeps its seven other measures current; all its customs values are replaced.
      assert.deepEqual(byFile, [
        { vintage: '2025-04-22', current: 44_267 - 6_314, rows: 44_267 },
        { vintage: '2025-05-22', current: 6_314, rows: 6_314 },
      ]);
    } finally {
      store.close();
      await cleanup();
    }
  });
});

describe('bad DataWeb input is reported precisely and stores nothing', () => {
  let store: Store;
  let dir: string;
  let cleanup: () => Promise<void>;
  let csvLines: string[];
  let before_: unknown;

  const fingerprint = () =>
    query(
      store,
      `SELECT (SELECT count(*) FROM source_file) AS files,
              (SELECT count(*) FROM dataweb_product_all) AS rows,
              (SELECT sum(value) FROM dataweb_product_all) AS total`,
    );

  before(async () => {
    ({ dir, cleanup } = await scratch());
    store = await memoryStore();
    await ingest(store, CSV_FILE);
    csvLines = (await readFile(CSV_FILE, 'utf8')).split('\n');
    before_ = await fingerprint();
  });
  after(async () => {
    store.close();
    await cleanup();
  });

  async function expectRejected(
    name: string,
    content: string | Buffer,
    code: ProblemCode,
    where: { line?: number; column?: string; value?: string },
  ): Promise<InputError> {
    const path = join(dir, name);
    await writeFile(path, content);
    const err = await ingest(store, path).then(
      () => assert.fail(`${name} was accepted`),
      (e: unknown) => e,
    );
    assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
    const p = err.problems.find((x) => x.code === code);
    assert.ok(p, `no ${code} problem in: ${err.message}`);
    assert.equal(p.file, path);
    if (where.line !== undefined) assert.equal(p.line, where.line);
    if (where.column !== undefined) assert.equal(p.column, where.column);
    if (where.value !== undefined) assert.equal(p.value, where.value);
    assert.deepEqual(await fingerprint(), before_, 'the database changed');
    return err;
  }

  /** Line n (1-based, the header is line 1) with its fields edited. */
  const csvWith = (n: number, edit: (fields: string[]) => string[]) =>
    csvLines.map((l, i) => (i === n - 1 ? edit(l.split(',')).join(',') : l)).join('\n');

  it('xlsx: a measure sheet whose header is wrong', async () => {
    const err = await expectRejected(
      'hts-code.xlsx',
      oneMeasureWorkbook('Customs Value', (rows) => {
        rows[0]![3] = 'HTS Code';
      }),
      'bad-header',
      { line: 1, column: 'Customs Value!HTS Number', value: 'HTS Code' },
    );
    assert.match(err.message, /sheet "Customs Value"/);
  });

  it('xlsx: a value that is not a number', async () => {
    await expectRejected(
      'nan.xlsx',
      oneMeasureWorkbook('Calculated Duties', (rows) => {
        rows[4]![6] = '12x4';
      }),
      'not-a-number',
      { line: 5, column: 'Calculated Duties!Calculated Duties', value: '12x4' },
    );
  });

  it('xlsx: an HTS number that is not 2 to 10 digits', async () => {
    const err = await expectRejected(
      'hts.xlsx',
      oneMeasureWorkbook('Customs Value', (rows) => {
        rows[9]![3] = '841221007';
        rows[11]![3] = '84122100755';
      }),
      'unknown-code',
      { line: 10, column: 'Customs Value!HTS Number', value: '841221007' },
    );
    assert.ok(err.problems.some((p) => p.line === 12 && p.value === '84122100755'));
  });

  it('xlsx: a country Schedule C does not know, and a total that does not add up', async () => {
    const err = await expectRejected(
      'atlantis.xlsx',
      oneMeasureWorkbook('Dutiable Value', (rows) => {
        rows[2]![1] = 'Atlantis';
      }),
      'unknown-code',
      { line: 3, column: 'Dutiable Value!Country', value: 'Atlantis' },
    );
    assert.match(err.message, /Schedule C/);
    await expectRejected(
      'total.xlsx',
      oneMeasureWorkbook('Dutiable Value', (rows) => {
        const row = rows.find((r) => (r[6] as number) > 0)!;
        row[6] = (row[6] as number) + 1_000_001;
      }),
      'bad-structure',
      { column: 'Dutiable Value!Dutiable Value' },
    );
  });

  it('xlsx: a trade flow Frontera has no name for, or a year-to-date query', async () => {
    await expectRejected(
      'domestic.xlsx',
      oneMeasureWorkbook('Customs Value', (_rows, q) => {
        q.find((r) => r[0] === 'Trade Flow')![1] = 'Domestic Exports';
      }),
      'unknown-code',
      { line: 3, column: 'Query Parameters!Trade Flow', value: 'Domestic Exports' },
    );
    await expectRejected(
      'ytd.xlsx',
      oneMeasureWorkbook('Customs Value', (_rows, q) => {
        q.find((r) => r[0] === 'Select Type')![1] = 'Year-To-Date';
      }),
      'bad-structure',
      { line: 8, column: 'Query Parameters!Select Type', value: 'Year-To-Date' },
    );
  });

  it('CSV: a malformed year header', async () => {
    const header = csvLines[0]!.replace('Year 2000', 'Yr 2000');
    await expectRejected(
      'total-exports-to-mexico-bad-year.csv',
      [header, ...csvLines.slice(1)].join('\n'),
      'bad-header',
      { line: 1, column: 'column 8', value: 'Yr 2000' },
    );
  });

  it('CSV: a row with the wrong number of columns', async () => {
    await expectRejected(
      'total-exports-to-mexico-short.csv',
      csvWith(10, (f) => f.slice(0, -2)),
      'column-count',
      { line: 10 },
    );
  });

  it('CSV: a value that is not a number, and a percent change that does not follow', async () => {
    // Line 2 is HTS 76: 2017 3,821,897,111 → 2018 4,391,475,233 is +14.9%.
    await expectRejected(
      'total-exports-to-mexico-nan.csv',
      csvWith(2, (f) => (f.splice(5, 1, '8426x4538'), f)),
      'not-a-number',
      { line: 2, column: 'Year 1998', value: '8426x4538' },
    );
    await expectRejected(
      'total-exports-to-mexico-pct.csv',
      csvWith(2, (f) => (f.splice(-1, 1, '41.9'), f)),
      'bad-structure',
      { line: 2, column: 'Percent Change 2017 - 2018', value: '41.9' },
    );
  });

  it('CSV: a file whose name does not say which partner it is about', async () => {
    // One more line ending: the same bytes would be recognised by their hash as loaded already.
    const text = `${csvLines.join('\n')}\n`;
    for (const name of ['total-exports-by-hts2-1996-2018.csv', 'exports-to-atlantis.csv']) {
      const err = await expectRejected(name, text, 'bad-structure', { value: name });
      assert.match(err.message, /does not carry the country/);
    }
  });
});
