import { CROSSING_MEASURES } from '../model/crossing-measures.ts';
import type { FileExtract } from '../model/extract.ts';
import type { FileSample, Source } from './source.ts';
import { headerMatch, headerProblem } from './csv-header.ts';

const HEADER = [
  'Port Name',
  'State',
  'Port Code',
  'Border',
  'Date',
  'Measure',
  'Value',
  'Latitude',
  'Longitude',
  'Point',
];

export { CROSSING_MEASURES } from '../model/crossing-measures.ts';

/**
 * BTS Border Crossing Entry Data (Socrata keg4-3bc2 CSV export), plain or gzipped. BTS stopped
 * publishing zero rows around 2016, so an absent row is "not published", never a zero.
 */
export const btsBorderCrossing: Source = {
  id: 'bts-border-crossing',
  expects: `BTS Border Crossing Entry Data CSV (optionally gzipped) with header ${HEADER.join(',')}`,
  detect: (s) =>
    (s.container === 'text' || s.container === 'gzip') &&
    headerMatch(s.firstLine, HEADER) !== 'none',
  async read(s: FileSample): Promise<FileExtract> {
    const problems =
      headerMatch(s.firstLine, HEADER) === 'exact'
        ? []
        : [headerProblem(s.path, s.firstLine, HEADER)];
    // "Jan 2024" → 2024-01-01; checks have already proved the shape. Arithmetic on the month
    // abbreviation is several times faster than strptime over 400k rows.
    const month = `make_date(right("Date", 4)::INTEGER, (position(left("Date", 3) IN 'JanFebMarAprMayJunJulAugSepOctNovDec') + 2) // 3, 1)`;
    return {
      kind: 'file-extract',
      source: 'bts-border-crossing',
      series: 'keg4-3bc2',
      vintage: 'data-through',
      vintageBasis: 'data-through',
      notes: [],
      problems,
      extracts: [
        {
          kind: 'csv-scan',
          path: s.path,
          compression: s.container === 'gzip' ? 'gzip' : 'none',
          delimiter: ',',
          header: HEADER,
          skipLines: 0,
          checks: [
            {
              column: 'Port Code',
              rule: {
                kind: 'pattern',
                regex: '[0-9]{4}',
                expected: 'a 4-digit Schedule D port code',
              },
            },
            { column: 'Port Code', rule: { kind: 'required' } },
            {
              column: 'Border',
              rule: { kind: 'one-of', values: ['US-Canada Border', 'US-Mexico Border'] },
            },
            { column: 'Date', rule: { kind: 'required' } },
            { column: 'Date', rule: { kind: 'month-name-year' } },
            { column: 'Measure', rule: { kind: 'one-of', values: CROSSING_MEASURES } },
            { column: 'Value', rule: { kind: 'required' } },
            { column: 'Value', rule: { kind: 'integer' } },
            { column: 'Value', rule: { kind: 'at-least', min: 0 } },
            { column: 'Latitude', rule: { kind: 'decimal' } },
            { column: 'Longitude', rule: { kind: 'decimal' } },
          ],
          targets: [
            {
              table: 'crossings',
              select: {
                port_code: '"Port Code"',
                port_name: '"Port Name"',
                state: '"State"',
                border: `CASE "Border" WHEN 'US-Mexico Border' THEN 'mexico' ELSE 'canada' END`,
                measure: '"Measure"',
                month,
                count: '"Value"',
              },
              // Ten rows of June 2019 are stated twice, and one key with two values.
              repeatsExpected: true,
            },
            {
              table: 'port',
              select: {
                port_code: '"Port Code"',
                name: '"Port Name"',
                state: '"State"',
                border: `CASE "Border" WHEN 'US-Mexico Border' THEN 'mexico' ELSE 'canada' END`,
                latitude: 'nullif(trim("Latitude"), \'\')',
                longitude: 'nullif(trim("Longitude"), \'\')',
              },
              where: `nullif(trim("Latitude"), '') IS NOT NULL`,
              distinctOn: ['port_code'],
            },
          ],
        },
      ],
    };
  },
};
