import { referenceCsv } from './reference-csv.ts';

/** The 21 HS sections (I–XXI) and their titles; the file starts with a UTF-8 BOM. */
export const hsSections = referenceCsv({
  id: 'hs-sections',
  what: 'HS sections',
  header: ['section', 'name'],
  series: 'hs-sections',
  checks: [
    { column: 'section', rule: { kind: 'required' } },
    {
      column: 'section',
      rule: { kind: 'pattern', regex: '[IVX]+', expected: 'a Roman section number' },
    },
    { column: 'name', rule: { kind: 'required' } },
  ],
  targets: [{ table: 'hs_section', select: { section: '"section"', name: '"name"' } }],
  notes: [],
});
