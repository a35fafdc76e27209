import type { FileExtract } from '../model/extract.ts';
import { headerOf } from './csv-header.ts';
import { censusApiFailure, censusScanPlan } from './census-api-scan.ts';
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
 * header; other columns a saver added are ignored. DuckDB reads it (`census-api-scan.ts`):
 * every value is checked in SQL over the staged file, and each bad one is reported with its
 * line, column and value.
 */
export const censusApiCsv: Source = {
  id: 'census-api-csv',
  expects:
    'Census International Trade API results as CSV (a header naming CTY_CODE, I_COMMODITY or E_COMMODITY, time and a *_VAL_MO/_YR variable)',
  detect: (s) => s.container === 'text' && isCensusHeader(s.firstLine),
  read(s: FileSample): Promise<FileExtract> {
    const found = censusScanPlan(s.path, headerOf(s.firstLine));
    if ('problem' in found) {
      const { code, message } = found.problem;
      return Promise.resolve(censusApiFailure(s.path, 'census-api-csv', code, message));
    }
    const { plan } = found;
    // Comment lines a saver put above the header are skipped, as the sample skipped them.
    const skipLines = Math.max(
      0,
      s.head.split(/\r?\n/).findIndex((l) => !l.startsWith('#')),
    );
    return Promise.resolve({
      kind: 'file-extract',
      source: 'census-api-csv',
      series: plan.series,
      vintage: 'data-through',
      vintageBasis: 'data-through',
      notes: plan.notes,
      problems: [],
      extracts: [
        {
          kind: 'csv-scan',
          path: s.path,
          compression: 'none',
          delimiter: ',',
          header: plan.columns,
          skipLines,
          unclosedQuote: 'truncated',
          checks: plan.checks,
          targets: plan.targets,
          tallies: plan.tallies,
        },
      ],
    });
  },
};
