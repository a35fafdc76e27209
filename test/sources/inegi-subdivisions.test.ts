/**
 * INEGI's exports by Mexican state and the ISO 3166-2 subdivision names (English and Spanish):
 * what the claim checker needs to measure a Mexican state's exports and to know a province
 * when it sees one, read from the real bundle files through the normal ingest.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import XLSX from '@e965/xlsx';
import { mexicoStateExports, subnationalNames } from '../../src/analytics/subnational.ts';
import { InputError } from '../../src/model/input-error.ts';
import type { Store } from '../../src/store/open-store.ts';
import { dataFile, ingest, memoryStore, query, scalar, scratch } from '../helpers.ts';

const INEGI = dataFile('mexico/inegi/EAEF_Entidad-2007-2020.xlsx');

/** The workbook's own cells: row by state name, column by year (thousands of dollars). */
function cell(state: string, year: number): number {
  const ws = XLSX.read(readFileSync(INEGI)).Sheets.Entidad!;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
  const header = rows.find((r) => r[0] === 'Entidad Federativa')!;
  const col = header.findIndex((h) => String(h).startsWith(String(year)));
  return rows.find((r) => r[0] === state)![col] as number;
}

describe('INEGI exports by state and ISO subdivision names', () => {
  let store: Store;
  before(async () => {
    store = await memoryStore();
    await ingest(
      store,
      INEGI,
      dataFile('reference/es/iso-codes/iso_3166-2.json'),
      dataFile('reference/es/iso-codes/iso_3166-2_es.po'),
    );
  });
  after(() => store.close());

  it('loads every state and year in whole dollars, with its provenance', async () => {
    assert.equal(
      await scalar(store, `SELECT count(DISTINCT state_name) FROM mexico_state_exports`),
      32n,
    );
    const [years] = await query(
      store,
      `SELECT min(year) AS a, max(year) AS b, count(DISTINCT year) AS n FROM mexico_state_exports`,
    );
    assert.deepEqual(years, { a: 2007, b: 2020, n: '14' });
    const r = await mexicoStateExports(store, ['jalisco']);
    const y2019 = r.years.find((y) => y.year === 2019)!;
    assert.equal(y2019.valueUsd, BigInt(cell('Jalisco', 2019)) * 1000n);
    // Mexico's total as INEGI writes it is kept apart from the states.
    assert.equal(
      await scalar(
        store,
        `SELECT value_usd FROM mexico_state_exports WHERE is_total AND year = 2020`,
      ),
      BigInt(cell('Exportaciones totales*', 2020)) * 1000n,
    );
    assert.equal(y2019.status, 'preliminary');
    assert.equal(r.years.find((y) => y.year === 2007)?.status, 'revised');
    assert.deepEqual(r.span, [2007, 2020]);
    const files = await query(
      store,
      `SELECT source FROM source_file WHERE source = 'inegi-state-exports'`,
    );
    assert.equal(files.length, 1);
  });

  it('names Mexican states and Canadian provinces in English and Spanish', async () => {
    const names = await subnationalNames(store);
    const by = (code: string) => names.find((n) => n.code === code)!;
    assert.equal(names.filter((n) => n.country === 'MX').length, 32);
    assert.equal(names.filter((n) => n.country === 'CA').length, 13);
    assert.ok(by('CA-BC').names.includes('Columbia Británica'), by('CA-BC').names.join());
    assert.ok(by('CA-BC').names.includes('British Columbia'));
    assert.ok(by('MX-NLE').names.includes('Nuevo León'));
    // Long official names are also known by their everyday short form.
    assert.ok(by('MX-COA').names.includes('Coahuila'));
  });

  it('refuses a workbook with a value that is not a number, naming file, row and year', async () => {
    const { dir, cleanup } = await scratch();
    try {
      const wb = XLSX.read(readFileSync(INEGI));
      const ws = wb.Sheets.Entidad!;
      ws['C9'] = { t: 's', v: 'n.d.' }; // Baja California, 2008
      const bad = join(dir, 'EAEF_Entidad-2007-2020.xlsx');
      writeFileSync(bad, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
      const fresh = await memoryStore();
      try {
        await assert.rejects(ingest(fresh, bad), (e: unknown) => {
          assert.ok(e instanceof InputError, String(e));
          assert.match(e.message, /EAEF_Entidad-2007-2020\.xlsx:line 9:2008/);
          assert.match(e.message, /n\.d\./);
          return true;
        });
        assert.equal(await scalar(fresh, `SELECT count(*) FROM mexico_state_exports`), 0n);
      } finally {
        fresh.close();
      }
    } finally {
      await cleanup();
    }
  });
});
