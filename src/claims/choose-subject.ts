import { LookupError } from '../analytics/lookup-error.ts';
import { resolvePartner } from './shared-analytics.ts';
import { subnationalNames } from '../analytics/subnational.ts';
import type { ClaimKind, Subject } from './claim.ts';
import { TOTAL_WORDS } from './claim-words.ts';
import { COUNT_UNITS } from './find-quantities.ts';
import type { Mention } from './find-subjects.ts';
import type { ParseContext } from './parse-context.ts';
import { MONTHS } from './parse-period.ts';
import { resolveSubject } from './resolve-subject.ts';
import type { Token } from './tokenize.ts';

/*
 * Which of the names found in a statement a figure is about: the nearest partner (or the group
 * said with it), a port, a state, a product, the world — or a name no code list knows.
 */

/** Words before the partner a rank statement compares with, not the one it ranks. */
const OTHER_SIDE = new Set([
  'after',
  'behind',
  'than',
  'of',
  'by',
  'surpassed',
  'overtook',
  'overtaking',
  'surpassing',
  'que',
  'de',
  'a',
  'tras',
]);

/** A crossing measure named anywhere in the sentence applies to counts and port ranks. */
export function sentenceMeasure(tokens: Token[], kind: ClaimKind): string | null {
  if (kind !== 'rank' && kind !== 'value' && kind !== 'share') return null;
  const t = tokens.find(
    (x) => COUNT_UNITS[x.norm] !== undefined && x.norm !== 'cars' && x.norm !== 'autos',
  );
  return t ? COUNT_UNITS[t.norm]! : null;
}

/** Who a figure is about: a port, a state, a product, partners, the world, or an unknown name. */
export async function subjectFor(
  ctx: ParseContext,
  kind: ClaimKind,
  at: number,
  measure: string | null,
): Promise<Subject> {
  const { mentions, tokens } = ctx;
  const partners = mentions.filter((m) => m.kind === 'partner');
  // A rank is about the sentence's subject, the first partner not after "after", "than", …
  const ranked = partners.find((m) => !OTHER_SIDE.has(tokens[m.start - 1]?.norm ?? ''));
  const nearestPartner = kind === 'rank' && ranked ? ranked : nearest(partners, at);
  const partnerRef =
    nearestPartner && nearestPartner.codes.length === 1
      ? nearestPartner
      : partners.find((p) => p.codes.length === 1);
  const port = nearest(
    mentions.filter((m) => m.kind === 'port'),
    at,
  );
  const state = nearest(
    mentions.filter((m) => m.kind === 'state'),
    at,
  );
  const product = nearest(
    mentions.filter((m) => m.kind === 'product'),
    at,
  );
  const region = nearest(
    mentions.filter((m) => m.kind === 'region'),
    at,
  );
  if (region) {
    // Mexico itself ("Mexico's exports", "exportaciones mexicanas") is the whole the state
    // is part of, not a counterpart.
    const other = mentions.find(
      (m) =>
        m !== region &&
        ['us', 'partner', 'state', 'port', 'region'].includes(m.kind) &&
        !(m.kind === 'partner' && m.codes.join() === '2010'),
    );
    const entry = (await subnationalNames(ctx.store)).find((r) => r.code === region.codes[0]);
    return {
      kind: 'region',
      country: region.codes[0]!.startsWith('CA') ? 'CA' : 'MX',
      code: region.codes[0]!,
      name: region.name,
      names: entry?.names ?? [region.name],
      counterpart: other ? other.text : null,
      mention: region.text,
    };
  }
  if (port) return resolveSubject(ctx.store, { kind: 'port', mention: port, partner: partnerRef });
  if (measure && kind !== 'per_capita') {
    const border =
      partnerRef?.codes[0] === '1220'
        ? 'canada'
        : partnerRef?.codes[0] === '2010'
          ? 'mexico'
          : null;
    if (border) return { kind: 'border', border, mention: partnerRef!.text };
  }
  if (state)
    return resolveSubject(ctx.store, { kind: 'state', mention: state, partner: partnerRef });
  if (product && (kind === 'value' || kind === 'rank' || kind === 'share'))
    return resolveSubject(ctx.store, { kind: 'product', mention: product, partner: partnerRef });
  if (nearestPartner) {
    const group = groupAround(tokens, partners, nearestPartner);
    return resolveSubject(ctx.store, { kind: 'partners', mentions: group });
  }
  const unknown = await unknownName(ctx);
  if (unknown) return unknown;
  if (mentions.some((m) => m.kind === 'us') || tokens.some((t) => TOTAL_WORDS.has(t.norm)))
    return resolveSubject(ctx.store, { kind: 'world' });
  return {
    kind: 'unknown',
    mention: '',
    message: 'the statement names no partner, state, port or product',
  };
}

/** "Canada and Mexico", "Canadá y México", "Mexico, Canada and China": partners said together. */
export function groupAround(tokens: Token[], partners: Mention[], m: Mention): Mention[] {
  const joined = (a: Mention, b: Mention) =>
    b.start - a.end === 1 && ['and', 'y', ','].includes(tokens[a.end]!.norm);
  const out = [m];
  let i = partners.indexOf(m);
  while (i > 0 && joined(partners[i - 1]!, partners[i]!)) out.unshift(partners[--i]!);
  i = partners.indexOf(m);
  while (i < partners.length - 1 && joined(partners[i]!, partners[i + 1]!))
    out.push(partners[++i]!);
  return out;
}

/** Ratio: the first partners before the figure against the partner after it ("than China"). */
export async function ratioSubjects(
  ctx: ParseContext,
  start: number,
  end: number,
): Promise<[Subject, Subject, number] | null> {
  const partners = ctx.mentions.filter((m) => m.kind === 'partner');
  const before = partners.filter((m) => m.end <= start);
  const after = partners.filter((m) => m.start >= end);
  const a = before[before.length - 1] ?? partners[0];
  const b = after.find((m) => m !== a);
  if (!a || !b) return null;
  return [
    await resolveSubject(ctx.store, {
      kind: 'partners',
      mentions: groupAround(ctx.tokens, partners, a),
    }),
    await resolveSubject(ctx.store, { kind: 'partners', mentions: [b] }),
    b.start,
  ];
}

/** A capitalised name after "to", "from", "with" that no code list knows: ask the resolver. */
async function unknownName(ctx: ParseContext): Promise<Subject | null> {
  const { tokens, mentions } = ctx;
  for (let j = 1; j < tokens.length; j++) {
    const prep = tokens[j - 1]!.norm;
    if (!['to', 'from', 'with', 'a', 'con', 'desde', 'hacia'].includes(prep)) continue;
    const t = tokens[j]!;
    if (t.kind !== 'word' || !/^\p{Lu}/u.test(t.raw) || MONTHS[t.norm] !== undefined) continue;
    if (mentions.some((m) => m.start <= j && m.end > j)) continue;
    let e = j + 1;
    while (tokens[e]?.kind === 'word' && /^\p{Lu}/u.test(tokens[e]!.raw)) e++;
    const asked = tokens
      .slice(j, e)
      .map((x) => x.raw)
      .join(' ');
    try {
      const p = await resolvePartner(ctx.store, asked);
      return { kind: 'partners', partners: [{ code: p.code, name: p.name }], mention: asked };
    } catch (err) {
      if (err instanceof LookupError)
        return { kind: 'unknown', mention: asked, message: err.message };
      throw err;
    }
  }
  return null;
}

function nearest(ms: Mention[], at: number): Mention | undefined {
  let best: Mention | undefined;
  let bestD = Infinity;
  for (const m of ms) {
    const d = m.end <= at ? at - m.end : (m.start - at) * 1.5 + 1;
    if (d < bestD) {
      best = m;
      bestD = d;
    }
  }
  return best;
}
