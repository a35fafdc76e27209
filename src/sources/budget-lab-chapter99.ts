import { readFile } from 'node:fs/promises';
import { MONTH_NAMES } from '../model/month-names.ts';
import type { Cell, FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import { headerMatch, headerProblem } from './csv-header.ts';
import { columnCountProblem, csvRecords } from './csv-records.ts';
import { nameOrUndated } from './reference-csv.ts';
import type { FileSample, Source } from './source.ts';

const HEADER = [
  'ch99_code',
  'rate',
  'authority',
  'country_type',
  'countries',
  'general_raw',
  'other_raw',
  'description',
];

/**
 * The programme a chapter 99 heading belongs to, by its number. The file's own `authority`
 * column mislabels some (the 9903.85 Section 232 aluminium headings say "section_301"; the
 * 2024 Section 301 four-year-review headings 9903.91 say "ieepa"), so the engine reads these
 * ranges, and keeps the file's label beside them.
 */
export function programOf(heading: string, stated: string): string {
  if (/^9903\.8[01](\.|$)/.test(heading)) return 'section_232_steel';
  if (/^9903\.85(\.|$)/.test(heading)) return 'section_232_aluminum';
  if (/^9903\.(88|91|92)(\.|$)/.test(heading)) return 'section_301_china';
  return stated;
}

const DAY = String.raw`(${MONTH_NAMES.join('|')}) (\d{1,2}), (\d{4})`;
// Only the heading's own window ("Effective with respect to entries … on or after D[, and
// through|before D]"); "in transit before 12:01 a.m. on D" clauses are exceptions, not windows.
const WINDOW = new RegExp(
  String.raw`[Ee]ffective with respect to entries[^.]*?on or after ${DAY}(?:,? and (through|before) ${DAY})?`,
);

function iso(month: string, day: string, year: string, shift = 0): string {
  const d = new Date(
    Date.UTC(Number(year), (MONTH_NAMES as readonly string[]).indexOf(month), Number(day) + shift),
  );
  return d.toISOString().slice(0, 10);
}

/** The dates a heading's text says it applies: from (inclusive) and to (inclusive). */
export function windowOf(text: string): { from: string | null; to: string | null } {
  const m = WINDOW.exec(text);
  if (!m) return { from: null, to: null };
  const from = iso(m[1]!, m[2]!, m[3]!);
  if (!m[4]) return { from, to: null };
  return { from, to: iso(m[5]!, m[6]!, m[7]!, m[4] === 'before' ? -1 : 0) };
}

/**
 * Chapter 99 headings with their additional rates, parsed from HTS revisions by the Yale Budget
 * Lab (`chapter99_raw.csv`, BOM, every field quoted). The rate is a fraction ("0.25"); a blank
 * rate means the heading states no ad valorem addition. The dates a heading applies are read
 * from its text; "[Compiler's note: provision suspended.]" marks a heading never in force
 * (Section 301 list 4B). Descriptions are cut at 200 characters in the file, so a window
 * whose end falls past the cut is open-ended here.
 */
export const budgetLabChapter99: Source = {
  id: 'budget-lab-chapter99',
  expects: `Budget Lab chapter 99 headings CSV with header ${HEADER.join(',')}`,
  detect: (s) => s.container === 'text' && headerMatch(s.firstLine, HEADER) !== 'none',
  async read(s: FileSample): Promise<FileExtract> {
    const problems: Problem[] = [];
    if (headerMatch(s.firstLine, HEADER) !== 'exact')
      return result(s, [], [headerProblem(s.path, s.firstLine, HEADER)], []);
    const { records, unterminated } = csvRecords(await readFile(s.path, 'utf8'));
    if (unterminated)
      problems.push({
        code: 'truncated',
        file: s.path,
        line: records.at(-1)?.line,
        message: 'a quoted field is never closed: the file looks truncated',
      });
    const rows: Cell[][] = [];
    let relabelled = 0;
    for (const { line, fields } of records.slice(1)) {
      if (fields.length !== HEADER.length) {
        problems.push(columnCountProblem(s.path, { line, fields }, HEADER));
        continue;
      }
      const [heading, rate, authority, countryType, countries, general, , description] = fields.map(
        (f) => f.trim(),
      ) as string[];
      if (!/^99\d{2}\.\d{2}(\.\d{2})?$/.test(heading!)) {
        problems.push({
          code: 'unknown-code',
          file: s.path,
          line,
          column: 'ch99_code',
          value: heading,
          message: 'expected a chapter 99 heading like 9903.88.01',
        });
        continue;
      }
      if (rate !== '' && !Number.isFinite(Number(rate))) {
        problems.push({
          code: 'not-a-number',
          file: s.path,
          line,
          column: 'rate',
          value: rate,
          message: 'expected a rate as a fraction (0.25 = 25%) or nothing',
        });
        continue;
      }
      const program = programOf(heading!, authority!);
      if (program !== authority) relabelled++;
      const { from, to } = windowOf(description!);
      rows.push([
        heading!,
        rate === '' ? null : Number(rate),
        authority || null,
        program || null,
        countryType || null,
        countries || null,
        general || null,
        description || null,
        from,
        to,
        /provision suspended/i.test(description!),
      ]);
    }
    if (rows.length === 0 && problems.length === 0)
      problems.push({ code: 'empty-file', file: s.path, message: 'the file has no headings' });
    return result(s, rows, problems, [
      `${relabelled} headings whose stated authority disagrees with their number (program column gives the number's reading)`,
      'compiled by the Yale Budget Lab (MIT), not an official release',
    ]);
  },
};

function result(s: FileSample, rows: Cell[][], problems: Problem[], notes: string[]): FileExtract {
  return {
    kind: 'file-extract',
    source: 'budget-lab-chapter99',
    series: 'chapter99',
    ...nameOrUndated(s),
    notes,
    problems,
    extracts: [
      {
        kind: 'rows',
        table: 'chapter99_heading',
        columns: [
          'heading',
          'rate',
          'authority',
          'program',
          'country_type',
          'countries',
          'general_text',
          'description',
          'effective_from',
          'effective_to',
          'suspended',
        ],
        rows,
      },
    ],
  };
}
