import { readFile } from 'node:fs/promises';
import type { Cell, FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import { headerMatch, headerOf, headerProblem } from './csv-header.ts';
import { csvRecords } from './csv-records.ts';
import { nameOrUndated } from './reference-csv.ts';
import type { FileSample, Source } from './source.ts';

/** One product of a measure, as the tariff_measure table stores it. */
interface Entry {
  hts_prefix: string;
  list?: string;
  ch99_code?: string;
  material?: string;
  effective_date?: string;
}

interface ListSpec {
  /** What the engine calls the measure; also the series, so each list supersedes itself. */
  measure: string;
  header: readonly string[];
  /** Digits a code in this list may have. */
  digits: readonly number[];
  entry: (f: Record<string, string>) => Entry;
  note: string;
}

/**
 * The Yale Budget Lab tariff tracker's product lists, one layout per measure. Codes are text
 * with their leading zeros; prefixes are HTS8 or HTS10 and match every line under them. These
 * are a third party's compilation of the HTS and Federal Register notices, not official lists:
 * Section 301 lists are given at HTS8 even where the legal list names statistical suffixes.
 */
const LISTS: readonly ListSpec[] = [
  {
    measure: 'section_301',
    header: ['hts8', 'list', 'ch99_code'],
    digits: [8],
    entry: (f) => ({ hts_prefix: f.hts8!, list: f.list, ch99_code: f.ch99_code }),
    note: 'Section 301 China lists by HTS8 and chapter 99 heading',
  },
  {
    measure: 'section_232_annex',
    header: ['hts_prefix', 'annex', 'metal_type', 'source', 'effective_date'],
    digits: [4, 6, 8, 10],
    entry: (f) => ({
      hts_prefix: f.hts_prefix!,
      list: f.annex,
      material: f.metal_type,
      effective_date: f.effective_date,
    }),
    note: 'Section 232 product annexes by HTS prefix, with the date they take effect',
  },
  {
    measure: 'section_232_derivative',
    header: ['hts_prefix', 'ch99_code', 'derivative_type', 'effective_date'],
    digits: [4, 6, 8, 10],
    entry: (f) => ({
      hts_prefix: f.hts_prefix!,
      ch99_code: f.ch99_code,
      material: f.derivative_type,
      effective_date: f.effective_date,
    }),
    note: 'Section 232 derivative products by HTS prefix; a blank date is kept as unknown',
  },
  {
    measure: 'fentanyl_carveout',
    header: ['hts8', 'ch99_code', 'category'],
    digits: [8],
    entry: (f) => ({ hts_prefix: f.hts8!, ch99_code: f.ch99_code, list: f.category }),
    note: 'IEEPA (fentanyl) carve-outs by HTS8 and category',
  },
  {
    measure: 'ieepa_exempt',
    header: ['hts10'],
    digits: [10],
    entry: (f) => ({ hts_prefix: f.hts10! }),
    note: 'HTS10 lines exempt from the IEEPA tariffs',
  },
];

const COLUMNS = [
  'measure',
  'hts_prefix',
  'prefix_digits',
  'list',
  'ch99_code',
  'material',
  'effective_date',
];

function specOf(firstLine: string): ListSpec | undefined {
  return LISTS.find((l) => headerMatch(firstLine, l.header) === 'exact');
}

/**
 * Read in JS (the lists are small): a code of the wrong length in a third party's list (the
 * 2025 IEEPA exemptions carry a 12-digit "850511007000") is skipped and named in the notes,
 * so one typo does not withhold the whole list; a bad heading or date still fails the file.
 */
export const budgetLabMeasures: Source = {
  id: 'budget-lab-measure',
  expects: `Budget Lab tariff measure list CSV with header ${LISTS.map((l) => l.header.join(',')).join(' | ')}`,
  // A one-column header like "hts10" is only trusted when the next line is a code.
  detect: (s) => {
    const spec = s.container === 'text' ? specOf(s.firstLine) : undefined;
    return spec !== undefined && (spec.header.length > 1 || /\n\s*\d{8,}\s*(\r?\n|$)/.test(s.head));
  },
  async read(s: FileSample): Promise<FileExtract> {
    const spec = specOf(s.firstLine);
    if (!spec)
      return result(s, 'unknown', [], [headerProblem(s.path, s.firstLine, LISTS[0]!.header)], []);
    const { records, unterminated } = csvRecords(await readFile(s.path, 'utf8'));
    const problems: Problem[] = [];
    const skipped: string[] = [];
    const rows: Cell[][] = [];
    if (unterminated)
      problems.push({ code: 'truncated', file: s.path, message: 'a quoted field is never closed' });
    const header = headerOf(s.firstLine);
    for (const { line, fields } of records.slice(1)) {
      const bad = (column: string, value: string, message: string, code: Problem['code']) =>
        problems.push({ code, file: s.path, line, column, value, message });
      if (fields.length !== header.length) {
        bad(
          '',
          fields.join(','),
          `expected ${header.length} columns (${header.join(',')})`,
          'column-count',
        );
        continue;
      }
      const e = spec.entry(Object.fromEntries(header.map((h, i) => [h, fields[i]!.trim()])));
      if (!/^\d+$/.test(e.hts_prefix) || !spec.digits.includes(e.hts_prefix.length)) {
        skipped.push(`line ${line} (${JSON.stringify(e.hts_prefix)})`);
        continue;
      }
      if (e.ch99_code !== undefined && !/^99\d{2}\.\d{2}(\.\d{2})?$/.test(e.ch99_code))
        bad(
          'ch99_code',
          e.ch99_code,
          'expected a chapter 99 heading like 9903.88.01',
          'unknown-code',
        );
      if (e.effective_date && !/^\d{4}-\d{2}-\d{2}$/.test(e.effective_date))
        bad('effective_date', e.effective_date, 'expected an ISO date', 'bad-date');
      if (spec.measure === 'section_301' && !e.list)
        bad('list', '', 'every Section 301 entry names its list', 'missing-value');
      rows.push([
        spec.measure,
        e.hts_prefix,
        e.hts_prefix.length,
        e.list || null,
        e.ch99_code || null,
        e.material || null,
        e.effective_date || null,
      ]);
    }
    if (rows.length === 0 && problems.length === 0)
      problems.push({ code: 'empty-file', file: s.path, message: 'the list has no products' });
    const notes = [spec.note, 'compiled by the Yale Budget Lab (MIT), not an official list'];
    if (skipped.length > 0)
      notes.push(
        `${skipped.length} entries with a code that is not ${spec.digits.join('/')} digits skipped: ${skipped.slice(0, 5).join(', ')}`,
      );
    return result(s, spec.measure, rows, problems, notes);
  },
};

function result(
  s: FileSample,
  series: string,
  rows: Cell[][],
  problems: Problem[],
  notes: string[],
): FileExtract {
  return {
    kind: 'file-extract',
    source: 'budget-lab-measure',
    series,
    ...nameOrUndated(s),
    notes,
    problems,
    extracts: [{ kind: 'rows', table: 'tariff_measure', columns: COLUMNS, rows }],
  };
}
