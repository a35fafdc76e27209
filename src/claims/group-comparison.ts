import type { Claim, Qualifier } from './claim.ts';
import { NEXT_WORDS } from './claim-words.ts';
import { flowAt } from './detect-flow.ts';
import type { Quantity } from './find-quantities.ts';
import { groupAround } from './choose-subject.ts';
import { clause, raw, type ParseContext } from './parse-context.ts';
import { periodAt } from './parse-period.ts';
import { qualifierBefore } from './qualifier.ts';
import { resolveSubject } from './resolve-subject.ts';

/**
 * "Canada and Mexico together buy more than the next ten partners combined": the partners
 * named before "next", the number of partners after, and the multiple ("twice") if one is said.
 */
export function groupComparison(ctx: ParseContext, used: Set<Quantity>): Promise<Claim> | null {
  const { tokens, quantities } = ctx;
  const k = tokens.findIndex((t) => NEXT_WORDS.has(t.norm));
  if (k < 0) return null;
  const n = quantities.find((q) => q.unit === 'plain' && (q.start === k + 1 || q.end === k));
  if (!n) return null;
  const partners = ctx.mentions.filter((m) => m.kind === 'partner' && m.end <= k);
  if (partners.length === 0) return null;
  used.add(n);
  const times = quantities.find((q) => q.unit === 'times' && !used.has(q));
  if (times) used.add(times);
  const first = Math.min(n.start, k);
  const cueAt = times
    ? times.start
    : tokens[first - 1]?.norm === 'the' || tokens[first - 1]?.norm === 'los'
      ? first - 1
      : first;
  const { qualifier, start } = qualifierBefore(tokens, cueAt);
  const q: Qualifier = times ? qualifier : qualifier === 'exact' ? 'more_than' : qualifier;
  return (async () => {
    const last = partners[partners.length - 1]!;
    const group = partners.some((p) => p.codes.length > 1)
      ? [partners.find((p) => p.codes.length > 1)!]
      : groupAround(tokens, partners, last);
    const flowCue = flowAt(ctx.flows, k, tokens);
    return {
      kind: 'group_vs_next',
      subject: await resolveSubject(ctx.store, { kind: 'partners', mentions: group }),
      against: null,
      againstFlow: null,
      flow: flowCue?.flow ?? 'exports',
      mirrored: false,
      balance: flowCue?.balance ?? null,
      measure: null,
      period: periodAt(ctx.periods, k),
      since: null,
      per: null,
      next: n.value,
      figure: {
        value: times ? times.value : 1,
        unit: 'times',
        text: raw(ctx, Math.min(n.start, k), Math.max(n.end, k + 1)),
        step: times ? times.step : null,
      },
      qualifier: q === 'exact' && !times ? 'more_than' : q,
      text: clause(ctx, start, n.end),
    } satisfies Claim;
  })();
}
