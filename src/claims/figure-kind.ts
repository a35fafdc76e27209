import type { Claim, ClaimKind, Figure } from './claim.ts';
import {
  EACH,
  GROWTH_DOWN,
  GROWTH_NOUNS,
  GROWTH_UP,
  LEVEL_LINKS,
  PER_CAPITA_PHRASES,
  RANK_NOUNS,
  RATE_LEADS,
  RATE_UNITS,
  SHARE_WORDS,
  SUPERLATIVES,
} from './claim-words.ts';
import type { Quantity } from './find-quantities.ts';
import type { ParseContext } from './parse-context.ts';
import type { Token } from './tokenize.ts';

/*
 * What a figure asserts — a value, a change, a share, a rate, a rank — read from its unit and
 * the words around it, in English and Spanish.
 */

/** Words that may follow a number said without a unit when it is still dollars of trade. */
const PLAIN_FOLLOWERS = new Set([
  'in',
  'en',
  'last',
  'this',
  'a',
  'an',
  'per',
  'al',
  'por',
  'each',
  'every',
  'worth',
  'el',
  'this',
  'during',
  'durante',
]);

/** The metric a figure asserts, from its unit and the words around it. */
export function kindOf(ctx: ParseContext, q: Quantity): ClaimKind | null {
  const { tokens } = ctx;
  switch (q.unit) {
    case 'rank':
      return rankCueNear(tokens, q.end) ? 'rank' : null;
    case 'percent': {
      if (q.growth) return 'growth_pct';
      const after = tokens[q.end]?.norm ?? '';
      // "China's share of US imports fell to 16.5%": a share, though a verb of change is near.
      const shareWord = tokens
        .slice(Math.max(0, q.start - 8), q.start)
        .some((t) => SHARE_WORDS.has(t.norm));
      if (shareWord && !changeBefore(tokens, q.start)) return 'share';
      if (['of', 'de', 'del'].includes(after) && !growthBefore(tokens, q.start)) return 'share';
      if (growthBefore(tokens, q.start) || growthBefore(tokens, q.start + 8)) return 'growth_pct';
      return 'share';
    }
    case 'times':
      return 'ratio';
    case 'count':
      return 'value';
    case 'usd': {
      if (isRate(ratePer(tokens, q.end) ?? sentenceRate(tokens))) return 'rate';
      if (perCapita(tokens)) return 'per_capita';
      if (changeBefore(tokens, q.start)) return 'growth_usd';
      return 'value';
    }
    case 'plain': {
      // "among the top five", "entre los cinco principales".
      const prev = tokens[q.start - 1]?.norm ?? '';
      const next = tokens[q.end]?.norm ?? '';
      if (prev === 'top' || ['principales', 'mayores'].includes(next)) return 'rank';
      // "780 billion" said without "dollars" in a sentence about trade — not "5 million jobs".
      const unitless =
        tokens[q.end] === undefined || tokens[q.end]!.kind !== 'word' || PLAIN_FOLLOWERS.has(next);
      if (q.value >= 1e6 && ctx.flows.length > 0 && unitless)
        return isRate(ratePer(tokens, q.end)) ? 'rate' : 'value';
      return null;
    }
    case 'year':
      return null;
  }
}

export function figureUnit(q: Quantity): Figure['unit'] {
  return q.unit === 'plain' || q.unit === 'year' ? 'usd' : q.unit;
}

function rankCueNear(tokens: Token[], from: number): boolean {
  return tokens
    .slice(from, from + 4)
    .some(
      (t) =>
        SUPERLATIVES.has(t.norm) || RANK_NOUNS.has(t.norm) || t.norm === 'most' || t.norm === 'mas',
    );
}

export function isSuperlative(tokens: Token[], k: number): boolean {
  const t = tokens[k]!;
  if (!SUPERLATIVES.has(t.norm)) return false;
  if (t.norm === 'top' && tokens[k + 1]?.kind === 'number') return false;
  if (['que', 'than', 'parte'].includes(tokens[k + 1]?.norm ?? '')) return false;
  if (t.norm === 'grande' && tokens[k - 1]?.norm !== 'mas') return false;
  if (t.norm === 'busiest') return true;
  const window = tokens.slice(Math.max(0, k - 3), k + 5);
  return window.some((x) => RANK_NOUNS.has(x.norm));
}

/** A word of change at k: "grew", "cayó", "up" — but not the "up" of "makes up". */
function change(tokens: Token[], k: number, dir: 'up' | 'down' | 'any' = 'any'): boolean {
  const w = tokens[k]?.norm ?? '';
  if (w === 'up' && ['make', 'makes', 'made', 'making'].includes(tokens[k - 1]?.norm ?? ''))
    return false;
  if (dir === 'up') return GROWTH_UP.has(w);
  if (dir === 'down') return GROWTH_DOWN.has(w);
  return GROWTH_UP.has(w) || GROWTH_DOWN.has(w);
}

function growthBefore(tokens: Token[], at: number): boolean {
  for (let k = Math.max(0, at - 6); k < Math.min(at, tokens.length); k++)
    if (change(tokens, k)) return true;
  return false;
}

/** The last word of change before a figure says which way: "fell 20%" is −20%. */
export function downBefore(tokens: Token[], at: number): boolean {
  for (let k = at - 1; k >= Math.max(0, at - 6); k--) {
    if (change(tokens, k, 'down')) return true;
    if (change(tokens, k, 'up')) return false;
  }
  return false;
}

/** "grew by $48 billion", "an increase of $48 billion", "creció en 48 mil millones". */
function changeBefore(tokens: Token[], at: number): boolean {
  for (let k = at - 1; k >= Math.max(0, at - 6); k--) {
    const w = tokens[k]!.norm;
    // "un aumento de 48 mil millones" is a change; "aumentó de 211 a 324" starts at a level.
    if (w === 'de' && GROWTH_NOUNS.has(tokens[k - 1]?.norm ?? '')) return true;
    if (LEVEL_LINKS.has(w) || tokens[k]!.kind === 'number') return false;
    if (change(tokens, k)) return true;
  }
  return false;
}

export const isRate = (per: Claim['per']) => per !== null && per !== 'year';

export function ratePer(tokens: Token[], end: number): Claim['per'] {
  for (let k = end; k < Math.min(tokens.length, end + 3); k++) {
    const t = tokens[k]!;
    const unit = RATE_UNITS[t.norm];
    if (unit && (k === end || RATE_LEADS.has(tokens[k - 1]!.norm))) return unit;
    if (!RATE_LEADS.has(t.norm) && !['of', 'de', 'in', 'en', 'worth'].includes(t.norm)) break;
  }
  return null;
}

/** "Every day, …", "cada día", "a diario": a rate said away from its figure. */
export function sentenceRate(tokens: Token[]): Claim['per'] {
  for (let k = 0; k < tokens.length; k++) {
    const w = tokens[k]!.norm;
    if (w === 'daily' || w === 'diariamente') return 'day';
    if (w === 'a' && tokens[k + 1]?.norm === 'diario') return 'day';
    const unit = RATE_UNITS[tokens[k + 1]?.norm ?? ''];
    if (EACH.has(w) && unit && unit !== 'year') return unit;
  }
  return null;
}

function perCapita(tokens: Token[]): boolean {
  const has = PER_CAPITA_PHRASES.some((words) =>
    tokens.some((_t, k) => words.every((w, i) => tokens[k + i]?.norm === w)),
  );
  return (
    has ||
    tokens.some(
      (t, k) =>
        EACH.has(t.norm) &&
        /^(mexican|canadian|chinese|mexicano|canadiense|chino|resident|person|habitante|persona)/.test(
          tokens[k + 1]?.norm ?? '',
        ),
    )
  );
}
