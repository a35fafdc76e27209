import type { Store } from '../store/open-store.ts';
import type { FlowCue } from './detect-flow.ts';
import type { Quantity } from './find-quantities.ts';
import type { Mention } from './find-subjects.ts';
import type { PeriodMention } from './parse-period.ts';
import type { Token } from './tokenize.ts';

/** Everything read from one statement, handed between the steps that build its claim. */
export interface ParseContext {
  store: Store;
  text: string;
  tokens: Token[];
  quantities: Quantity[];
  mentions: Mention[];
  periods: PeriodMention[];
  flows: FlowCue[];
}

/** The statement's own words between two tokens (a sentence's final dot left out). */
export function raw(ctx: ParseContext, start: number, end: number): string {
  const a = ctx.tokens[start];
  const b = ctx.tokens[end - 1];
  return a && b ? ctx.text.slice(a.start, b.end).replace(/(?<=\p{Ll}{3})\.$/u, '') : '';
}

/** The clause around a figure: between the nearest commas, semicolons or dashes. */
export function clause(ctx: ParseContext, start: number, end: number): string {
  const brk = (t: Token) => [';', '—', '(', ')'].includes(t.norm);
  let a = start;
  while (a > 0 && !brk(ctx.tokens[a - 1]!)) a--;
  let b = end;
  while (b < ctx.tokens.length && !brk(ctx.tokens[b]!)) b++;
  return raw(ctx, a, b).replace(/[\s,.;:]+$/, '');
}
