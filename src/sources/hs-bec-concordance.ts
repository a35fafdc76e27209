import type { FileExtract } from '../model/extract.ts';
import { headerOf } from './csv-header.ts';
import { nameOrUndated, scanOf } from './reference-csv.ts';
import type { FileSample, Source } from './source.ts';

/**
 * UNSD correspondence HS 6-digit → BEC Rev.4, one file per HS edition. The header names the
 * edition (`HS 2022,BEC 4,Relationship`; the 2017 file says `HS 2017,BEC,Relationship`), and
 * the edition is the series, so the 2017 and 2022 tables stay current side by side.
 */
function edition(firstLine: string): string | undefined {
  const [hs, bec, rel, ...rest] = headerOf(firstLine);
  const m = /^HS ?(\d{4})$/.exec(hs ?? '');
  const ok = m && /^BEC( ?4)?$/.test(bec ?? '') && rel === 'Relationship' && rest.length === 0;
  return ok ? m[1] : undefined;
}

export const hsBecConcordance: Source = {
  id: 'hs-bec-concordance',
  expects: 'UNSD HS → BEC Rev.4 correspondence CSV with header HS <edition>,BEC 4,Relationship',
  detect: (s) => s.container === 'text' && edition(s.firstLine) !== undefined,
  async read(s: FileSample): Promise<FileExtract> {
    const year = edition(s.firstLine) ?? '';
    const header = headerOf(s.firstLine);
    const [hs = '', bec = ''] = header;
    return {
      kind: 'file-extract',
      source: 'hs-bec-concordance',
      series: `HS${year}`,
      ...nameOrUndated(s),
      // The 2022 file ends with 265 lines of bare commas (a spreadsheet's empty rows).
      notes: [`lines without an HS code (empty ",," rows) are not loaded`],
      problems: [],
      extracts: [
        scanOf(
          s,
          header,
          [
            {
              column: hs,
              rule: { kind: 'pattern', regex: '[0-9]{6}', expected: 'a 6-digit HS code' },
            },
            {
              column: bec,
              rule: { kind: 'pattern', regex: '[0-9]{1,3}', expected: 'a BEC Rev.4 code' },
            },
            {
              column: 'Relationship',
              rule: { kind: 'one-of', values: ['1:1', 'n:1', '1:n', 'n:n'] },
            },
          ],
          [
            {
              table: 'hs_bec',
              select: {
                hs_edition: `'${year}'`,
                hs6: `"${hs}"`,
                bec_code: `"${bec}"`,
                relationship: '"Relationship"',
              },
              where: `nullif(trim("${hs}"), '') IS NOT NULL`,
            },
          ],
        ),
      ],
    };
  },
};
