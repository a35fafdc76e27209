import { referenceCsv } from './reference-csv.ts';

/**
 * HS 2022 nomenclature (DataHub `harmonized-system`): chapters, headings and subheadings
 * with parents and sections. The file's `TOTAL` pseudo-code is a root, not a product: its
 * one row (level 5, "Total of all HS2022 commodities") is not loaded, chapters' parent
 * `TOTAL` becomes NULL, and the section `TOTAL` given to chapter 99 ("commodities not
 * specified", in none of the 21 sections) becomes NULL so joins to hs_section stay honest.
 */
export const hsNomenclature = referenceCsv({
  id: 'hs-nomenclature',
  what: 'HS nomenclature',
  header: ['section', 'hscode', 'description', 'parent', 'level'],
  series: 'harmonized-system',
  checks: [
    { column: 'hscode', rule: { kind: 'required' } },
    {
      column: 'hscode',
      rule: {
        kind: 'pattern',
        regex: '[0-9]{2}|[0-9]{4}|[0-9]{6}|TOTAL',
        expected: 'a 2-, 4- or 6-digit HS code',
      },
    },
    {
      column: 'parent',
      rule: { kind: 'pattern', regex: '[0-9]{2}|[0-9]{4}|TOTAL', expected: 'an HS2 or HS4 code' },
    },
    {
      column: 'section',
      rule: { kind: 'pattern', regex: '[IVX]+|TOTAL', expected: 'a Roman section number' },
    },
    { column: 'level', rule: { kind: 'one-of', values: ['2', '4', '6', '5'] } },
    { column: 'description', rule: { kind: 'required' } },
  ],
  targets: [
    {
      table: 'hs_product',
      select: {
        hs_code: '"hscode"',
        level: '"level"',
        parent: `nullif("parent", 'TOTAL')`,
        section: `nullif("section", 'TOTAL')`,
        description: '"description"',
      },
      where: `"hscode" <> 'TOTAL'`,
    },
  ],
  notes: [
    'the TOTAL row (level 5, "Total of all HS2022 commodities") is a root, not a product: not loaded',
    'parent TOTAL (chapters) and section TOTAL (chapter 99, in no HS section) loaded as NULL',
  ],
});
