import type { ClaimKind, Qualifier } from './claim.ts';

/**
 * The tolerance rules, all in one place: for every claim kind and every qualifier, which
 * differences between the computed figure and the stated one make a claim accurate or
 * approximately accurate. Everything else is inaccurate. The same rule applies to every claim
 * of a kind; the verdict's `tolerance` quotes the rule it used.
 *
 * The difference is measured as the kind says: relative (computed − stated) / stated for
 * dollars, counts and ratios; percentage points for growth rates and shares; places for ranks.
 */
export type Measure = 'relative' | 'points' | 'places';

/** A closed or open interval of the difference; a missing bound is unbounded. */
export interface Interval {
  min?: number;
  max?: number;
  /** The bound itself is outside the interval. */
  minOpen?: boolean;
  maxOpen?: boolean;
}

export interface ToleranceRule {
  measure: Measure;
  accurate: Interval[];
  approximate: Interval[];
  /** The rule in words, as the verdict states it. */
  text: string;
  /** The same rule in Spanish, for Spanish statements. */
  textEs: string;
}

/** How tight each kind is: `exact` for a plain figure, `about` for "about"/"roughly". */
interface Bands {
  measure: Measure;
  exact: number;
  near: number;
  about: number;
  aboutNear: number;
}

const KIND_BANDS: Record<ClaimKind, Bands> = {
  value: { measure: 'relative', exact: 0.025, near: 0.1, about: 0.05, aboutNear: 0.1 },
  growth_usd: { measure: 'relative', exact: 0.025, near: 0.1, about: 0.05, aboutNear: 0.1 },
  rate: { measure: 'relative', exact: 0.025, near: 0.1, about: 0.05, aboutNear: 0.1 },
  per_capita: { measure: 'relative', exact: 0.025, near: 0.1, about: 0.05, aboutNear: 0.1 },
  ratio: { measure: 'relative', exact: 0.05, near: 0.1, about: 0.075, aboutNear: 0.1 },
  group_vs_next: { measure: 'relative', exact: 0.05, near: 0.1, about: 0.075, aboutNear: 0.1 },
  growth_pct: { measure: 'points', exact: 1, near: 3, about: 2, aboutNear: 3 },
  share: { measure: 'points', exact: 1, near: 3, about: 2, aboutNear: 3 },
  rank: { measure: 'places', exact: 0, near: 0, about: 0, aboutNear: 0 },
};

/**
 * Whatever the kind and qualifier, a stated figure more than this far from the computed one
 * (|stated − computed| / |computed|) is never approximately accurate: a fact-checker would
 * call "about $190 billion" for $164 billion wrong, not nearly right.
 */
export const APPROXIMATE_CAP = 0.1;

/**
 * What each qualifier means against the bands: "more than X" is accurate above X and
 * approximately accurate just under it; "nearly X" is accurate a little below X (within the
 * kind's wider band) and approximately accurate just over it or well below it.
 */
const QUALIFIER_SHAPES: Record<
  Qualifier,
  (b: Bands) => { accurate: Interval[]; approximate: Interval[] }
> = {
  exact: (b) => ({
    accurate: [{ min: -b.exact, max: b.exact }],
    approximate: b.near > b.exact ? [{ min: -b.near, max: b.near }] : [],
  }),
  about: (b) => ({
    accurate: [{ min: -b.about, max: b.about }],
    approximate: [{ min: -b.aboutNear, max: b.aboutNear }],
  }),
  more_than: (b) => ({
    accurate: [{ min: 0, minOpen: true }],
    approximate: b.exact > 0 ? [{ min: -b.exact, max: 0 }] : [],
  }),
  at_least: (b) => ({
    accurate: [{ min: 0 }],
    approximate: b.exact > 0 ? [{ min: -b.exact, max: 0, maxOpen: true }] : [],
  }),
  less_than: (b) => ({
    accurate: [{ max: 0, maxOpen: true }],
    approximate: b.exact > 0 ? [{ min: 0, max: b.exact }] : [],
  }),
  at_most: (b) => ({
    accurate: [{ max: 0 }],
    approximate: b.exact > 0 ? [{ min: 0, minOpen: true, max: b.exact }] : [],
  }),
  nearly: (b) => ({
    accurate: [{ min: -b.near, max: 0 }],
    approximate: [
      ...(b.exact > 0 ? [{ min: 0, minOpen: true, max: b.exact }] : []),
      ...(b.aboutNear > b.near ? [{ min: -b.aboutNear, max: -b.near, maxOpen: true }] : []),
    ],
  }),
};

const KIND_WORDS: Record<ClaimKind, string> = {
  value: 'a value',
  growth_usd: 'a change in dollars',
  rate: 'a rate per day, hour or minute',
  per_capita: 'a per-person figure',
  ratio: 'a ratio',
  group_vs_next: 'a group-against-the-next ratio',
  growth_pct: 'a growth rate',
  share: 'a share',
  rank: 'a rank',
};

const QUALIFIER_WORDS: Record<Qualifier, string> = {
  exact: 'stated plainly',
  about: 'stated as "about"',
  more_than: 'stated as "more than"',
  at_least: 'stated as "at least"',
  less_than: 'stated as "less than"',
  at_most: 'stated as "at most"',
  nearly: 'stated as "nearly"',
};

const KIND_WORDS_ES: Record<ClaimKind, string> = {
  value: 'un valor',
  growth_usd: 'un cambio en dólares',
  rate: 'una tasa por día, hora o minuto',
  per_capita: 'una cifra por persona',
  ratio: 'una razón',
  group_vs_next: 'una razón entre un grupo y los siguientes',
  growth_pct: 'una tasa de crecimiento',
  share: 'una participación',
  rank: 'un lugar',
};

const QUALIFIER_WORDS_ES: Record<Qualifier, string> = {
  exact: 'dicho sin matiz',
  about: 'dicho como «alrededor de»',
  more_than: 'dicho como «más de»',
  at_least: 'dicho como «al menos»',
  less_than: 'dicho como «menos de»',
  at_most: 'dicho como «como máximo»',
  nearly: 'dicho como «casi»',
};

/** "dicho" agrees with the kind: "un lugar dicho", "una tasa de crecimiento dicha". */
const saidEs = (k: ClaimKind, q: Qualifier) =>
  KIND_WORDS_ES[k].startsWith('una ')
    ? QUALIFIER_WORDS_ES[q].replace(/^dicho/, 'dicha')
    : QUALIFIER_WORDS_ES[q];

function build(): Record<ClaimKind, Record<Qualifier, ToleranceRule>> {
  const kinds = Object.keys(KIND_BANDS) as ClaimKind[];
  const qualifiers = Object.keys(QUALIFIER_SHAPES) as Qualifier[];
  return Object.fromEntries(
    kinds.map((k) => [
      k,
      Object.fromEntries(
        qualifiers.map((q) => {
          const b = KIND_BANDS[k];
          const shape = QUALIFIER_SHAPES[q](b);
          const rule: ToleranceRule = {
            measure: b.measure,
            ...shape,
            textEs: '',
            text: `${KIND_WORDS[k]} ${QUALIFIER_WORDS[q]}: accurate when the computed figure is ${describe(shape.accurate, b.measure)}; ${shape.approximate.length > 0 ? `approximately accurate when ${describe(shape.approximate, b.measure)} and the stated figure is within ${APPROXIMATE_CAP * 100}% of the computed one; otherwise inaccurate` : 'otherwise inaccurate (no approximate band)'}`,
          };
          rule.textEs = `${KIND_WORDS_ES[k]} ${saidEs(k, q)}: exacta cuando la cifra calculada está ${describeEs(shape.accurate, b.measure)}; ${shape.approximate.length > 0 ? `aproximadamente exacta cuando está ${describeEs(shape.approximate, b.measure)} y la cifra afirmada está a no más de ${APPROXIMATE_CAP * 100}% de la calculada; si no, inexacta` : 'si no, inexacta (sin banda aproximada)'}`;
          return [q, rule];
        }),
      ),
    ]),
  ) as Record<ClaimKind, Record<Qualifier, ToleranceRule>>;
}

/** Every claim kind × qualifier, built from the bands and shapes above. */
export const TOLERANCE_RULES: Record<ClaimKind, Record<Qualifier, ToleranceRule>> = build();

/** The difference between computed and stated, in the rule's measure. */
export function difference(measure: Measure, stated: number, computed: number): number {
  if (measure === 'relative')
    return stated === 0 ? computed - stated : (computed - stated) / stated;
  return computed - stated;
}

/** The stated figure is no more than `APPROXIMATE_CAP` away from the computed one. */
export function withinCap(stated: number, computed: number): boolean {
  if (computed === 0) return stated === 0;
  return Math.abs(stated - computed) <= APPROXIMATE_CAP * Math.abs(computed) + 1e-12;
}

export function inside(x: number, intervals: Interval[]): boolean {
  const eps = 1e-9;
  return intervals.some(
    (i) =>
      (i.min === undefined || (i.minOpen ? x > i.min + eps : x >= i.min - eps)) &&
      (i.max === undefined || (i.maxOpen ? x < i.max - eps : x <= i.max + eps)),
  );
}

/** Judges a computed figure against a stated one under the rule for its kind and qualifier. */
export function judge(
  kind: ClaimKind,
  qualifier: Qualifier,
  stated: number,
  computed: number,
): {
  verdict: 'accurate' | 'approximately_accurate' | 'inaccurate';
  difference: number;
  rule: ToleranceRule;
} {
  const rule = TOLERANCE_RULES[kind][qualifier];
  const d = difference(rule.measure, stated, computed);
  const verdict = inside(d, rule.accurate)
    ? 'accurate'
    : inside(d, rule.approximate) && withinCap(stated, computed)
      ? 'approximately_accurate'
      : 'inaccurate';
  return { verdict, difference: d, rule };
}

function describe(intervals: Interval[], measure: Measure): string {
  if (intervals.length === 0) return 'never';
  return intervals.map((i) => one(i, measure)).join(' or ');
}

function one(i: Interval, measure: Measure): string {
  const f = (x: number) =>
    measure === 'relative'
      ? `${+(Math.abs(x) * 100).toFixed(1)}%`
      : measure === 'points'
        ? `${+Math.abs(x).toFixed(1)} percentage point${Math.abs(x) === 1 ? '' : 's'}`
        : `${Math.abs(x)} place${Math.abs(x) === 1 ? '' : 's'}`;
  const { min, max } = i;
  if (min !== undefined && max !== undefined) {
    if (min === 0 && max === 0) return 'exactly the stated figure';
    if (min === -max) return `within ${f(max)} of the stated figure`;
    if (max === 0)
      return `at or up to ${f(min)} below the stated figure${i.maxOpen ? ' (not equal)' : ''}`;
    if (min === 0)
      return `above the stated figure by no more than ${f(max)}${i.minOpen ? '' : ' (or equal)'}`;
    return `between ${f(max)} and ${f(min)} below the stated figure`;
  }
  if (min !== undefined)
    return min === 0
      ? i.minOpen
        ? 'above the stated figure'
        : 'at or above the stated figure'
      : `no more than ${f(min)} below`;
  if (max !== undefined)
    return max === 0
      ? i.maxOpen
        ? 'below the stated figure'
        : 'at or below the stated figure'
      : `no more than ${f(max)} above`;
  return 'any figure';
}

function describeEs(intervals: Interval[], measure: Measure): string {
  if (intervals.length === 0) return 'nunca';
  const f = (x: number) =>
    measure === 'relative'
      ? `${+(Math.abs(x) * 100).toFixed(1)}%`
      : measure === 'points'
        ? `${+Math.abs(x).toFixed(1)} punto${Math.abs(x) === 1 ? '' : 's'} porcentual${Math.abs(x) === 1 ? '' : 'es'}`
        : `${Math.abs(x)} lugar${Math.abs(x) === 1 ? '' : 'es'}`;
  return intervals
    .map(({ min, max, minOpen, maxOpen }) => {
      if (min !== undefined && max !== undefined) {
        if (min === 0 && max === 0) return 'exactamente en la cifra afirmada';
        if (min === -max) return `a no más de ${f(max)} de la cifra afirmada`;
        if (max === 0)
          return `en la cifra afirmada o hasta ${f(min)} por debajo${maxOpen ? ' (sin igualarla)' : ''}`;
        if (min === 0)
          return `por encima de la cifra afirmada en no más de ${f(max)}${minOpen ? '' : ' (o igual)'}`;
        return `entre ${f(max)} y ${f(min)} por debajo de la cifra afirmada`;
      }
      if (min !== undefined)
        return min === 0
          ? minOpen
            ? 'por encima de la cifra afirmada'
            : 'en la cifra afirmada o por encima'
          : `no más de ${f(min)} por debajo`;
      if (max !== undefined)
        return max === 0
          ? maxOpen
            ? 'por debajo de la cifra afirmada'
            : 'en la cifra afirmada o por debajo'
          : `no más de ${f(max)} por encima`;
      return 'cualquier cifra';
    })
    .join(' o ');
}
