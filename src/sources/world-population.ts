import type { FileExtract } from '../model/extract.ts';
import { headerMatch, headerProblem } from './csv-header.ts';
import { scanOf } from './reference-csv.ts';
import type { FileSample, Source } from './source.ts';

const HEADER = ['Country Name', 'Country Code', 'Year', 'Value'];

/**
 * World Bank SP.POP.TOTL (total population) in DataHub's long layout. Country Code is ISO-3
 * for countries and a World Bank code of the same shape for aggregates (WLD, EUU, OED …);
 * aggregates are kept, they are what per-capita figures for regions divide by. A new World
 * Bank release adds a year and revises earlier ones, so the vintage is the last year covered
 * and a newer file takes over year by year.
 */
export const worldPopulation: Source = {
  id: 'world-population',
  expects: `World Bank population CSV with header ${HEADER.join(',')}`,
  detect: (s) => s.container === 'text' && headerMatch(s.firstLine, HEADER) !== 'none',
  async read(s: FileSample): Promise<FileExtract> {
    const exact = headerMatch(s.firstLine, HEADER) === 'exact';
    return {
      kind: 'file-extract',
      source: 'world-population',
      series: 'SP.POP.TOTL',
      vintage: 'data-through',
      vintageBasis: 'data-through',
      notes: ['rows with an empty Value (no World Bank estimate) are not loaded'],
      problems: exact ? [] : [headerProblem(s.path, s.firstLine, HEADER)],
      extracts: [
        scanOf(
          s,
          HEADER,
          [
            { column: 'Country Code', rule: { kind: 'required' } },
            {
              column: 'Country Code',
              rule: {
                kind: 'pattern',
                regex: '[A-Z0-9]{3}',
                expected: 'an ISO-3 or World Bank aggregate code',
              },
            },
            { column: 'Year', rule: { kind: 'required' } },
            {
              column: 'Year',
              rule: { kind: 'pattern', regex: '(19|20)[0-9]{2}', expected: 'a year' },
            },
            { column: 'Value', rule: { kind: 'integer' } },
            { column: 'Value', rule: { kind: 'at-least', min: 0 } },
          ],
          [
            {
              table: 'population',
              select: {
                iso3: '"Country Code"',
                name: '"Country Name"',
                year: '"Year"',
                population: '"Value"',
              },
              where: `nullif(trim("Value"), '') IS NOT NULL`,
            },
          ],
        ),
      ],
    };
  },
};
