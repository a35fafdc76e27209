import type { FileExtract } from '../model/extract.ts';
import { headerMatch, headerProblem } from './csv-header.ts';
import { scanOf } from './reference-csv.ts';
import type { FileSample, Source } from './source.ts';

const HEADER = [
  'ch99_code',
  'hts10',
  'n_months',
  'imports_usd',
  'realized_vw',
  'stat_other_vw',
  'full_301_vw',
  'claim_share_raw_vw',
  'claim_share',
];

/**
 * Third-party ESTIMATES of the share of an excluded HTS10 line's imports that claimed a Section
 * 301 exclusion heading (`s301_exclusion_claim_shares.csv`, a fork of the Yale Budget Lab
 * tracker, MIT): inverted from Census calculated duty for 2025-09 to 2026-03, so neither
 * official nor for 2024. Wherever the engine uses them it says so.
 */
export const exclusionClaimShares: Source = {
  id: 'exclusion-claim-shares',
  expects: `Section 301 exclusion claim-share estimates CSV with header ${HEADER.join(',')}`,
  detect: (s) => s.container === 'text' && headerMatch(s.firstLine, HEADER) !== 'none',
  async read(s: FileSample): Promise<FileExtract> {
    const exact = headerMatch(s.firstLine, HEADER) === 'exact';
    const share = {
      kind: 'pattern' as const,
      regex: '-?[0-9]+(\\.[0-9]+)?(e-?[0-9]+)?',
      expected: 'a share (a number)',
    };
    return {
      kind: 'file-extract',
      source: 'exclusion-claim-shares',
      series: 'exclusion-claim-shares',
      vintage: 'undated',
      vintageBasis: 'file-content',
      notes: [
        'ESTIMATES by a third party (MIT), measured on 2025-09 to 2026-03 imports, not 2024; not official figures',
      ],
      problems: exact ? [] : [headerProblem(s.path, s.firstLine, HEADER)],
      extracts: [
        scanOf(
          s,
          HEADER,
          [
            {
              column: 'ch99_code',
              rule: {
                kind: 'pattern',
                regex: '9903\\.[0-9]{2}\\.[0-9]{2}',
                expected: 'a heading like 9903.88.69',
              },
            },
            {
              column: 'hts10',
              rule: { kind: 'pattern', regex: '[0-9]{10}', expected: 'a 10-digit HTS code' },
            },
            { column: 'n_months', rule: { kind: 'integer' } },
            { column: 'imports_usd', rule: { kind: 'integer' } },
            { column: 'claim_share', rule: { kind: 'required' } },
            { column: 'claim_share', rule: share },
            { column: 'claim_share_raw_vw', rule: share },
          ],
          [
            {
              table: 'exclusion_claim_share',
              select: {
                heading: '"ch99_code"',
                hts10: '"hts10"',
                months: '"n_months"',
                imports_usd: '"imports_usd"',
                claim_share_raw: '"claim_share_raw_vw"',
                claim_share: '"claim_share"',
              },
            },
          ],
        ),
      ],
    };
  },
};
