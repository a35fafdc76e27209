import type {
  ColumnCheck,
  FileExtract,
  ScanTally,
  ScanTarget,
  SourceId,
} from '../model/extract.ts';
import type { Flow } from '../model/flow.ts';
import type { Problem } from '../model/problem.ts';

/**
 * Value variables of the International Trade API and what each one measures. `_MO` covers
 * the `time` month alone, `_YR` January to that month. Calculated duty is assessed on imports
 * for consumption, so it travels with `CON_*`.
 */
const VALUES: Record<string, { flow: Flow; ytd: boolean; duty?: string }> = {
  ALL_VAL_MO: { flow: 'export', ytd: false },
  ALL_VAL_YR: { flow: 'export', ytd: true },
  GEN_VAL_MO: { flow: 'import_general', ytd: false },
  GEN_VAL_YR: { flow: 'import_general', ytd: true },
  CON_VAL_MO: { flow: 'import_consumption', ytd: false, duty: 'CAL_DUT_MO' },
  CON_VAL_YR: { flow: 'import_consumption', ytd: true, duty: 'CAL_DUT_YR' },
};

/** Whole dollars as the API writes them. */
const DOLLARS = `[0-9]+`;

/**
 * How a Census API result saved as CSV or JSON is staged and loaded by DuckDB: which of its
 * columns are the API's variables, the checks every value must pass (as SQL over the staged
 * text, reported with the line, column and value of the first bad rows), and one target per
 * value variable into `trade_product`. Only the API's variables are read — a saver's own
 * columns (shares, derived HS6) are ignored; a header may name a variable twice (filters come
 * back at the end of each row) and the first occurrence is read, the others staged under a
 * suffixed name. The world total has CTY_CODE "-". `statehs` rows carry STATE (USPS code),
 * `porths` rows PORT. A blank value is not published: skipped, and counted in the notes.
 */
export interface CensusScanPlan {
  /** Staged column names, in the header's order (repeats suffixed, never read). */
  columns: string[];
  series: string;
  checks: ColumnCheck[];
  targets: ScanTarget[];
  tallies: ScanTally[];
  notes: string[];
}

export function censusScanPlan(
  file: string,
  rawHeader: readonly string[],
): { plan: CensusScanPlan } | { problem: Problem } {
  const header = rawHeader.map((h) => h.trim());
  const seen = new Map<string, number>();
  const columns = header.map((h) => {
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h} (${n})`;
  });
  const has = (name: string) => seen.has(name);
  const exports = has('E_COMMODITY');
  const commodity = exports ? 'E_COMMODITY' : 'I_COMMODITY';
  const values = Object.keys(VALUES).filter(
    (v) => has(v) && (VALUES[v]?.flow === 'export') === exports,
  );
  const geoColumn = has('STATE') ? 'STATE' : has('PORT') ? 'PORT' : undefined;
  const dataset = geoColumn === 'STATE' ? 'statehs' : geoColumn === 'PORT' ? 'porths' : 'hs';
  const series = `${dataset}:${exports ? 'exports' : 'imports'}`;
  const missing = ['CTY_CODE', commodity].filter((c) => !has(c));
  const byYearMonth = !has('time') && has('YEAR') && has('MONTH');
  if (!has('time') && !byYearMonth) missing.push('time');
  if (values.length === 0) missing.push(exports ? 'ALL_VAL_MO' : 'GEN_VAL_MO or CON_VAL_MO');
  if (missing.length > 0) {
    return {
      problem: {
        code: 'bad-header',
        file,
        line: 1,
        value: JSON.stringify(header).slice(0, 300),
        message: `the header lacks ${missing.join(', ')}`,
      },
    };
  }

  const q = (c: string) => `"${c.replaceAll('"', '""')}"`;
  // Values are read as the API writes them, unpadded: the checks refuse a padded one (with
  // its line) rather than trimming a million values that never are.
  const text = (c: string) => q(c);
  const checks: ColumnCheck[] = [
    {
      column: 'CTY_CODE',
      rule: { kind: 'required' },
    },
    {
      column: 'CTY_CODE',
      rule: {
        kind: 'pattern',
        regex: '[0-9]{4}|-',
        expected: 'a 4-digit Census country code or "-" (all countries)',
      },
    },
    {
      column: commodity,
      rule: { kind: 'required' },
    },
    {
      column: commodity,
      rule: {
        kind: 'pattern',
        regex: '[0-9]{2}([0-9]{2}){0,4}',
        expected: 'an HS code of 2, 4, 6, 8 or 10 digits',
      },
    },
  ];
  let month: string;
  if (byYearMonth) {
    month = `make_date(CAST(${text('YEAR')} AS INTEGER), CAST(${text('MONTH')} AS INTEGER), 1)`;
    for (const [c, regex] of [
      ['YEAR', '[0-9]{4}'],
      ['MONTH', '0?[1-9]|1[0-2]'],
    ] as const) {
      checks.push({ column: c, rule: { kind: 'required' } });
      checks.push({
        column: c,
        rule: { kind: 'pattern', regex, expected: 'a month like 2024-01', code: 'bad-date' },
      });
    }
  } else {
    // The API sends 2024-12; a table saved through a timestamp type may say 2024-12-01 00:00:00.
    month = `CAST(left(${text('time')}, 7) || '-01' AS DATE)`;
    checks.push({ column: 'time', rule: { kind: 'required' } });
    checks.push({
      column: 'time',
      rule: {
        kind: 'pattern',
        regex: '[0-9]{4}-(0[1-9]|1[0-2])(-01([ T]00:00:00)?)?',
        expected: 'a month like 2024-01',
        code: 'bad-date',
      },
    });
  }
  if (geoColumn) checks.push({ column: geoColumn, rule: { kind: 'required' } });
  const dollars = (c: string): ColumnCheck[] => [
    {
      column: c,
      rule: { kind: 'pattern', regex: DOLLARS, expected: 'whole US dollars', code: 'not-a-number' },
    },
  ];
  const blank = (c: string) => `(${q(c)} IS NULL OR trim(${q(c)}) = '')`;
  const level = geoColumn === 'STATE' ? 'state' : geoColumn === 'PORT' ? 'port' : 'country';
  const targets: ScanTarget[] = [];
  for (const v of values) {
    const spec = VALUES[v]!;
    checks.push(...dollars(v));
    const duty = spec.duty && has(spec.duty) ? spec.duty : undefined;
    if (duty && !checks.some((c) => c.column === duty)) checks.push(...dollars(duty));
    targets.push({
      table: 'trade_product',
      select: {
        flow: `'${spec.flow}'`,
        partner_code: text('CTY_CODE'),
        partner_name: has('CTY_NAME') ? `nullif(${text('CTY_NAME')}, '')` : 'NULL',
        hs_code: text(commodity),
        hs_level: `length(${text(commodity)})`,
        period_start: spec.ytd ? `date_trunc('year', ${month})` : month,
        period_end: month,
        value_usd: text(v),
        duty_usd: duty ? `nullif(${text(duty)}, '')` : 'NULL',
        geo_level: `'${level}'`,
        geo: geoColumn ? text(geoColumn) : 'NULL',
      },
      // A partner, product and month stated twice is settled by the store (counted once, or
      // a reported conflict), as for every source.
      where: `NOT ${blank(v)}`,
    });
  }
  return {
    plan: {
      columns,
      series,
      checks,
      targets,
      // Each blank value, not each row with one: a row can leave several unpublished.
      tallies: [
        {
          count: values.map((v) => `CAST(${blank(v)} AS INTEGER)`).join(' + '),
          note: '{n} empty values (not published) skipped',
        },
      ],
      notes: [`values from ${values.join(', ')}`],
    },
  };
}

/** A file whose Census API table could not be read at all (not JSON, no header, …). */
export function censusApiFailure(
  file: string,
  source: SourceId,
  code: Problem['code'],
  message: string,
  series = 'unknown',
): FileExtract {
  return {
    kind: 'file-extract',
    source,
    series,
    vintage: 'data-through',
    vintageBasis: 'data-through',
    notes: [],
    problems: [{ code, file, message }],
    extracts: [{ kind: 'rows', table: 'trade_product', columns: [], rows: [] }],
  };
}
