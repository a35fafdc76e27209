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

export interface TextCheckOptions extends CheckOptions {
  /** Checked between statements: once aborted (client gone, time up) no more work is done. */
  signal?: AbortSignal;
  /** A text with more distinct statements to check than this is refused before any work. */
  maxStatements?: number;
}

/** A text holding more statements than one request may check. */
export class TooManyStatements extends Error {
  constructor(
    readonly found: number,
    readonly limit: number,
  ) {
    super(
      `the text holds ${found} statements to check; at most ${limit} are checked per request — split the text`,
    );
    this.name = 'TooManyStatements';
  }
}

/**
 * Finds every checkable numeric statement in an article (sentences and bullet items) and
 * checks each. A piece is checkable when it asserts a figure or a rank, or is recognisably out
 * of the data's scope (services, Mexico-side figures); anything else is left out.
 */
export async function checkText(
  store: Store,
  text: string,
  opts: TextCheckOptions = {},
): Promise<TextCheck> {
  const pieces = splitSentences(text);
  const checks: TextCheck['checks'] = [];
  let asOf = '';
  const candidates = pieces.filter((p) => /\d|\p{L}{4,}/u.test(p.text));
  const distinct = new Set(candidates.map((p) => p.text)).size;
  if (opts.maxStatements !== undefined && distinct > opts.maxStatements)
    throw new TooManyStatements(distinct, opts.maxStatements);
  // A sentence repeated in a text is checked once: the answer cannot differ.
  const seen = new Map<string, ClaimCheck>();
  for (const p of candidates) {
    opts.signal?.throwIfAborted();
    const c = seen.get(p.text) ?? (await checkStatement(store, p.text, opts));
    seen.set(p.text, c);
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
