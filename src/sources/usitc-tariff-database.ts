import XLSX from '@e965/xlsx';
import { readWorkbook } from './read-workbook.ts';
import type { Cell, FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import type { FileSample, Source } from './source.ts';

/**
 * USITC's code key for the `*_rate_type_code` columns: how the ad valorem, specific and
 * "other" rate columns combine. N and Q are not in the key but occur in chapter 98/99 lines
 * (no rate in the column; quota quantities): both mean "nothing to compute from the columns".
 */
export const RATE_TYPES: Record<string, string> = {
  '0': 'free',
  '1': 'specific rate × first quantity',
  '2': 'specific rate × second quantity',
  '3': 'specific × first quantity + other × second quantity',
  '4': 'specific × first quantity + ad valorem × value',
  '5': 'specific × second quantity + ad valorem × value',
  '6': 'specific × first quantity + other × second quantity + ad valorem × value',
  '7': 'ad valorem × value',
  '9': 'ad valorem × a derived duty (see the HTS)',
  K: 'see the HTS for the computation',
  X: 'see the HTS for the computation',
  T: 'computed at the 10-digit level (see the HTS)',
  N: 'no rate in this column',
  Q: 'quota quantity, not a rate',
};

/** The columns read, by the name the database gives them, and where they go. */
const COLUMNS = {
  hts8: 'hts8',
  brief_description: 'description',
  quantity_1_code: 'quantity_1',
  quantity_2_code: 'quantity_2',
  mfn_text_rate: 'mfn_text',
  mfn_rate_type_code: 'mfn_rate_type',
  mfn_ad_val_rate: 'mfn_ad_valorem',
  mfn_specific_rate: 'mfn_specific',
  mfn_other_rate: 'mfn_other',
  mfn_ave: 'mfn_ave',
  col1_special_text: 'special_text',
  usmca_indicator: 'usmca_indicator',
  usmca_rate_type_code: 'usmca_rate_type',
  usmca_ad_val_rate: 'usmca_ad_valorem',
  usmca_specific_rate: 'usmca_specific',
  civil_air_indicator: 'civil_aircraft',
  pharmaceutical_ind: 'pharmaceutical',
  dyes_indicator: 'dyes',
  col2_text_rate: 'col2_text',
  col2_ad_val_rate: 'col2_ad_valorem',
  begin_effect_date: 'begin_date',
  end_effective_date: 'end_date',
  additional_duty: 'additional_duty',
  footnote_comment: 'footnote',
} as const;

type SourceColumn = keyof typeof COLUMNS;
const RATES = new Set<SourceColumn>([
  'mfn_ad_val_rate',
  'mfn_specific_rate',
  'mfn_other_rate',
  'mfn_ave',
  'usmca_ad_val_rate',
  'usmca_specific_rate',
  'col2_ad_val_rate',
]);
const TYPES = new Set<SourceColumn>(['mfn_rate_type_code', 'usmca_rate_type_code']);
const FLAGS = new Set<SourceColumn>([
  'civil_air_indicator',
  'pharmaceutical_ind',
  'dyes_indicator',
]);
const DATES = new Set<SourceColumn>(['begin_effect_date', 'end_effective_date']);

/**
 * Read as plain values only: a dense sheet (rows of cells, not an object keyed by address)
 * without the formatted text, HTML and number formats SheetJS adds to every cell by default,
 * none of which this reader uses (it reads raw values). Measured on the 12,975-row 2024
 * database: peak RSS 408 MiB → 245 MiB for the read alone.
 */
const PLAIN_VALUES = { dense: true, cellText: false, cellHTML: false, cellNF: false } as const;

/** The database writes 9999.999999 (older columns 9999.99) where a rate cannot be computed. */
const SENTINEL = 9999.99;

/**
 * The USITC annual tariff database (xlsx, one sheet, one row per HTS8 line, 122 columns).
 * Rates are fractions; the 9999.999999 sentinel becomes NULL, never a rate. Chapter 99 lines
 * are legal provisions for additional duties, not products, and are marked so.
 */
export const usitcTariffDatabase: Source = {
  id: 'usitc-tariff-database',
  expects:
    'USITC annual tariff database xlsx (first-sheet header hts8,brief_description,…,mfn_rate_type_code,…)',
  detect(s: FileSample): boolean {
    if (s.container !== 'zip') return false;
    try {
      const wb = readWorkbook(s.path, { ...PLAIN_VALUES, sheetRows: 1 });
      const first = wb.Sheets[wb.SheetNames[0] ?? ''];
      const row = first
        ? XLSX.utils.sheet_to_json<unknown[]>(first, { header: 1, raw: true })[0]
        : [];
      return row?.[0] === 'hts8' && (row ?? []).includes('mfn_rate_type_code');
    } catch {
      return false;
    }
  },
  async read(s: FileSample): Promise<FileExtract> {
    const wb = readWorkbook(s.path, PLAIN_VALUES);
    const sheet = wb.SheetNames[0] ?? '';
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[sheet]!, {
      header: 1,
      raw: true,
      defval: null,
    });
    const problems: Problem[] = [];
    const header = (rows[0] ?? []).map((h) => String(h ?? ''));
    const missing = (Object.keys(COLUMNS) as SourceColumn[]).filter((c) => !header.includes(c));
    if (missing.length > 0) {
      problems.push({
        code: 'bad-header',
        file: s.path,
        line: 1,
        value: header.slice(0, 12).join(','),
        message: `not the tariff database layout: missing ${missing.join(', ')}`,
      });
      return result(sheet, null, [], problems, []);
    }
    const at = Object.fromEntries(header.map((h, i) => [h, i])) as Record<SourceColumn, number>;
    const when = scheduleOf(sheet, s.name);
    if (!when) {
      problems.push({
        code: 'bad-structure',
        file: s.path,
        message: `cannot tell the schedule year: neither the sheet name (${sheet}) nor the file name has one`,
      });
      return result(sheet, null, [], problems, []);
    }

    let sentinels = 0;
    let padded = 0;
    const counts = { product: 0, special: 0, chapter99: 0 };
    const out: Cell[][] = [];
    for (let i = 1; i < rows.length; i++) {
      const r = rows[i] ?? [];
      const line = i + 1;
      if (r.every((v) => v === null || v === '')) continue;
      const bad = (column: string, value: unknown, message: string, code: Problem['code']) =>
        problems.push({ code, file: s.path, line, column, value: String(value), message });
      let hts8 = r[at.hts8];
      // A spreadsheet that stored codes as numbers lost their leading zeros (01012100 → 1012100).
      if (typeof hts8 === 'number' && Number.isInteger(hts8)) {
        hts8 = String(hts8).padStart(8, '0');
        padded++;
      }
      if (typeof hts8 !== 'string' || !/^\d{8}$/.test(hts8.trim())) {
        bad('hts8', hts8, 'expected an 8-digit HTS number', 'unknown-code');
        continue;
      }
      const code = hts8.trim();
      const kind = code.startsWith('99')
        ? 'chapter99'
        : code.startsWith('98')
          ? 'special'
          : 'product';
      counts[kind]++;
      const values: Cell[] = [when.year, code, kind];
      for (const c of Object.keys(COLUMNS) as SourceColumn[]) {
        if (c === 'hts8') continue;
        const v = r[at[c]];
        if (RATES.has(c)) {
          if (v === null || v === '') values.push(null);
          else if (typeof v !== 'number' || !Number.isFinite(v)) {
            bad(c, v, 'expected a rate as a number', 'not-a-number');
            values.push(null);
          } else if (v >= SENTINEL) {
            sentinels++;
            values.push(null);
          } else values.push(v);
        } else if (TYPES.has(c)) {
          const t = v === null ? null : String(v).trim();
          if (t !== null && t !== '' && !(t in RATE_TYPES))
            bad(
              c,
              v,
              `unknown rate type code (known: ${Object.keys(RATE_TYPES).join(', ')})`,
              'unknown-code',
            );
          values.push(t === '' ? null : t);
        } else if (FLAGS.has(c)) values.push(v !== null && String(v).trim() !== '');
        else if (DATES.has(c)) {
          const d = dateOf(v);
          if (v !== null && v !== '' && d === undefined) bad(c, v, 'expected a date', 'bad-date');
          values.push(d ?? null);
        } else values.push(v === null || String(v).trim() === '' ? null : String(v).trim());
      }
      out.push(values);
    }
    if (out.length === 0 && problems.length === 0)
      problems.push({ code: 'empty-file', file: s.path, message: 'the sheet has no tariff lines' });
    const notes = [
      `schedule year ${when.year}: ${counts.product} product lines, ${counts.special} chapter 98 provisions, ${counts.chapter99} chapter 99 lines (additional duties, not products)`,
      `${sentinels} rate cells hold the 9999.999999 "not computable" sentinel and are stored as NULL`,
    ];
    if (padded > 0) notes.push(`${padded} HTS numbers stored as numbers: leading zeros restored`);
    return result(sheet, when.vintage, out, problems, notes);
  },
};

function scheduleOf(sheet: string, file: string): { year: number; vintage: string } | undefined {
  const m = /(\d{4})(\d{2})$/.exec(sheet);
  if (m) return { year: Number(m[1]), vintage: `${m[1]}-${m[2]}` };
  const y = /(19|20)\d{2}/.exec(file);
  return y ? { year: Number(y[0]), vintage: y[0] } : undefined;
}

/** Excel serial day numbers (40942 = 2012-02-02) or M/D/YYYY text, as the releases vary. */
function dateOf(v: unknown): string | undefined {
  if (typeof v === 'number' && v > 0 && v < 100000) {
    return new Date(Date.UTC(1899, 11, 30) + v * 86400000).toISOString().slice(0, 10);
  }
  const m = typeof v === 'string' ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v.trim()) : null;
  if (m) return `${m[3]}-${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
  return undefined;
}

function result(
  sheet: string,
  vintage: string | null,
  rows: Cell[][],
  problems: Problem[],
  notes: string[],
): FileExtract {
  return {
    kind: 'file-extract',
    source: 'usitc-tariff-database',
    series: 'tariff-database',
    vintage: vintage ?? 'undated',
    vintageBasis: /\d{6}$/.test(sheet) ? 'file-content' : 'file-name',
    notes,
    problems,
    extracts: [
      {
        kind: 'rows',
        table: 'tariff_line',
        columns: [
          'year',
          'hts8',
          'line_kind',
          ...Object.values(COLUMNS).filter((c) => c !== 'hts8'),
        ],
        rows,
      },
    ],
  };
}
