import { readFile } from 'node:fs/promises';
import type { Cell, FileExtract } from '../model/extract.ts';
import type { Flow } from '../model/flow.ts';
import type { Problem } from '../model/problem.ts';
import type { FileSample, Source } from './source.ts';

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

/**
 * A raw response of the Census International Trade API (`exports|imports` × `hs|statehs|
 * porths`): a JSON array of arrays whose first row names the variables and whose values are
 * all strings. Variables used as filters come back again at the end of each row (a header
 * may name CTY_CODE twice); the first occurrence is read. The world total has CTY_CODE "-".
 * `statehs` rows carry STATE (USPS code), `porths` rows PORT (Schedule D code).
 */
export const censusApiJson: Source = {
  id: 'census-api-json',
  expects:
    'Census International Trade API JSON (an array of string arrays, header row with CTY_CODE, E_COMMODITY or I_COMMODITY, time and ALL_VAL_MO / GEN_VAL_MO / CON_VAL_MO)',
  detect: (s) =>
    s.container === 'text' &&
    /^\s*\[\s*\[\s*"/.test(s.head) &&
    /"CTY_CODE"/.test(s.head.slice(0, 2000)) &&
    /"[EI]_COMMODITY"/.test(s.head.slice(0, 2000)),
  async read(s: FileSample): Promise<FileExtract> {
    const problems: Problem[] = [];
    const fail = (code: Problem['code'], message: string) => {
      problems.push({ code, file: s.path, message });
      return result('unknown', [], problems, []);
    };
    const text = await readFile(s.path, 'utf8');
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      const cut = !text.trimEnd().endsWith(']');
      return fail(
        cut ? 'truncated' : 'bad-structure',
        `${cut ? 'the JSON ends early (truncated?)' : 'not valid JSON'}: ${(e as Error).message}`,
      );
    }
    if (!Array.isArray(doc) || !Array.isArray(doc[0])) {
      return fail('bad-structure', 'expected a JSON array of arrays with a header row first');
    }
    const header = (doc[0] as unknown[]).map((h) => String(h));
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
        file: s.path,
        line: 1,
        value: JSON.stringify(header).slice(0, 300),
        message: `the header lacks ${missing.join(', ')}`,
      });
      return result(series, [], problems, []);
    }
    if (doc.length < 2) return fail('empty-file', 'the response has a header but no data rows');

    const rows: Cell[][] = [];
    const seen = new Set<string>();
    let blank = 0;
    const bad = (line: number, code: Problem['code'], column: string, value: unknown, m: string) =>
      problems.push({ code, file: s.path, line, column, value: String(value), message: m });
    for (let i = 1; i < doc.length; i++) {
      const raw: unknown = doc[i];
      const line = i + 1;
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
        const key = [spec.flow, spec.ytd, partner, hs, month, geo].join('|');
        if (seen.has(key)) {
          bad(line, 'duplicate-row', v, value, 'this partner, product and month appear twice');
          continue;
        }
        seen.add(key);
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
    return result(series, rows, problems, notes);
  },
};

function monthOf(time: string, year: string, month: string): string | undefined {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(time);
  if (m) return `${m[1]}-${m[2]}-01`;
  if (/^\d{4}$/.test(year) && /^(0?[1-9]|1[0-2])$/.test(month)) {
    return `${year}-${month.padStart(2, '0')}-01`;
  }
  return undefined;
}

function result(series: string, rows: Cell[][], problems: Problem[], notes: string[]): FileExtract {
  return {
    kind: 'file-extract',
    source: 'census-api-json',
    series,
    vintage: 'data-through',
    vintageBasis: 'data-through',
    notes,
    problems,
    extracts: [{ kind: 'rows', table: 'trade_product', columns: COLUMNS, rows }],
  };
}
