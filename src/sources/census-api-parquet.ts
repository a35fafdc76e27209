import type { FileExtract, ScanTarget } from '../model/extract.ts';
import type { FileSample, Source } from './source.ts';

/**
 * Census International Trade API (`imports/hs`, `exports/hs`) results saved as Parquet, with
 * the API's own column names and string values. Year-to-date variables (`*_VAL_YR`) cover
 * January to the `time` month; monthly ones (`*_VAL_MO`) that month alone. Columns a saver
 * added (shares, derived HS6/HS8) are ignored: only the API's variables are data.
 */
const VALUE_COLUMNS = [
  'CON_VAL_YR',
  'CON_VAL_MO',
  'GEN_VAL_YR',
  'GEN_VAL_MO',
  'ALL_VAL_YR',
  'ALL_VAL_MO',
];

export const censusApiParquet: Source = {
  id: 'census-api-hs',
  expects:
    'Census International Trade API hs results as Parquet (columns CTY_CODE, I_COMMODITY or E_COMMODITY, COMM_LVL, time and a *_VAL_MO/_YR value)',
  detect: (s) =>
    s.container === 'parquet' &&
    ['CTY_CODE', 'COMM_LVL', 'time'].every((c) => s.tail.includes(c)) &&
    (s.tail.includes('I_COMMODITY') || s.tail.includes('E_COMMODITY')) &&
    VALUE_COLUMNS.some((c) => s.tail.includes(c)),
  async read(s: FileSample): Promise<FileExtract> {
    const exports = s.tail.includes('E_COMMODITY') && !s.tail.includes('I_COMMODITY');
    // The first value variable present decides the flow and the period it covers.
    const value = VALUE_COLUMNS.find((c) => s.tail.includes(c)) ?? 'CON_VAL_YR';
    const flow = value.startsWith('CON')
      ? 'import_consumption'
      : value.startsWith('GEN')
        ? 'import_general'
        : 'export';
    const ytd = value.endsWith('_YR');
    const duty = !exports && s.tail.includes(ytd ? 'CAL_DUT_YR' : 'CAL_DUT_MO');
    const commodity = exports ? 'E_COMMODITY' : 'I_COMMODITY';
    const month = `CAST("time" AS TIMESTAMP)::DATE`;
    const target: ScanTarget = {
      table: 'trade_product',
      select: {
        flow: `'${flow}'`,
        partner_code: '"CTY_CODE"',
        partner_name: '"CTY_NAME"',
        hs_code: `"${commodity}"`,
        hs_level: `length("${commodity}")`,
        period_start: ytd ? `date_trunc('year', ${month})` : month,
        period_end: month,
        value_usd: `"${value}"`,
        duty_usd: duty ? `"${ytd ? 'CAL_DUT_YR' : 'CAL_DUT_MO'}"` : 'NULL',
        geo_level: `'country'`,
      },
    };
    const columns = ['CTY_CODE', 'CTY_NAME', commodity, 'COMM_LVL', 'time', value];
    if (duty) columns.push(ytd ? 'CAL_DUT_YR' : 'CAL_DUT_MO');
    return {
      kind: 'file-extract',
      source: 'census-api-hs',
      // One partner's file per saved query: each partner and flow is its own series.
      series: `${flow}:${value}`,
      vintage: 'data-through',
      vintageBasis: 'data-through',
      notes: [`values from ${value}${ytd ? ' (year to date)' : ' (month)'}`],
      problems: [],
      extracts: [
        {
          kind: 'parquet-scan',
          path: s.path,
          columns,
          checks: [
            {
              column: 'CTY_CODE',
              rule: {
                kind: 'pattern',
                regex: '[0-9]{4}',
                expected: 'a 4-digit Census country code',
              },
            },
            {
              column: commodity,
              rule: {
                kind: 'pattern',
                regex: '[0-9]{2}([0-9]{2}){0,4}',
                expected: 'an HS code of 2, 4, 6, 8 or 10 digits',
              },
            },
            {
              column: 'COMM_LVL',
              rule: { kind: 'one-of', values: ['HS2', 'HS4', 'HS6', 'HS8', 'HS10'] },
            },
            { column: 'time', rule: { kind: 'required' } },
            { column: value, rule: { kind: 'required' } },
            { column: value, rule: { kind: 'integer' } },
            { column: value, rule: { kind: 'at-least', min: 0 } },
            ...(duty
              ? (['integer', 'at-least'] as const).map((kind) => ({
                  column: ytd ? 'CAL_DUT_YR' : 'CAL_DUT_MO',
                  rule: kind === 'integer' ? ({ kind } as const) : ({ kind, min: 0 } as const),
                }))
              : []),
          ],
          targets: [target],
        },
      ],
    };
  },
};
