import { referenceCsv } from './reference-csv.ts';

/**
 * BEC Rev.4 categories in UN Comtrade's classification layout. `pfCode` names the
 * classification; the same layout is used for HS, so anything but `BE` is refused. The
 * `TOTAL` root ("All Categories") is kept: it is a row of the published list.
 */
export const becCategories = referenceCsv({
  id: 'bec-categories',
  what: 'BEC Rev.4 categories (UN Comtrade layout)',
  header: ['pfCode', 'cmdCode', 'cmdDescE', 'parentCmdCode', 'aggrlevel', 'isLeaf'],
  series: 'BEC4',
  checks: [
    { column: 'pfCode', rule: { kind: 'one-of', values: ['BE'] } },
    { column: 'cmdCode', rule: { kind: 'required' } },
    {
      column: 'cmdCode',
      rule: { kind: 'pattern', regex: '[0-9]{1,3}|TOTAL', expected: 'a BEC code or TOTAL' },
    },
    {
      column: 'parentCmdCode',
      rule: { kind: 'pattern', regex: '[0-9]{1,2}|TOTAL', expected: 'a BEC code or TOTAL' },
    },
    { column: 'aggrlevel', rule: { kind: 'integer' } },
    { column: 'isLeaf', rule: { kind: 'one-of', values: ['0', '1'] } },
  ],
  targets: [
    {
      table: 'bec_category',
      select: {
        bec_code: '"cmdCode"',
        description: '"cmdDescE"',
        parent: '"parentCmdCode"',
        is_leaf: `"isLeaf" = '1'`,
      },
    },
  ],
  notes: [],
});
