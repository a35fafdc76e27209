import { readFile } from 'node:fs/promises';
import type { Cell, FileExtract } from '../model/extract.ts';
import type { Flow } from '../model/flow.ts';
import type { Problem } from '../model/problem.ts';
import { headerOf } from './csv-header.ts';
import { millionsToDollars } from './millions-to-dollars.ts';
import type { FileSample, Source } from './source.ts';

/** FRED's partner suffixes for Census-basis goods trade series (EXPMX, IMPCH, …). */
const PARTNERS: Record<string, { code: string; name: string }> = {
  MX: { code: '2010', name: 'Mexico' },
  CA: { code: '1220', name: 'Canada' },
  // FRED's "CH" is China (Census 5700), not Switzerland.
  CH: { code: '5700', name: 'China' },
  JP: { code: '5880', name: 'Japan' },
};
const FLOWS: Record<string, Flow> = { EXP: 'export', IMP: 'import_general' };
const DATE_COLUMNS = ['observation_date', 'DATE'];
const SERIES_ID = /^[A-Z][A-Z0-9_]*$/;
const COLUMNS = [
  'series',
  'flow',
  'partner_code',
  'partner_name',
  'is_aggregate',
  'month',
  'value_usd',
];

/**
 * A FRED CSV download of one monthly series: `observation_date,<ID>` (older downloads:
 * `DATE,<ID>`), values in millions of dollars. Small, so it is parsed here in JS. A partner
 * suffix FRED uses that is not listed above still loads, with no partner code.
 */
export const fredSeries: Source = {
  id: 'fred-series',
  expects: 'FRED series CSV with header observation_date,<SERIES> (or DATE,<SERIES>)',
  detect(s: FileSample): boolean {
    if (s.container !== 'text') return false;
    const h = headerOf(s.firstLine);
    return h.length === 2 && DATE_COLUMNS.includes(h[0] ?? '') && SERIES_ID.test(h[1] ?? '');
  },
  async read(s: FileSample): Promise<FileExtract> {
    const [dateColumn = 'observation_date', id = ''] = headerOf(s.firstLine);
    const problems: Problem[] = [];
    const notes: string[] = [];
    const rows: Cell[][] = [];
    const rowLines: number[] = [];
    const flow = FLOWS[id.slice(0, 3)];
    if (!flow) {
      problems.push({
        code: 'bad-header',
        file: s.path,
        line: 1,
        column: id,
        value: id,
        message: 'a FRED trade series id starts with EXP (exports) or IMP (imports)',
      });
      return result(id, rows, problems, notes);
    }
    const partner = PARTNERS[id.slice(3)];
    // Some FRED series name the partner by its Census code directly (IMP5700).
    const numeric = /^\d{4}$/.test(id.slice(3)) ? id.slice(3) : null;
    const partnerCode = partner?.code ?? numeric;
    const isAggregate = numeric !== null && numeric < '1000';
    if (!partnerCode) notes.push(`partner suffix of ${id} not known: partner_code left empty`);

    const text = (await readFile(s.path, 'utf8')).replace(/^\uFEFF/, '');
    const lines = text.split(/\r?\n/);
    const bad = (
      line: number,
      code: Problem['code'],
      column: string | undefined,
      value: string,
      message: string,
    ) => problems.push({ code, file: s.path, line, column, value, message });
    let missing = 0;
    // lines[0] is the header (FRED files have no comment lines); file line = index + 1.
    for (let i = 1; i < lines.length; i++) {
      const raw = lines[i] ?? '';
      if (raw.trim() === '') continue;
      const line = i + 1;
      const fields = raw.split(',');
      if (fields.length !== 2) {
        bad(line, 'column-count', undefined, raw.slice(0, 200), `expected 2 columns (date,${id})`);
        continue;
      }
      const [date = '', value = ''] = fields.map((f) => f.trim());
      const d = /^(\d{4})-(0[1-9]|1[0-2])-01$/.exec(date);
      if (!d) {
        bad(line, 'bad-date', dateColumn, date, 'expected a monthly date like 2022-01-01');
        continue;
      }
      // FRED writes "." for an observation it does not have: absent, not zero.
      if (value === '.') {
        missing++;
        continue;
      }
      const dollars = millionsToDollars(value);
      if (dollars === undefined) {
        bad(line, 'not-a-number', id, value, 'expected millions of dollars as a number');
        continue;
      }
      // A month stated twice is settled by the store (counted once, or a reported conflict).
      rows.push([id, flow, partnerCode, partner?.name ?? null, isAggregate, date, dollars]);
      rowLines.push(line);
    }
    if (missing > 0) notes.push(`${missing} missing observations (".") skipped`);
    if (rows.length === 0 && problems.length === 0) {
      problems.push({ code: 'empty-file', file: s.path, message: 'the file has no observations' });
    }
    return result(id, rows, problems, notes, rowLines);
  },
};

function result(
  id: string,
  rows: Cell[][],
  problems: Problem[],
  notes: string[],
  lines: number[] = [],
): FileExtract {
  return {
    kind: 'file-extract',
    source: 'fred-series',
    series: id,
    vintage: 'data-through',
    vintageBasis: 'data-through',
    notes,
    problems,
    extracts: [{ kind: 'rows', table: 'trade_country_month', columns: COLUMNS, rows, lines }],
  };
}
