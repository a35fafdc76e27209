import { readFile } from 'node:fs/promises';
import type { Cell, FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import { CROSSING_MEASURES } from './bts-border-crossing.ts';
import type { FileSample, Source } from './source.ts';

const BORDERS: Readonly<Record<string, 'canada' | 'mexico'>> = {
  'US-Canada Border': 'canada',
  'US-Mexico Border': 'mexico',
};
const MEASURES = new Set<string>(CROSSING_MEASURES);
const CROSSING_COLUMNS = ['port_code', 'port_name', 'state', 'border', 'measure', 'month', 'count'];
const PORT_COLUMNS = ['port_code', 'name', 'state', 'border', 'latitude', 'longitude'];

/**
 * BTS Border Crossing Entry Data as the Socrata API serves it (`resource/keg4-3bc2.json`):
 * a JSON array of row objects keyed by the dataset's field names, every value a string, dates
 * as floating timestamps (`2024-01-01T00:00:00.000`), fields with no value left out. The same
 * dataset and series as the CSV export, so a year synced from the API supersedes the same
 * months of an older CSV.
 */
export const btsBorderCrossingJson: Source = {
  id: 'bts-border-crossing-json',
  expects:
    'BTS Border Crossing Entry Data as Socrata JSON (an array of objects with port_code, border, date, measure, value)',
  detect: (s) =>
    s.container === 'text' &&
    /^\s*\[\s*\{/.test(s.head) &&
    /"port_code"\s*:/.test(s.head) &&
    /"measure"\s*:/.test(s.head),
  async read(s: FileSample): Promise<FileExtract> {
    const problems: Problem[] = [];
    const text = await readFile(s.path, 'utf8');
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (e) {
      const cut = !text.trimEnd().endsWith(']');
      problems.push({
        code: cut ? 'truncated' : 'bad-structure',
        file: s.path,
        message: `${cut ? 'the JSON ends early (truncated?)' : 'not valid JSON'}: ${(e as Error).message}`,
      });
      return result([], [], problems);
    }
    if (!Array.isArray(doc)) {
      problems.push({ code: 'bad-structure', file: s.path, message: 'expected a JSON array' });
      return result([], [], problems);
    }
    if (doc.length === 0) {
      problems.push({ code: 'empty-file', file: s.path, message: 'the response has no rows' });
      return result([], [], problems);
    }
    const crossings: Cell[][] = [];
    const ports = new Map<string, Cell[]>();
    const bad = (i: number, code: Problem['code'], column: string, value: string, m: string) =>
      problems.push({ code, file: s.path, line: i + 1, column, value, message: m });

    for (const [i, row] of doc.entries()) {
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        bad(
          i,
          'bad-structure',
          `[${i}]`,
          JSON.stringify(row).slice(0, 200),
          'expected a row object',
        );
        continue;
      }
      const r = row as Record<string, unknown>;
      const get = (k: string) =>
        typeof r[k] === 'string'
          ? (r[k] as string).trim()
          : typeof r[k] === 'number'
            ? String(r[k])
            : '';
      const port = get('port_code');
      const border = BORDERS[get('border')];
      const date = /^(\d{4})-(\d{2})-01T00:00:00(\.000)?$/.exec(get('date'));
      const measure = get('measure');
      const value = get('value');
      const lat = get('latitude');
      const lon = get('longitude');
      let ok = true;
      const check = (
        good: boolean,
        code: Problem['code'],
        column: string,
        v: string,
        m: string,
      ) => {
        if (!good) {
          bad(i, code, column, v, m);
          ok = false;
        }
      };
      check(
        /^\d{4}$/.test(port),
        'unknown-code',
        'port_code',
        port,
        'expected a 4-digit Schedule D port code',
      );
      check(
        border !== undefined,
        'unknown-code',
        'border',
        get('border'),
        'expected US-Canada Border or US-Mexico Border',
      );
      check(
        date !== null,
        'bad-date',
        'date',
        get('date'),
        'expected the first of a month, like 2024-01-01T00:00:00.000',
      );
      check(
        MEASURES.has(measure),
        'unknown-code',
        'measure',
        measure,
        `expected one of ${CROSSING_MEASURES.join(', ')}`,
      );
      check(/^\d+$/.test(value), 'not-a-number', 'value', value, 'expected a whole count');
      for (const [k, v] of [
        ['latitude', lat],
        ['longitude', lon],
      ] as const) {
        check(
          v === '' || /^-?\d+(\.\d+)?$/.test(v),
          'not-a-number',
          k,
          v,
          'expected decimal degrees',
        );
      }
      if (!ok || !date || !border) continue;
      const month = `${date[1]}-${date[2]}-01`;
      // A port, measure and month stated twice (BTS does, June 2019) is settled by the store
      // exactly as for the CSV export: counted once, or a conflict resolved by one rule.
      const name = get('port_name') || null;
      const state = get('state') || null;
      crossings.push([port, name, state, border, measure, month, value]);
      if (lat !== '' && lon !== '' && !ports.has(port)) {
        ports.set(port, [port, name, state, border, lat, lon]);
      }
    }
    return result(crossings, [...ports.values()], problems);
  },
};

function result(crossings: Cell[][], ports: Cell[][], problems: Problem[]): FileExtract {
  return {
    kind: 'file-extract',
    source: 'bts-border-crossing',
    series: 'keg4-3bc2',
    vintage: 'data-through',
    vintageBasis: 'data-through',
    notes: [],
    problems,
    extracts: [
      { kind: 'rows', table: 'crossings', columns: CROSSING_COLUMNS, rows: crossings },
      { kind: 'rows', table: 'port', columns: PORT_COLUMNS, rows: ports },
    ],
  };
}
