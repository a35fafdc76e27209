import { readFile } from 'node:fs/promises';
import type { FileExtract } from '../model/extract.ts';
import { censusApiFailure, censusApiRows, type CensusTable } from './census-api-rows.ts';
import type { FileSample, Source } from './source.ts';

/**
 * A Census International Trade API result saved as JSON: the raw response (an array of string
 * arrays whose first row names the variables) or the same rows as an array of objects keyed by
 * variable, as many clients save them.
 */
export const censusApiJson: Source = {
  id: 'census-api-json',
  expects:
    'Census International Trade API JSON (an array of string arrays with a header row, or an array of objects, naming CTY_CODE, E_COMMODITY or I_COMMODITY, time and ALL_VAL_MO / GEN_VAL_MO / CON_VAL_MO)',
  detect: (s) =>
    s.container === 'text' &&
    /^\s*\[\s*[[{]\s*"/.test(s.head) &&
    /"CTY_CODE"/.test(s.head.slice(0, 2000)) &&
    /"[EI]_COMMODITY"/.test(s.head.slice(0, 2000)),
  async read(s: FileSample): Promise<FileExtract> {
    const fail = (code: 'truncated' | 'bad-structure', message: string) =>
      censusApiFailure(s.path, 'census-api-json', code, message);
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
    const table = tableOf(doc);
    if (!table) {
      return fail(
        'bad-structure',
        'expected a JSON array of arrays with a header row first, or an array of objects',
      );
    }
    return censusApiRows(s.path, 'census-api-json', table);
  },
};

function tableOf(doc: unknown): CensusTable | null {
  if (!Array.isArray(doc) || doc.length === 0) return null;
  if (Array.isArray(doc[0])) {
    return {
      header: (doc[0] as unknown[]).map((h) => String(h)),
      records: doc.slice(1).map((values: unknown, i) => ({ line: i + 2, values })),
    };
  }
  const first: unknown = doc[0];
  if (typeof first !== 'object' || first === null) return null;
  // Objects have no header row: the first object's keys name the variables, in its order.
  const header = Object.keys(first);
  return {
    header,
    records: doc.map((o: unknown, i) => ({
      line: i + 1,
      values:
        typeof o === 'object' && o !== null && !Array.isArray(o)
          ? header.map((h) => (o as Record<string, unknown>)[h])
          : o,
    })),
  };
}
