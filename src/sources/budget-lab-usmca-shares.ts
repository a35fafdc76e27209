import type { FileExtract } from '../model/extract.ts';
import { headerMatch, headerProblem } from './csv-header.ts';
import { nameOrUndated, scanOf } from './reference-csv.ts';
import type { FileSample, Source } from './source.ts';

const HEADER = ['hts10', 'cty_code', 'usmca_share'];

/**
 * The share of each HTS10 line's imports from Canada (1220) or Mexico (2010) that entered
 * claiming USMCA, one file per year (`usmca_product_shares_2024.csv`), derived by the Yale
 * Budget Lab from Census data. The year is only in the file name, so a file without one is
 * refused rather than guessed.
 */
export const budgetLabUsmcaShares: Source = {
  id: 'budget-lab-usmca-share',
  expects: `Budget Lab USMCA claim shares CSV with header ${HEADER.join(',')} and the year in its name`,
  detect: (s) => s.container === 'text' && headerMatch(s.firstLine, HEADER) !== 'none',
  async read(s: FileSample): Promise<FileExtract> {
    const year = /(?:19|20)\d{2}/.exec(s.name)?.[0];
    const problems = [];
    if (headerMatch(s.firstLine, HEADER) !== 'exact')
      problems.push(headerProblem(s.path, s.firstLine, HEADER));
    if (!year)
      problems.push({
        code: 'bad-structure' as const,
        file: s.path,
        message:
          'the file name does not say which year the shares are for (e.g. usmca_product_shares_2024.csv)',
      });
    return {
      kind: 'file-extract',
      source: 'budget-lab-usmca-share',
      series: 'usmca-shares',
      ...nameOrUndated(s),
      notes: [
        `claim shares for ${year ?? 'an unknown year'}, compiled by the Yale Budget Lab (MIT) from Census data`,
      ],
      problems,
      extracts: [
        scanOf(
          s,
          HEADER,
          [
            { column: 'hts10', rule: { kind: 'required' } },
            {
              column: 'hts10',
              rule: { kind: 'pattern', regex: '[0-9]{10}', expected: 'a 10-digit HTS code' },
            },
            {
              column: 'cty_code',
              rule: { kind: 'one-of', values: ['1220', '2010'] },
            },
            { column: 'usmca_share', rule: { kind: 'required' } },
            {
              column: 'usmca_share',
              rule: {
                kind: 'pattern',
                regex: '(0(\\.[0-9]+)?|1(\\.0+)?|[0-9](\\.[0-9]+)?e-[0-9]+)',
                expected: 'a share between 0 and 1',
              },
            },
          ],
          [
            {
              table: 'usmca_share',
              select: {
                year: year ?? 'NULL',
                hts10: '"hts10"',
                partner_code: '"cty_code"',
                share: '"usmca_share"',
              },
            },
          ],
        ),
      ],
    };
  },
};
