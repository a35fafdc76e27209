import type { Claim, EndUse } from './claim.ts';
import { flowAt } from './detect-flow.ts';
import { clause, raw, type ParseContext } from './parse-context.ts';
import { periodAt } from './parse-period.ts';
import { qualifierBefore } from './qualifier.ts';
import { resolveSubject } from './resolve-subject.ts';

/** End-use words, folded, to the class they name. */
const END_USE: [string[], EndUse][] = [
  [['intermediate'], 'intermediate'],
  [['intermedios'], 'intermediate'],
  [['insumos'], 'intermediate'],
  [['inputs'], 'intermediate'],
  [['capital', 'goods'], 'capital'],
  [['bienes', 'de', 'capital'], 'capital'],
  [['consumer', 'goods'], 'consumption'],
  [['bienes', 'de', 'consumo'], 'consumption'],
];

/**
 * "40% of US imports from Mexico are intermediate inputs": a percentage of one partner's trade
 * in one end-use class, measured by the composition analytics. Null when the sentence does not
 * say all of that (then the composition scope limit stands).
 */
export async function compositionClaim(ctx: ParseContext): Promise<Claim | null> {
  const { tokens, mentions, quantities } = ctx;
  const has = (ws: string[]) =>
    tokens.some((_t, k) => ws.every((w, i) => tokens[k + i]?.norm === w));
  const cls = END_USE.find(([ws]) => has(ws))?.[1];
  const q = quantities.find((x) => x.unit === 'percent');
  const partners = mentions.filter((m) => m.kind === 'partner');
  if (!cls || !q || partners.length !== 1) return null;
  const flow = flowAt(ctx.flows, q.start, tokens);
  return {
    kind: 'share',
    subject: await resolveSubject(ctx.store, { kind: 'partners', mentions: partners }),
    against: null,
    againstFlow: null,
    flow: flow?.flow ?? 'two_way',
    mirrored: flow?.mirrored === true,
    balance: null,
    measure: null,
    period: periodAt(ctx.periods, q.start, q.end),
    since: null,
    per: null,
    next: null,
    figure: { value: q.value, unit: 'percent', text: raw(ctx, q.start, q.end), step: q.step },
    qualifier: qualifierBefore(tokens, q.start).qualifier,
    text: clause(ctx, q.start, q.end),
    endUse: cls,
  };
}
