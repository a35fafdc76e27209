import { referenceCsv } from './reference-csv.ts';

/**
 * US states and DC with ANSI/FIPS and USPS codes. The file opens with a `#` line naming
 * where it was obtained; the scan skips such lines before the header.
 */
export const usStates = referenceCsv({
  id: 'us-states',
  what: 'US states with ANSI FIPS codes',
  header: ['stname', 'st', 'stusps'],
  series: 'ansi-fips',
  checks: [
    { column: 'stname', rule: { kind: 'required' } },
    { column: 'st', rule: { kind: 'required' } },
    { column: 'st', rule: { kind: 'pattern', regex: '[0-9]{1,2}', expected: 'a state FIPS code' } },
    { column: 'stusps', rule: { kind: 'required' } },
    { column: 'stusps', rule: { kind: 'pattern', regex: '[A-Z]{2}', expected: 'a USPS code' } },
  ],
  targets: [
    {
      table: 'us_state',
      // FIPS state codes are two digits; pad in case a spreadsheet dropped the leading zero.
      select: { fips: `lpad("st", 2, '0')`, usps: '"stusps"', name: '"stname"' },
    },
  ],
  notes: [],
});
