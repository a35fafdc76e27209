import XLSX from '@e965/xlsx';
import { readWorkbook } from './read-workbook.ts';
import type { FileExtract } from '../model/extract.ts';
import type { Flow } from '../model/flow.ts';
import type { Problem } from '../model/problem.ts';
import { datawebExtract, HTS_NUMBER, type DatawebFigure } from './dataweb-extract.ts';
import { DATAWEB_FLOWS, datawebFlow } from './dataweb-flow.ts';
import { DATAWEB_MEASURES, type DatawebMeasure } from './dataweb-measures.ts';
import { excelSerialDate } from './excel-serial-date.ts';
import { scheduleCCountry } from './schedule-c-names.ts';
import type { FileSample, Source } from './source.ts';

const PARAMETERS = 'Query Parameters';
/** Every measure sheet starts with these columns; its value column follows. */
const LEADING = [
  'Data Type',
  'Country',
  'Year',
  'HTS Number',
  'Description',
  'Quantity Description',
];
const VALUE_AT = LEADING.length;
const SUPPRESSED_AT = LEADING.length + 1;
/** DataWeb ends each dollar sheet with a row whose Data Type is this and whose value is the sum. */
const TOTAL = 'Total:';

type Row = unknown[];

/**
 * A raw USITC DataWeb query download (xlsx, "grid" layout): a `Query Parameters` sheet that
 * records the query, then one sheet per measure with one row per country, year and HTS
 * number. DataWeb names countries, never codes them: each is resolved to its Census Schedule C
 * code. Zero figures are kept: they are what DataWeb states (a duty-free line's calculated
 * duty is a real zero), and dropping them would make a zero look like a line not downloaded.
 */
export const usitcDatawebXlsx: Source = {
  id: 'usitc-dataweb',
  expects: `USITC DataWeb query download xlsx (a "${PARAMETERS}" sheet, then one sheet per measure headed ${LEADING.join(',')},<measure>)`,
  detect(s: FileSample): boolean {
    if (s.container !== 'zip') return false;
    try {
      const wb = readWorkbook(s.path, { sheetRows: 6, sheets: PARAMETERS });
      const sheet = wb.Sheets[PARAMETERS];
      if (!sheet) return false;
      const rows = XLSX.utils.sheet_to_json<Row>(sheet, { header: 1 });
      return rows.some((r) => r[0] === 'Trade Flow');
    } catch {
      return false;
    }
  },
  async read(s: FileSample): Promise<FileExtract> {
    const wb = readWorkbook(s.path);
    const problems: Problem[] = [];
    const query = readParameters(s.path, wb, problems);
    const figures: DatawebFigure[] = [];
    const counts: string[] = [];
    let zeros = 0;
    let suppressed = 0;
    let totals = 0;
    const trimmed = new Set<string>();
    for (const name of wb.SheetNames) {
      if (name === PARAMETERS) continue;
      const sheet = readMeasureSheet(s.path, name, wb.Sheets[name]!, query?.flow, problems);
      if (!sheet) continue;
      figures.push(...sheet.figures);
      counts.push(`${sheet.measure.measure} ${sheet.figures.length}`);
      zeros += sheet.figures.filter((f) => f.value === 0n).length;
      suppressed += sheet.figures.filter((f) => f.suppressed === true).length;
      if (sheet.totalChecked) totals++;
      for (const n of sheet.trimmed) trimmed.add(n);
    }
    if (figures.length === 0 && problems.length === 0)
      problems.push({ code: 'empty-file', file: s.path, message: 'no measure sheet has any rows' });
    const notes = [
      ...(query?.notes ?? []),
      `rows by measure: ${counts.join(', ')}`,
      `${zeros} zero figures kept as DataWeb states them (a zero duty on a duty-free line is a real zero)`,
      `${totals} sheet totals (DataWeb's "Total:" rows) checked against the sum of their rows, not loaded`,
      'partners resolved from DataWeb country names to Census Schedule C codes',
    ];
    if (suppressed > 0) notes.push(`${suppressed} quantities flagged as suppressed by DataWeb`);
    if (trimmed.size > 0)
      notes.push(`country names with stray spaces trimmed: ${[...trimmed].join(', ')}`);
    const vintage = query?.downloaded
      ? { vintage: query.downloaded.slice(0, 10), vintageBasis: 'file-content' as const }
      : { vintage: 'undated', vintageBasis: 'file-content' as const };
    return datawebExtract(figures, vintage, problems, notes);
  },
};

interface Query {
  flow: Flow;
  downloaded: string | undefined;
  notes: string[];
}

/**
 * The `Query Parameters` sheet: label / value pairs under "Step N" headings. The same label
 * ("Select Type") recurs under several steps, so each is read as step and label.
 */
function readParameters(file: string, wb: XLSX.WorkBook, problems: Problem[]): Query | undefined {
  const ws = wb.Sheets[PARAMETERS]!;
  const first = ws['!ref'] ? XLSX.utils.decode_range(ws['!ref']).s.r : 0;
  const rows = XLSX.utils.sheet_to_json<Row>(ws, { header: 1, defval: null, blankrows: true });
  const at = new Map<string, { value: unknown; line: number }>();
  let step = '';
  rows.forEach((r, i) => {
    const label = String(r[0] ?? '').trim();
    if (/^Step \d+/.test(label)) step = label.replace(/:.*/, '');
    else if (label !== '') at.set(`${step}|${label}`, { value: r[1], line: first + i + 1 });
  });
  const get = (step: string, label: string) => at.get(`${step}|${label}`);
  const text = (step: string, label: string) => String(get(step, label)?.value ?? '').trim();
  const bad = (step: string, label: string, message: string, code: Problem['code']) => {
    const cell = get(step, label);
    problems.push({
      code,
      file,
      ...(cell ? { line: cell.line, value: String(cell.value ?? '') } : {}),
      column: `${PARAMETERS}!${label}`,
      message,
    });
  };

  const flowLabel = text('Step 1', 'Trade Flow');
  const flow = datawebFlow(flowLabel);
  if (!flow) {
    bad(
      'Step 1',
      'Trade Flow',
      `not a trade flow Frontera records (expected ${DATAWEB_FLOWS.join(', ')})`,
      'unknown-code',
    );
    return undefined;
  }
  // A year-to-date download labels partial years with the bare year: refuse it rather than
  // store part of a year as the whole of it.
  const yearsKind = text('Step 2', 'Select Type');
  const timeframe = text('Step 2', 'Timeframe Aggregation');
  if (yearsKind !== 'Full Years' || timeframe !== 'Annual') {
    bad(
      'Step 2',
      yearsKind !== 'Full Years' ? 'Select Type' : 'Timeframe Aggregation',
      'only downloads of full years aggregated annually are read (Select Type "Full Years", Timeframe Aggregation "Annual")',
      'bad-structure',
    );
  }
  const serial = get('', 'Download Date')?.value;
  const downloaded = typeof serial === 'number' ? excelSerialDate(serial) : undefined;
  if (serial != null && downloaded === undefined)
    bad('', 'Download Date', 'expected the download date as an Excel date', 'bad-date');
  const commodities = text('Step 4', 'Commodity List')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const notes = [
    downloaded
      ? `DataWeb query downloaded ${downloaded.replace('T', ' ')} (Excel serial ${String(serial)}; no time zone stated)`
      : 'the query records no download date: vintage "undated"',
    `trade flow "${flowLabel}" (${flow}); classification ${text('Step 1', 'Classification System') || 'not stated'}; years ${text('Step 2', 'Years')} (${timeframe})`,
    `commodities: ${text('Step 4', 'Select Type')}, ${commodities.length} in the list, at ${text('Step 4', 'Commodity Aggregation Level')} digits (${text('Step 4', 'Commodity Aggregation')})`,
    `countries: ${text('Step 3', 'Select Type')} (${text('Step 3', 'Country Aggregation')}); programs: ${text('Step 5', 'Select Type')}; districts: ${text('Step 7', 'Select Type')}`,
  ];
  return { flow, downloaded, notes };
}

interface MeasureSheet {
  measure: DatawebMeasure;
  figures: DatawebFigure[];
  totalChecked: boolean;
  trimmed: string[];
}

function readMeasureSheet(
  file: string,
  name: string,
  ws: XLSX.WorkSheet,
  flow: Flow | undefined,
  problems: Problem[],
): MeasureSheet | undefined {
  const first = ws['!ref'] ? XLSX.utils.decode_range(ws['!ref']).s.r : 0;
  // Blank rows kept, so that a row's index gives its line in the sheet.
  const rows = XLSX.utils.sheet_to_json<Row>(ws, { header: 1, defval: null, blankrows: true });
  const header = (rows[0] ?? []).map((h) => String(h ?? '').trim());
  const title = header[VALUE_AT] ?? '';
  const measure = DATAWEB_MEASURES[title];
  const headerProblem = (i: number, message: string) =>
    problems.push({
      code: 'bad-header',
      file,
      line: first + 1,
      column: `${name}!${i < LEADING.length ? LEADING[i] : `column ${i + 1}`}`,
      value: header[i] ?? '',
      message: `sheet "${name}": ${message}`,
    });
  if (!measure) {
    headerProblem(
      VALUE_AT,
      `column ${VALUE_AT + 1} should name a DataWeb measure (${Object.keys(DATAWEB_MEASURES).join(', ')})`,
    );
    return undefined;
  }
  const expected = [...LEADING, title, ...(measure.money ? [] : ['Suppressed'])];
  const wrong = expected.findIndex((h, i) => header[i] !== h);
  if (wrong >= 0 || header.length > expected.length) {
    const i = wrong >= 0 ? wrong : expected.length;
    headerProblem(i, `expected the header ${expected.join(',')}; column ${i + 1} differs`);
    return undefined;
  }
  if (flow === undefined) return undefined;

  const figures: DatawebFigure[] = [];
  const seen = new Map<string, string>();
  const trimmed = new Set<string>();
  let sum = 0n;
  let totalChecked = false;
  const problemsBefore = problems.length;
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i] ?? [];
    const line = first + i + 1;
    if (r.every((v) => v === null || v === '')) continue;
    const bad = (column: string, value: unknown, message: string, code: Problem['code']) =>
      problems.push({
        code,
        file,
        line,
        column: `${name}!${column}`,
        value: String(value ?? ''),
        message,
      });
    const dataType = String(r[0] ?? '').trim();
    if (dataType === TOTAL) {
      const stated = wholeNumber(r[VALUE_AT], true);
      if (stated === undefined)
        bad(title, r[VALUE_AT], 'expected the sheet total as a whole number', 'not-a-number');
      // Rows already refused would make any total disagree: say so only of a clean sheet.
      else if (stated !== sum && problems.length === problemsBefore)
        bad(
          title,
          r[VALUE_AT],
          `the sheet total is not the sum of its rows (${sum})`,
          'bad-structure',
        );
      totalChecked = true;
      continue;
    }
    if (dataType !== measure.dataType) {
      bad('Data Type', r[0], `expected "${measure.dataType}" on sheet "${name}"`, 'unknown-code');
      continue;
    }
    const countryName = String(r[1] ?? '');
    const country = scheduleCCountry(countryName);
    if (!country) {
      bad(
        'Country',
        r[1],
        "not a country Census Schedule C names (add DataWeb's spelling to src/sources/schedule-c-names.ts)",
        'unknown-code',
      );
      continue;
    }
    if (countryName !== countryName.trim()) trimmed.add(JSON.stringify(countryName));
    const year = r[2];
    if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900 || year > 2100) {
      bad('Year', year, 'expected a year', 'bad-date');
      continue;
    }
    const hts = r[3];
    if (typeof hts !== 'string' || !HTS_NUMBER.test(hts.trim())) {
      bad(
        'HTS Number',
        hts,
        'expected an HTS number of 2, 4, 6, 8 or 10 digits, as text (leading zeros kept)',
        'unknown-code',
      );
      continue;
    }
    const value = wholeNumber(r[VALUE_AT], false);
    if (value === undefined) {
      bad(title, r[VALUE_AT], 'expected a whole number', 'not-a-number');
      continue;
    }
    let unit = 'USD';
    let suppressed: boolean | null = null;
    if (!measure.money) {
      unit = String(r[5] ?? '').trim();
      if (unit === '') {
        bad('Quantity Description', r[5], 'a quantity needs its unit', 'missing-value');
        continue;
      }
      const flag = r[SUPPRESSED_AT];
      if (flag !== 0 && flag !== 1) {
        bad('Suppressed', flag, 'expected 0 or 1', 'unknown-code');
        continue;
      }
      suppressed = flag === 1;
    }
    const key = `${country.code}|${year}|${hts.trim()}`;
    // The same row again is a repeat, counted once; a second, different value is refused, since
    // the sheet's own total could not be squared with it.
    const stated = JSON.stringify(r, (_k, v: unknown) => (typeof v === 'string' ? v.trim() : v));
    if (seen.get(key) === stated) continue;
    if (seen.has(key)) {
      bad('HTS Number', hts, `a second row for ${countryName.trim()}, ${year}`, 'duplicate-row');
      continue;
    }
    seen.set(key, stated);
    sum += value;
    figures.push({
      flow,
      partnerCode: country.code,
      partnerName: countryName.trim(),
      hsCode: hts.trim(),
      description: r[4] == null ? null : String(r[4]).trim(),
      year,
      measure: measure.measure,
      value,
      unit,
      suppressed,
    });
  }
  return { measure, figures, totalChecked, trimmed: [...trimmed] };
}

/** A whole number from a cell; totals are text with thousands separators ("72,806,911,050"). */
function wholeNumber(v: unknown, grouped: boolean): bigint | undefined {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? BigInt(v) : undefined;
  if (typeof v !== 'string') return undefined;
  const t = grouped ? v.trim().replace(/,(?=\d{3}(\D|$))/g, '') : v.trim();
  return /^-?\d+$/.test(t) ? BigInt(t) : undefined;
}
