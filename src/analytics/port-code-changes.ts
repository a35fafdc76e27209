/**
 * Known changes in how BTS numbers land ports, as data: each says what changed, from which
 * month, and where that is recorded. `portHistory` also finds such changes in the crossings
 * themselves (a port whose series starts when another's drops by as much); this table names
 * the ones confirmed, with their source, so a profile can say "known" rather than "looks like".
 */
export interface PortCodeChange {
  /** `split`: from `month` on, `to` is reported on its own; before, it was counted in `from`. */
  kind: 'split';
  from: string;
  to: string;
  /** First month (YYYY-MM) `to` is reported on its own. */
  month: string;
  /** Where the change is recorded. */
  source: string;
}

export const PORT_CODE_CHANGES: readonly PortCodeChange[] = [
  {
    kind: 'split',
    from: '2402',
    to: '2401',
    month: '2020-03',
    source:
      'BTS Border Crossing Entry Data: Ysleta (2401, El Paso district in Schedule D) has rows from March 2020 on, when El Paso (2402) trucks fall from 785,591 in the twelve months before to 168,764 in the twelve after and Ysleta reports 586,896 (issue 12)',
  },
];
