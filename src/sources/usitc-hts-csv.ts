import { readFile } from 'node:fs/promises';
import type { Cell, FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import { headerMatch, headerProblem } from './csv-header.ts';
import { columnCountProblem, csvRecords } from './csv-records.ts';
import type { FileSample, Source } from './source.ts';

const HEADER = [
  'HTS Number',
  'Indent',
  'Description',
  'Unit of Quantity',
  'General Rate of Duty',
  'Special Rate of Duty',
  'Column 2 Rate of Duty',
  'Quota Quantity',
  'Additional Duties',
];

interface Open {
  code: string | null;
  description: string;
  /** The line whose general rate applies here, and that rate. */
  rateLine: string | null;
  rate: string | null;
}

/**
 * The Harmonized Tariff Schedule as USITC exports it to CSV: headings, subheadings, HTS8 rate
 * lines and HTS10 statistical lines in one indented outline, with group rows that have no
 * number, descriptions that run over several lines, and a BOM. Read in order in JS, because a
 * statistical line states no rate: the HTS8 line above it does (`rate_line`).
 */
export const usitcHtsCsv: Source = {
  id: 'usitc-hts',
  expects: `USITC HTS CSV export with header ${HEADER.join(',')}`,
  detect: (s) => s.container === 'text' && headerMatch(s.firstLine, HEADER) !== 'none',
  async read(s: FileSample): Promise<FileExtract> {
    const problems: Problem[] = [];
    const edition = editionOf(s.name);
    if (headerMatch(s.firstLine, HEADER) !== 'exact') {
      return result(edition, [], [headerProblem(s.path, s.firstLine, HEADER)], []);
    }
    const { records, unterminated } = csvRecords(await readFile(s.path, 'utf8'));
    if (unterminated) {
      const last = records.at(-1)?.line ?? 1;
      problems.push({
        code: 'truncated',
        file: s.path,
        line: last,
        message: 'a quoted field is never closed: the file looks truncated',
      });
    }
    const stack: Open[] = [];
    const rows: Cell[][] = [];
    let groups = 0;
    for (const { line, fields } of records.slice(1)) {
      if (fields.length !== HEADER.length) {
        problems.push(columnCountProblem(s.path, { line, fields }, HEADER));
        continue;
      }
      const [number, indentText, desc, unit, general, special, col2, _quota, additional] =
        fields.map((f) => f.trim()) as [
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
          string,
        ];
      const indent = Number(indentText);
      if (!/^\d{1,2}$/.test(indentText)) {
        problems.push({
          code: 'not-a-number',
          file: s.path,
          line,
          column: 'Indent',
          value: indentText,
          message: 'expected an indent level (0, 1, 2 …)',
        });
        continue;
      }
      if (number !== '' && !/^\d{4}(\.\d{2}){0,3}$/.test(number)) {
        problems.push({
          code: 'unknown-code',
          file: s.path,
          line,
          column: 'HTS Number',
          value: number,
          message: 'expected an HTS number like 0101, 0101.21, 0101.21.00 or 0101.21.00.10',
        });
        continue;
      }
      const code = number === '' ? null : number.replaceAll('.', '');
      // A new line at this indent closes every deeper one; headings restart the outline.
      stack.length = Math.min(stack.length, indent);
      const above = stack.filter((o): o is Open => o !== undefined);
      const parent = [...above].reverse().find((o) => o.rateLine !== null);
      const description = desc.replace(/\s+/g, ' ');
      const own = general !== '' && code !== null;
      const open: Open = {
        code,
        description,
        rateLine: own ? code : (parent?.rateLine ?? null),
        rate: own ? general : (parent?.rate ?? null),
      };
      const context = above.map((o) => o.description).join(' > ');
      stack[indent] = open;
      if (code === null) {
        groups++;
        continue;
      }
      rows.push([
        edition.year,
        edition.label,
        code,
        code.length,
        indent,
        description,
        context || null,
        unitOf(unit),
        general || null,
        special || null,
        col2 || null,
        additional || null,
        open.rateLine,
        adValorem(open.rate),
        code.startsWith('99'),
      ]);
    }
    if (rows.length === 0 && problems.length === 0)
      problems.push({ code: 'empty-file', file: s.path, message: 'the file has no HTS lines' });
    const notes = [
      `${groups} group rows without an HTS number kept only as context of the lines below them`,
      'statistical (HTS10) lines take the general rate of the line above them that states one',
    ];
    if (edition.year === null)
      notes.push('the file name does not say which edition (year) this is');
    return result(edition, rows, problems, notes);
  },
};

/** USITC names its exports by edition (`hts_2025_basic_edition.csv`); the CSV never says. */
function editionOf(name: string): { year: number | null; label: string } {
  const y = /(?:19|20)\d{2}/.exec(name);
  const label = name
    .replace(/\.csv$/i, '')
    .replace(/^hts_?/i, '')
    .replaceAll('_', ' ')
    .trim();
  return { year: y ? Number(y[0]) : null, label: label || 'unknown' };
}

/** `["No.","kg"]` → `No., kg`. */
function unitOf(text: string): string | null {
  if (text === '') return null;
  try {
    const list = JSON.parse(text) as unknown;
    if (Array.isArray(list)) return list.map(String).join(', ') || null;
  } catch {
    // Not JSON: keep the text as given.
  }
  return text;
}

/** "Free" → 0, "6.8%" → 0.068; specific, compound and text rates have no ad valorem form. */
export function adValorem(rate: string | null): number | null {
  if (rate === null) return null;
  if (/^free$/i.test(rate)) return 0;
  const m = /^(\d+(?:\.\d+)?)%$/.exec(rate);
  return m ? Number(m[1]) / 100 : null;
}

function result(
  edition: { year: number | null; label: string },
  rows: Cell[][],
  problems: Problem[],
  notes: string[],
): FileExtract {
  return {
    kind: 'file-extract',
    source: 'usitc-hts',
    series: 'hts',
    vintage: edition.year === null ? 'undated' : edition.label,
    vintageBasis: 'file-name',
    notes,
    problems,
    extracts: [
      {
        kind: 'rows',
        table: 'hts_line',
        columns: [
          'year',
          'edition',
          'hts_code',
          'hts_level',
          'indent',
          'description',
          'context',
          'unit',
          'general_rate',
          'special_rate',
          'column2_rate',
          'additional_duties',
          'rate_line',
          'general_ad_valorem',
          'is_chapter99',
        ],
        rows,
      },
    ],
  };
}
