/** The four answers the checker gives. */
export type Verdict = 'accurate' | 'approximately_accurate' | 'inaccurate' | 'not_verifiable';

export const VERDICTS: readonly Verdict[] = [
  'accurate',
  'approximately_accurate',
  'inaccurate',
  'not_verifiable',
];

/**
 * A statement with several parts gets the verdict of its weakest decided part: one false part
 * makes it inaccurate whatever else is true; otherwise a part the data cannot decide makes the
 * whole not verifiable (it cannot be confirmed); otherwise one approximate part makes it
 * approximately accurate. Each part keeps its own verdict in the report.
 */
export const COMBINATION_RULE =
  'a statement with several parts takes the verdict of its weakest part: inaccurate if any part is inaccurate; else not verifiable if any part cannot be decided; else approximately accurate if any part is only approximately accurate; else accurate';

const ORDER: Record<Verdict, number> = {
  inaccurate: 0,
  not_verifiable: 1,
  approximately_accurate: 2,
  accurate: 3,
};

export function combineVerdicts(verdicts: Verdict[]): Verdict {
  if (verdicts.length === 0) return 'not_verifiable';
  return verdicts.reduce((a, b) => (ORDER[b] < ORDER[a] ? b : a));
}
