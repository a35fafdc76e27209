import type { Cell, FileExtract, SourceId } from '../model/extract.ts';
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

const COLUMNS = [
  'flow',
  'partner_code',
  'partner_name',
  'hs_code',
  'hs_level',
  'period_start',
  'period_end',
  'value_usd',
  'duty_usd',
  'geo_level',
  'geo',
];

/** A Census API result as read from any container: the variable names and the data rows. */
export interface CensusTable {
  header: string[];
  /** Each row with the line (CSV) or array element (JSON, 1-based) it came from. */
  records: { line: number; values: unknown }[];
}

/**
 * Census International Trade API rows (`exports|imports` × `hs|statehs|porths`) to
 * `trade_product`, whatever file they were saved in. Only the API's variables are read — a
 * saver's own columns (shares, derived HS6) are ignored; a header may name a variable twice
 * (filters come back at the end of each row) and the first occurrence is read. The world
 * total has CTY_CODE "-". `statehs` rows carry STATE (USPS code), `porths` rows PORT.
 */
export function censusApiRows(file: string, source: SourceId, table: CensusTable): FileExtract {
  const problems: Problem[] = [];
  const header = table.header.map((h) => h.trim());
  const at = (name: string) => header.indexOf(name);
  const exports = at('E_COMMODITY') >= 0;
  const commodity = exports ? 'E_COMMODITY' : 'I_COMMODITY';
  const values = Object.keys(VALUES).filter(
    (v) => at(v) >= 0 && (VALUES[v]?.flow === 'export') === exports,
  );
  const geoColumn = at('STATE') >= 0 ? 'STATE' : at('PORT') >= 0 ? 'PORT' : undefined;
  const dataset = geoColumn === 'STATE' ? 'statehs' : geoColumn === 'PORT' ? 'porths' : 'hs';
  const series = `${dataset}:${exports ? 'exports' : 'imports'}`;
  const missing = ['CTY_CODE', commodity].filter((c) => at(c) < 0);
  if (at('time') < 0 && (at('YEAR') < 0 || at('MONTH') < 0)) missing.push('time');
  if (values.length === 0) {
    missing.push(exports ? 'ALL_VAL_MO' : 'GEN_VAL_MO or CON_VAL_MO');
  }
  if (missing.length > 0) {
    problems.push({
      code: 'bad-header',
      file,
      line: 1,
      value: JSON.stringify(header).slice(0, 300),
      message: `the header lacks ${missing.join(', ')}`,
    });
    return result(source, series, [], problems, []);
  }
  if (table.records.length === 0) {
    problems.push({ code: 'empty-file', file, message: 'a header but no data rows' });
    return result(source, series, [], problems, []);
  }

  const rows: Cell[][] = [];
  let blank = 0;
  const bad = (line: number, code: Problem['code'], column: string, value: unknown, m: string) =>
    problems.push({ code, file, line, column, value: String(value), message: m });
  for (const { line, values: raw } of table.records) {
    if (!Array.isArray(raw) || raw.length !== header.length) {
      bad(
        line,
        'column-count',
        '',
        JSON.stringify(raw).slice(0, 200),
        `expected ${header.length} values`,
      );
      continue;
    }
    const get = (c: string) => {
      const v: unknown = raw[at(c)];
      return v === null || v === undefined ? '' : String(v).trim();
    };
    const partner = get('CTY_CODE');
    if (!/^(\d{4}|-)$/.test(partner)) {
      bad(
        line,
        'unknown-code',
        'CTY_CODE',
        partner,
        'expected a 4-digit Census country code or "-" (all countries)',
      );
      continue;
    }
    const hs = get(commodity);
    if (!/^\d{2}(\d{2}){0,4}$/.test(hs)) {
      bad(line, 'unknown-code', commodity, hs, 'expected an HS code of 2, 4, 6, 8 or 10 digits');
      continue;
    }
    const month = monthOf(get('time'), get('YEAR'), get('MONTH'));
    if (!month) {
      bad(
        line,
        'bad-date',
        'time',
        get('time') || `${get('YEAR')}-${get('MONTH')}`,
        'expected a month like 2024-01',
      );
      continue;
    }
    const geo = geoColumn ? get(geoColumn) : null;
    if (geoColumn && !geo) {
      bad(line, 'missing-value', geoColumn, '', `a ${dataset} row has no ${geoColumn}`);
      continue;
    }
    for (const v of values) {
      const spec = VALUES[v]!;
      const value = get(v);
      if (value === '') {
        blank++;
        continue;
      }
      if (!/^\d+$/.test(value)) {
        bad(line, 'not-a-number', v, value, 'expected whole US dollars');
        continue;
      }
      const duty = spec.duty && at(spec.duty) >= 0 ? get(spec.duty) : '';
      if (duty !== '' && !/^\d+$/.test(duty)) {
        bad(line, 'not-a-number', spec.duty!, duty, 'expected whole US dollars');
        continue;
      }
      // A partner, product and month stated twice is settled by the store (counted once, or a
      // reported conflict), as for every source.
      const start = spec.ytd ? `${month.slice(0, 4)}-01-01` : month;
      const level = geoColumn === 'STATE' ? 'state' : geoColumn === 'PORT' ? 'port' : 'country';
      rows.push([
        spec.flow,
        partner,
        get('CTY_NAME') || null,
        hs,
        hs.length,
        start,
        month,
        value,
        duty === '' ? null : duty,
        level,
        geo,
      ]);
    }
  }
  const notes = [`values from ${values.join(', ')}`];
  if (blank > 0) notes.push(`${blank} empty values (not published) skipped`);
  return result(source, series, rows, problems, notes);
}

/** A file that could not be read as a table at all (not JSON, truncated, no header). */
export function censusApiFailure(
  file: string,
  source: SourceId,
  code: Problem['code'],
  message: string,
): FileExtract {
  return result(source, 'unknown', [], [{ code, file, message }], []);
}

function monthOf(time: string, year: string, month: string): string | undefined {
  // The API sends 2024-12; a table saved through a timestamp type may say 2024-12-01 00:00:00.
  const m = /^(\d{4})-(0[1-9]|1[0-2])(?:-01(?:[ T]00:00:00)?)?$/.exec(time);
  if (m) return `${m[1]}-${m[2]}-01`;
  if (/^\d{4}$/.test(year) && /^(0?[1-9]|1[0-2])$/.test(month)) {
    return `${year}-${month.padStart(2, '0')}-01`;
  }
  return undefined;
}

function result(
  source: SourceId,
  series: string,
  rows: Cell[][],
  problems: Problem[],
  notes: string[],
): FileExtract {
  return {
    kind: 'file-extract',
    source,
    series,
    vintage: 'data-through',
    vintageBasis: 'data-through',
    notes,
    problems,
    extracts: [{ kind: 'rows', table: 'trade_product', columns: COLUMNS, rows }],
  };
}
