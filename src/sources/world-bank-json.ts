import { readFile } from 'node:fs/promises';
import type { Cell, FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import type { FileSample, Source } from './source.ts';

const COLUMNS = ['iso3', 'name', 'year', 'population'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The World Bank API's indicator JSON for SP.POP.TOTL (`/v2/country/all/indicator/
 * SP.POP.TOTL?format=json`): a two-element array, paging metadata first, then the rows, each
 * `{indicator, country, countryiso3code, date, value}`. The same dataset and series as the
 * DataHub CSV, so a newer download supersedes it year by year. Rows with no estimate (value
 * null) are not data; aggregates (WLD, EUU …) are kept, as in the CSV.
 */
export const worldBankJson: Source = {
  id: 'world-bank-json',
  expects:
    'World Bank API indicator JSON for SP.POP.TOTL ([paging metadata, [rows with countryiso3code, date, value]])',
  detect: (s) =>
    s.container === 'text' &&
    /^\s*\[\s*\{\s*"page"\s*:/.test(s.head) &&
    /"countryiso3code"\s*:/.test(s.head),
  async read(s: FileSample): Promise<FileExtract> {
    const problems: Problem[] = [];
    const text = await readFile(s.path, 'utf8');
    const notes: string[] = [];
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      const cut = !text.trimEnd().endsWith(']');
      problems.push({
        code: cut ? 'truncated' : 'bad-structure',
        file: s.path,
        message: `${cut ? 'the JSON ends early (truncated?)' : 'not valid JSON'}: ${(e as Error).message}`,
      });
      return result([], problems, notes);
    }
    if (!Array.isArray(doc) || !isObj(doc[0]) || !Array.isArray(doc[1])) {
      problems.push({
        code: 'bad-structure',
        file: s.path,
        message: 'expected [paging metadata, [rows]] as the World Bank API returns it',
      });
      return result([], problems, notes);
    }
    const meta = doc[0];
    const data = doc[1] as unknown[];
    if (typeof meta.lastupdated === 'string')
      notes.push(`World Bank last updated ${meta.lastupdated}`);
    const rows: Cell[][] = [];
    let noValue = 0;
    let noCode = 0;
    const bad = (i: number, code: Problem['code'], column: string, value: unknown, m: string) =>
      problems.push({ code, file: s.path, line: i + 1, column, value: String(value), message: m });
    for (const [i, r] of data.entries()) {
      if (!isObj(r)) {
        bad(i, 'bad-structure', `[${i}]`, JSON.stringify(r).slice(0, 200), 'expected a row object');
        continue;
      }
      const indicator = isObj(r.indicator) ? r.indicator.id : undefined;
      if (indicator !== 'SP.POP.TOTL') {
        bad(i, 'unknown-code', 'indicator', indicator, 'expected the indicator SP.POP.TOTL');
        continue;
      }
      const iso3 = typeof r.countryiso3code === 'string' ? r.countryiso3code.trim() : '';
      const year = typeof r.date === 'string' ? r.date : '';
      if (!/^(19|20)\d{2}$/.test(year)) {
        bad(i, 'bad-date', 'date', r.date, 'expected a year');
        continue;
      }
      if (r.value === null || r.value === undefined || r.value === '') {
        noValue++;
        continue;
      }
      const value = typeof r.value === 'number' ? r.value : Number.NaN;
      if (!Number.isSafeInteger(value) || value < 0) {
        bad(i, 'not-a-number', 'value', r.value, 'expected a whole number of people');
        continue;
      }
      // A few regional aggregates have no ISO-3 style code; they cannot be joined to anything.
      if (!/^[A-Z0-9]{3}$/.test(iso3)) {
        noCode++;
        continue;
      }
      // A country and year stated twice is settled by the store (store/settle-repeats.ts).
      const name = isObj(r.country) && typeof r.country.value === 'string' ? r.country.value : null;
      rows.push([iso3, name, Number(year), String(value)]);
    }
    if (noValue > 0) notes.push(`${noValue} rows with no estimate (value null) not loaded`);
    if (noCode > 0) notes.push(`${noCode} rows without a 3-letter code not loaded`);
    if (rows.length === 0 && problems.length === 0) {
      problems.push({ code: 'empty-file', file: s.path, message: 'the response has no rows' });
    }
    return result(rows, problems, notes);
  },
};

function result(rows: Cell[][], problems: Problem[], notes: string[]): FileExtract {
  return {
    kind: 'file-extract',
    source: 'world-population',
    series: 'SP.POP.TOTL',
    vintage: 'data-through',
    vintageBasis: 'data-through',
    notes,
    problems,
    extracts: [{ kind: 'rows', table: 'population', columns: COLUMNS, rows }],
  };
}
