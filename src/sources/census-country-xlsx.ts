import XLSX from '@e965/xlsx';
import { RAW_VALUES, readWorkbook } from './read-workbook.ts';
import type { Cell, FileExtract } from '../model/extract.ts';
import type { Flow } from '../model/flow.ts';
import type { Problem } from '../model/problem.ts';
import { millionsToDollars } from './millions-to-dollars.ts';
import type { FileSample, Source } from './source.ts';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const FLOWS: Record<'I' | 'E', Flow> = { I: 'import_general', E: 'export' };
const HEADER = [
  'year',
  'CTY_CODE',
  'CTYNAME',
  ...MONTHS.map((m) => `I${m}`),
  'IYR',
  ...MONTHS.map((m) => `E${m}`),
  'EYR',
];

/**
 * Census foreign-trade `country.xlsx`: one row per partner and year, months in millions of
 * dollars with six decimals. Months after the last one the release publishes are zero
 * placeholders and are not loaded; zeros in published months are real zeros.
 */
export const censusCountryXlsx: Source = {
  id: 'census-country-xlsx',
  expects: `Census country.xlsx (first sheet header ${HEADER.slice(0, 4).join(',')}…EYR)`,
  detect(s: FileSample): boolean {
    if (s.container !== 'zip') return false;
    try {
      const wb = readWorkbook(s.path, { ...RAW_VALUES, sheetRows: 1 });
      const first = wb.Sheets[wb.SheetNames[0] ?? ''];
      const row = first ? XLSX.utils.sheet_to_json<unknown[]>(first, { header: 1 })[0] : [];
      return row?.[1] === 'CTY_CODE' && row?.[2] === 'CTYNAME';
    } catch {
      return false;
    }
  },
  async read(s: FileSample): Promise<FileExtract> {
    const problems: Problem[] = [];
    const bad = (
      line: number,
      column: string,
      value: unknown,
      message: string,
      code: Problem['code'] = 'not-a-number',
    ) => problems.push({ code, file: s.path, line, column, value: String(value), message });

    const rows = readSheetRows(s.path);
    const header = (rows[0] ?? []).map((h) => String(h ?? ''));
    if (header.join(',') !== HEADER.join(',')) {
      const missing = HEADER.filter((h) => !header.includes(h));
      const extra = header.filter((h) => !HEADER.includes(h));
      problems.push({
        code: 'bad-header',
        file: s.path,
        line: 1,
        value: header.join(','),
        message: `header does not match country.xlsx (missing: ${missing.join(',') || 'none'}; unexpected: ${extra.join(',') || 'none'})`,
      });
      return result(s, [], problems, [], 0);
    }

    type Parsed = {
      line: number;
      year: number;
      code: string;
      name: string;
      values: (bigint | null)[];
    };
    const parsed: Parsed[] = [];
    let blankZeroRows = 0;
    // The spreadsheet's data rows, as a reader of it counts them (wholly empty rows are none).
    let records = 0;
    for (let i = 1; i < rows.length; i++) {
      const r = rows[i] ?? [];
      if (r.some((v) => v !== null && v !== undefined && String(v).trim() !== '')) records++;
      const line = i + 1;
      const yearRaw = r[0];
      const numbers = r.slice(3, 29);
      if (yearRaw === null || yearRaw === undefined || String(yearRaw).trim() === '') {
        if (numbers.every((v) => v === null || v === 0)) {
          blankZeroRows++;
          continue;
        }
        bad(line, 'year', '', 'a row with values has no year', 'missing-value');
        continue;
      }
      const year = Number(yearRaw);
      if (!/^\d{4}$/.test(String(yearRaw).trim()) || year < 1985 || year > 2100) {
        bad(line, 'year', yearRaw, 'expected a year from 1985 on', 'bad-date');
        continue;
      }
      const code = String(r[1] ?? '').trim();
      if (!/^\d{4}$/.test(code)) {
        bad(line, 'CTY_CODE', r[1], 'expected a 4-digit Census Schedule C code', 'unknown-code');
        continue;
      }
      const values = numbers.map((v, j) => {
        const col = HEADER[3 + j] ?? '?';
        const dollars = millionsToDollars(v);
        if (dollars === undefined) bad(line, col, v, 'expected millions of dollars as a number');
        return dollars ?? null;
      });
      parsed.push({ line, year, code, name: String(r[2] ?? '').trim(), values });
    }

    // The last month with any non-zero value is the last month this release publishes.
    let lastPublished = 0;
    for (const p of parsed) {
      for (const offset of [0, 13]) {
        p.values.slice(offset, offset + 12).forEach((v, m) => {
          if (v !== null && v !== 0n) lastPublished = Math.max(lastPublished, p.year * 12 + m);
        });
      }
    }

    const out: Cell[][] = [];
    const outLines: number[] = [];
    let placeholders = 0;
    for (const p of parsed) {
      for (const [prefix, offset] of [
        ['I', 0],
        ['E', 13],
      ] as const) {
        for (let m = 0; m < 12; m++) {
          const v = p.values[offset + m];
          if (v === null || v === undefined) continue;
          if (p.year * 12 + m > lastPublished) {
            if (v !== 0n) {
              bad(p.line, `${prefix}${MONTHS[m]}`, v, 'value after the last published month');
            }
            placeholders++;
            continue;
          }
          const month = `${p.year}-${String(m + 1).padStart(2, '0')}-01`;
          out.push(['country.xlsx', FLOWS[prefix], p.code, p.name, p.code < '1000', month, v]);
          outLines.push(p.line);
        }
      }
    }
    const notes = [
      `last published month ${Math.floor(lastPublished / 12)}-${String((lastPublished % 12) + 1).padStart(2, '0')}`,
      `${placeholders} zero placeholders for unpublished months not loaded`,
    ];
    if (blankZeroRows > 0)
      notes.push(`${blankZeroRows} rows with a blank year and only zeros skipped`);
    return result(s, out, problems, notes, records, outLines);
  },
};

function result(
  s: FileSample,
  rows: Cell[][],
  problems: Problem[],
  notes: string[],
  records: number,
  lines: number[] = [],
): FileExtract {
  const fromName = /(\d{4})-(\d{2})/.exec(s.name);
  return {
    kind: 'file-extract',
    source: 'census-country-xlsx',
    series: 'country',
    vintage: fromName ? `${fromName[1]}-${fromName[2]}` : 'data-through',
    vintageBasis: fromName ? 'file-name' : 'data-through',
    records,
    notes,
    problems,
    extracts: [
      {
        kind: 'rows',
        table: 'trade_country_month',
        columns: [
          'series',
          'flow',
          'partner_code',
          'partner_name',
          'is_aggregate',
          'month',
          'value_usd',
        ],
        rows,
        lines,
      },
    ],
  };
}

/** The sheet declares a million rows it does not have; read only the cells that exist. */
function readSheetRows(path: string): unknown[][] {
  const wb = readWorkbook(path, RAW_VALUES);
  const ws = wb.Sheets[wb.SheetNames[0] ?? ''];
  if (!ws) return [];
  // Dense: the rows that hold cells, by index (row 1 at 0); the last one ends the range.
  const data = ws['!data'] ?? [];
  let last = data.length;
  while (last > 0 && !data[last - 1]?.some((c) => c !== undefined)) last--;
  if (last === 0) return [];
  ws['!ref'] = `A1:AC${last}`;
  return XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
}
