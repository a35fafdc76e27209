import { referenceCsv } from './reference-csv.ts';

/**
 * The Census Schedule C codes that occur in a country.xlsx release, with the first and last
 * year each appears and whether it is an aggregate (world, EU, USMCA …) or a country. The
 * aggregates are not in Schedule C itself, so this is where the `partner` view finds them.
 */
export const censusPartnerCodes = referenceCsv({
  id: 'census-partner-codes',
  what: 'Census partner codes seen in country.xlsx',
  header: ['CTY_CODE', 'cty_name', 'first_year', 'last_year', 'kind'],
  series: 'country-xlsx-codes',
  checks: [
    { column: 'CTY_CODE', rule: { kind: 'required' } },
    {
      column: 'CTY_CODE',
      rule: { kind: 'pattern', regex: '[0-9]{4}', expected: 'a 4-digit Census country code' },
    },
    { column: 'first_year', rule: { kind: 'integer' } },
    { column: 'last_year', rule: { kind: 'integer' } },
    { column: 'kind', rule: { kind: 'required' } },
    { column: 'kind', rule: { kind: 'one-of', values: ['aggregate', 'country'] } },
  ],
  targets: [
    {
      table: 'census_partner_aggregate',
      select: {
        partner_code: '"CTY_CODE"',
        name: '"cty_name"',
        first_year: '"first_year"',
        last_year: '"last_year"',
        is_aggregate: `"kind" = 'aggregate'`,
      },
    },
  ],
  notes: [],
});
