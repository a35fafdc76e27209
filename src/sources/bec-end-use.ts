import { referenceCsv } from './reference-csv.ts';

/** The SNA end-use classes BEC Rev.4 basic classes map to (UN BEC Rev.4 manual). */
export const SNA_END_USES = ['capital', 'consumption', 'intermediate', 'not_classified'] as const;

/**
 * BEC Rev.4 basic class → SNA end use, typed by hand from the manual's standard mapping.
 * `not_classified` (passenger cars 51, fuels 321, goods nes 7) is a real answer, not a gap:
 * the manual leaves those classes unassigned because their use is mixed.
 */
export const becEndUse = referenceCsv({
  id: 'bec-end-use',
  what: 'BEC Rev.4 to SNA end-use',
  header: ['bec4_code', 'bec4_description', 'sna_basic_class'],
  series: 'BEC4-SNA',
  checks: [
    { column: 'bec4_code', rule: { kind: 'required' } },
    {
      column: 'bec4_code',
      rule: { kind: 'pattern', regex: '[0-9]{1,3}', expected: 'a BEC Rev.4 code' },
    },
    { column: 'sna_basic_class', rule: { kind: 'required' } },
    { column: 'sna_basic_class', rule: { kind: 'one-of', values: SNA_END_USES } },
  ],
  targets: [
    { table: 'bec_end_use', select: { bec_code: '"bec4_code"', end_use: '"sna_basic_class"' } },
  ],
  notes: [],
});
