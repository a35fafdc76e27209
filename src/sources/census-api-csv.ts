import { readFile } from 'node:fs/promises';
import type { FileExtract } from '../model/extract.ts';
import { headerOf } from './csv-header.ts';
import { csvRecords } from './csv-records.ts';
import { censusApiFailure, censusApiRows } from './census-api-rows.ts';
import type { FileSample, Source } from './source.ts';

/** A CSV header is a Census API result's when it names the API's own variables. */
function isCensusHeader(line: string): boolean {
  if (/^\s*[[{]/.test(line)) return false; // the JSON forms, which name the same variables
  const h = headerOf(line);
  return (
    h.includes('CTY_CODE') &&
    (h.includes('I_COMMODITY') || h.includes('E_COMMODITY')) &&
    h.some((c) => /^(ALL|GEN|CON)_VAL_(MO|YR)$/.test(c))
  );
}

/**
 * A Census International Trade API result saved as CSV, with the API's variable names as the
 * header; other columns a saver added are ignored. Read in JS, like the JSON form, so every
 * bad value is reported with its line rather than failing a cast somewhere in a scan.
 */
export const censusApiCsv: Source = {
  id: 'census-api-csv',
  expects:
    'Census International Trade API results as CSV (a header naming CTY_CODE, I_COMMODITY or E_COMMODITY, time and a *_VAL_MO/_YR variable)',
  detect: (s) => s.container === 'text' && isCensusHeader(s.firstLine),
  async read(s: FileSample): Promise<FileExtract> {
    const { records, unterminated } = csvRecords(await readFile(s.path, 'utf8'));
    if (unterminated) {
      return censusApiFailure(
        s.path,
        'census-api-csv',
        'truncated',
        'a quoted field is never closed: the file ends early (truncated?)',
      );
    }
    const [header, ...rows] = records;
    if (!header) return censusApiFailure(s.path, 'census-api-csv', 'empty-file', 'no header');
    return censusApiRows(s.path, 'census-api-csv', {
      header: header.fields,
      records: rows.map((r) => ({ line: r.line, values: r.fields })),
    });
  },
};
