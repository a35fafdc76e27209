import type { Store } from '../store/open-store.ts';
import { checkStatement, isoDate, type CheckOptions, type ClaimCheck } from './check-statement.ts';
import { splitSentences } from './split-sentences.ts';
import { VERDICTS, type Verdict } from './verdict.ts';

/** Every checkable statement of a text, checked, as one report. */
export interface TextCheck {
  kind: 'text-check';
  asOf: string;
  /** Sentences and bullet items read. */
  pieces: number;
  checks: (ClaimCheck & { line: number; bullet: boolean })[];
  summary: Record<Verdict, number>;
}

/**
 * Finds every checkable numeric statement in an article (sentences and bullet items) and
 * checks each. A piece is checkable when it asserts a figure or a rank, or is recognisably out
 * of the data's scope (services, Mexico-side figures); anything else is left out.
 */
export async function checkText(
  store: Store,
  text: string,
  opts: CheckOptions = {},
): Promise<TextCheck> {
  const pieces = splitSentences(text);
  const checks: TextCheck['checks'] = [];
  let asOf = '';
  for (const p of pieces) {
    if (!/\d|\p{L}{4,}/u.test(p.text)) continue;
    const c = await checkStatement(store, p.text, opts);
    asOf = c.asOf;
    if (c.claim.outOfScope?.limit === 'no_figure') continue;
    if (c.claim.outOfScope && !/\d/.test(p.text) && c.claim.parts.length === 0) continue;
    checks.push({ ...c, line: p.line, bullet: p.bullet });
  }
  const summary = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const c of checks) summary[c.verdict]++;
  return {
    kind: 'text-check',
    asOf: asOf || isoDate(opts.asOf ?? new Date()),
    pieces: pieces.length,
    checks,
    summary,
  };
}
