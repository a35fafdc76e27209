import { readFile } from 'node:fs/promises';
import type { FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import { headerOf } from './csv-header.ts';
import { columnCountProblem, csvRecords } from './csv-records.ts';
import { datawebExtract, HTS_NUMBER, type DatawebFigure } from './dataweb-extract.ts';
import { DATAWEB_FLOWS, datawebFlow } from './dataweb-flow.ts';
import { DATAWEB_MEASURES, measureOfDataType } from './dataweb-measures.ts';
import { scheduleCCountry } from './schedule-c-names.ts';
import type { FileSample, Source } from './source.ts';

const DATA_TYPE = /^Data Type - (.+?)(?: by Commodity)?$/;
const YEAR = /^Year (\d{4})$/;
const PERCENT = /^Percent Change (\d{4}) - (\d{4})$/;
/** What DataWeb may write for a change from zero, which has no percentage. */
const NO_CHANGE = new Set(['', 'N/A', 'n/a', 'NA', '-', '--']);

/**
 * A USITC DataWeb download in its "wide" CSV layout: `Data Type - <flow> by Commodity, Hts
 * Num, Description, Year 1996 … Year 2018[, Percent Change 2017 - 2018]`, one row per HTS
 * number and data type, dollars, with a BOM. The layout does not name the partner: the query
 * that made it did, and only the file name can carry that (`…-to-mexico-…`,
 * `…-from-south-korea-…`); a file whose name names no country is refused. The percent change
 * is derived, so it is checked against the year columns and not loaded.
 */
export const usitcDatawebCsv: Source = {
  id: 'usitc-dataweb',
  expects:
    'USITC DataWeb wide CSV (header "Data Type - <flow> by Commodity,Hts Num,Description,Year YYYY,…"; the partner named in the file name, e.g. exports-to-mexico-…)',
  detect(s: FileSample): boolean {
    const header = headerOf(s.firstLine);
    return (
      s.container === 'text' &&
      DATA_TYPE.test(header[0] ?? '') &&
      (header[1] === 'Hts Num' || header[2] === 'Description')
    );
  },
  async read(s: FileSample): Promise<FileExtract> {
    const problems: Problem[] = [];
    const undated = { vintage: 'undated', vintageBasis: 'file-content' as const };
    const { records, unterminated } = csvRecords(await readFile(s.path, 'utf8'));
    const header = (records[0]?.fields ?? []).map((h) => h.trim());
    const layout = readHeader(s.path, header, problems);
    const partner = partnerFromName(s.name);
    if (!partner)
      problems.push({
        code: 'bad-structure',
        file: s.path,
        value: s.name,
        message:
          'cannot tell the partner: DataWeb\'s wide layout does not carry the country, and the file name names none (name the file after the query, e.g. "total-exports-to-mexico-by-hts2-1996-2018.csv")',
      });
    if (unterminated)
      problems.push({
        code: 'truncated',
        file: s.path,
        line: records.at(-1)?.line ?? 1,
        message: 'a quoted field is never closed: the file looks truncated',
      });
    if (!layout || !partner) return datawebExtract([], undated, problems, []);

    const figures: DatawebFigure[] = [];
    // Each HTS number's line as first stated: the same line again is a repeat, counted once.
    const seen = new Map<string, string>();
    let zeros = 0;
    let changes = 0;
    for (const record of records.slice(1)) {
      const { line, fields } = record;
      if (fields.length !== header.length) {
        problems.push(columnCountProblem(s.path, record, header));
        continue;
      }
      const bad = (column: string, value: string, message: string, code: Problem['code']) =>
        problems.push({ code, file: s.path, line, column, value, message });
      const measure = measureOfDataType(fields[0]!);
      if (!measure?.money) {
        bad(
          header[0]!,
          fields[0]!,
          measure
            ? 'quantities need their unit, which the wide layout does not give: download quantities in the grid layout'
            : `not a DataWeb dollar measure (${Object.values(DATAWEB_MEASURES)
                .filter((m) => m.money)
                .map((m) => m.dataType)
                .join(', ')})`,
          'unknown-code',
        );
        continue;
      }
      const hts = fields[1]!.trim();
      if (!HTS_NUMBER.test(hts)) {
        bad('Hts Num', hts, 'expected an HTS number of 2, 4, 6, 8 or 10 digits', 'unknown-code');
        continue;
      }
      const stated = `${measure.measure}|${record.fields.join(',')}`;
      if (seen.get(`${measure.measure}|${hts}`) === stated) continue;
      if (seen.has(`${measure.measure}|${hts}`)) {
        bad(
          'Hts Num',
          hts,
          `a second ${measure.dataType} row for this HTS number`,
          'duplicate-row',
        );
        continue;
      }
      seen.set(`${measure.measure}|${hts}`, stated);
      const values = new Map<number, bigint>();
      for (const [year, i] of layout.years) {
        const text = fields[i]!.trim();
        if (!/^-?\d+$/.test(text)) {
          bad(header[i]!, text, 'expected whole dollars', 'not-a-number');
          continue;
        }
        values.set(year, BigInt(text));
      }
      if (values.size !== layout.years.size) continue;
      if (layout.percent) {
        const { from, to, at } = layout.percent;
        const stated = fields[at]!.trim();
        const wrong = percentProblem(values.get(from)!, values.get(to)!, stated);
        if (wrong) bad(header[at]!, stated, wrong.message, wrong.code);
        else changes++;
      }
      for (const [year, value] of values) {
        if (value === 0n) zeros++;
        figures.push({
          flow: layout.flow,
          partnerCode: partner.code,
          partnerName: partner.name,
          hsCode: hts,
          description: fields[2]!.trim() || null,
          year,
          measure: measure.measure,
          value,
          unit: 'USD',
          suppressed: null,
        });
      }
    }
    if (figures.length === 0 && problems.length === 0)
      problems.push({ code: 'empty-file', file: s.path, message: 'the file has no data rows' });
    const years = [...layout.years.keys()];
    const notes = [
      `partner ${partner.name} (${partner.code}) taken from the file name "${s.name}": DataWeb's wide layout does not carry the country`,
      `trade flow "${layout.flowLabel}" (${layout.flow}); years ${years[0]}–${years.at(-1)}, one row per HTS number`,
      `${zeros} zero figures kept as DataWeb states them`,
      layout.percent
        ? `"${header[layout.percent.at]}" not loaded (derived from the year columns); ${changes} rows checked against them to 0.1 point`
        : 'no percent change column',
      'the wide layout records no download date: vintage "undated"',
    ];
    return datawebExtract(figures, undated, problems, notes);
  },
};

interface Layout {
  flow: NonNullable<ReturnType<typeof datawebFlow>>;
  flowLabel: string;
  /** Year → its column. */
  years: Map<number, number>;
  percent?: { from: number; to: number; at: number };
}

/** Checks every header cell, naming the column and its text when one is not as expected. */
function readHeader(file: string, header: string[], problems: Problem[]): Layout | undefined {
  const before = problems.length;
  const bad = (i: number, message: string, code: Problem['code'] = 'bad-header') =>
    problems.push({
      code,
      file,
      line: 1,
      column: `column ${i + 1}`,
      value: header[i] ?? '',
      message,
    });
  const flowLabel = DATA_TYPE.exec(header[0] ?? '')?.[1] ?? '';
  const flow = datawebFlow(flowLabel);
  if (!flow)
    bad(0, `expected "Data Type - <flow> by Commodity" with a flow of ${DATAWEB_FLOWS.join(', ')}`);
  if (header[1] !== 'Hts Num') bad(1, 'expected "Hts Num"');
  if (header[2] !== 'Description') bad(2, 'expected "Description"');
  const years = new Map<number, number>();
  let percent: Layout['percent'];
  for (let i = 3; i < header.length; i++) {
    const h = header[i]!;
    const year = YEAR.exec(h);
    const change = PERCENT.exec(h);
    if (year && !percent) {
      const y = Number(year[1]);
      if (years.has(y)) bad(i, `year ${y} appears twice`);
      years.set(y, i);
    } else if (change && i === header.length - 1) {
      const [from, to] = [Number(change[1]), Number(change[2])];
      if (!years.has(from) || !years.has(to))
        bad(i, `a percent change between years the file does not have (${from}, ${to})`);
      percent = { from, to, at: i };
    } else {
      bad(
        i,
        'expected "Year YYYY" columns, optionally followed by one "Percent Change YYYY - YYYY"',
      );
    }
  }
  if (years.size === 0 && problems.length === before) bad(3, 'expected "Year YYYY" columns');
  if (problems.length > before || !flow) return undefined;
  return { flow, flowLabel, years, percent };
}

/**
 * DataWeb rounds the change to one decimal; the stated figure must be within that rounding of
 * (to − from) / from. A change from zero has no percentage, so anything DataWeb writes there
 * that is not a number passes.
 */
function percentProblem(
  from: bigint,
  to: bigint,
  stated: string,
): Pick<Problem, 'code' | 'message'> | undefined {
  const n = Number(stated);
  const numeric = stated !== '' && Number.isFinite(n);
  const notNumber = { code: 'not-a-number', message: 'expected a percentage' } as const;
  if (from === 0n) return numeric || NO_CHANGE.has(stated) ? undefined : notNumber;
  if (!numeric) return notNumber;
  const computed = (Number(to - from) / Number(from)) * 100;
  if (Math.abs(computed - n) <= 0.05 + 1e-9) return undefined;
  return {
    code: 'bad-structure',
    message: `the percent change does not follow from the year columns (computed ${computed.toFixed(1)})`,
  };
}

/**
 * The partner a file name gives after "to" or "from": the longest run of the words after it
 * that names a country ("exports-to-south-korea-by-hts2" → South Korea).
 */
function partnerFromName(name: string): { code: string; name: string } | undefined {
  const words = name
    .replace(/\.[a-z]+$/i, '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w !== '');
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== 'to' && words[i] !== 'from') continue;
    for (let end = words.length; end > i + 1; end--) {
      const found = scheduleCCountry(words.slice(i + 1, end).join(' '));
      if (found) return found;
    }
  }
  return undefined;
}
