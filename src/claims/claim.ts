/**
 * A statement as the checker understood it: plain, serialisable, tagged with a kind, so a
 * reader (and the HTTP API, and the dashboard) can see exactly how the sentence was read.
 */

/** What is asserted. Each kind has one tolerance rule per qualifier (`tolerance-rules.ts`). */
export type ClaimKind =
  | 'value'
  | 'growth_pct'
  | 'growth_usd'
  | 'ratio'
  | 'rank'
  | 'share'
  | 'per_capita'
  | 'rate'
  | 'group_vs_next';

export const CLAIM_KINDS: readonly ClaimKind[] = [
  'value',
  'growth_pct',
  'growth_usd',
  'ratio',
  'rank',
  'share',
  'per_capita',
  'rate',
  'group_vs_next',
];

/** How the figure is asserted: "more than", "nearly", "about", … or plainly. */
export type Qualifier =
  'exact' | 'about' | 'more_than' | 'at_least' | 'less_than' | 'at_most' | 'nearly';

export const QUALIFIERS: readonly Qualifier[] = [
  'exact',
  'about',
  'more_than',
  'at_least',
  'less_than',
  'at_most',
  'nearly',
];

/** Always from the point of view of the United States, whose statistics these are. */
export type ClaimFlow = 'exports' | 'imports' | 'two_way' | 'balance';

export type Language = 'en' | 'es';

export type FigureUnit = 'usd' | 'percent' | 'times' | 'rank' | 'count';

/** The number the statement asserts, as written and as a value in its unit. */
export interface Figure {
  value: number;
  unit: FigureUnit;
  /** The words it was read from: "two and a half billion dollars", "$324 mil millones". */
  text: string;
  /** Value of the last digit written ("$243.3 billion": 100 million); null for words. */
  step: number | null;
}

export interface PartnerRef {
  code: string;
  name: string;
}

/** What the figure is about. */
export type Subject =
  /** One Census partner (or the world total), or a group added together. */
  | { kind: 'partners'; partners: PartnerRef[]; mention: string }
  | { kind: 'state'; code: string; name: string; partner: PartnerRef | null; mention: string }
  | { kind: 'port'; code: string; name: string; partner: PartnerRef | null; mention: string }
  /** A Mexican state or Canadian province (ISO 3166-2 code): INEGI exports, or nothing. */
  | {
      kind: 'region';
      country: 'MX' | 'CA';
      code: string;
      name: string;
      /** Every name it goes by, to match the source's spelling. */
      names: string[];
      /** A partner, the US, a US state or port also named: the trade is between the two. */
      counterpart: string | null;
      mention: string;
    }
  /** All land ports on one border (crossings). */
  | { kind: 'border'; border: 'mexico' | 'canada'; mention: string }
  | {
      kind: 'product';
      code: string;
      description: string;
      partner: PartnerRef | null;
      mention: string;
    }
  /** A name the resolvers could not settle; the claim cannot be checked. */
  | { kind: 'unknown'; mention: string; message: string };

export type Period =
  | { kind: 'year'; year: number; said: string }
  | { kind: 'month'; month: string; said: string }
  /** Nothing said: the latest complete year loaded as of the statement date. */
  | { kind: 'latest'; said: null };

export interface Claim {
  kind: ClaimKind;
  subject: Subject;
  /** Ratio: the partner compared with ("than China"). */
  against: Subject | null;
  flow: ClaimFlow;
  /** Ratio: the other side's flow when it differs ("imports from Canada … exports to China"). */
  againstFlow: ClaimFlow | null;
  /**
   * Said from the partner's side ("Mexico's exports to the US", "exportaciones mexicanas"): it
   * is checked as the US record of the same flow; the partner's own statistics may differ.
   */
  mirrored: boolean;
  /** For a balance: whether the statement speaks of a deficit or a surplus. */
  balance: 'deficit' | 'surplus' | null;
  /** Crossings measure (BTS), e.g. "Trucks"; null for dollar claims. */
  measure: string | null;
  period: Period;
  /** Growth: the base year when the statement says "since 2015"; otherwise the year before. */
  since: number | null;
  /** Rate: per day, hour or minute; "a year" marks a value as a whole year's. */
  per: 'day' | 'hour' | 'minute' | 'year' | null;
  /** Group comparison: how many partners ranked next. */
  next: number | null;
  figure: Figure;
  qualifier: Qualifier;
  /** The words this part was read from. */
  text: string;
  /** A share of one end-use class ("40% … intermediate inputs"): measured by composition. */
  endUse?: EndUse;
}

export type EndUse = 'intermediate' | 'capital' | 'consumption';

/** Why a statement cannot be checked against the loaded data, before any query is run. */
export type ScopeLimit =
  'services' | 'topic' | 'mexico_side' | 'composition' | 'no_figure' | 'unknown_subject';

/** Why a statement is outside the data, in English and (when written) Spanish. */
export interface OutOfScope {
  limit: ScopeLimit;
  /** The row of the out-of-scope table (`out-of-scope-topics.ts`), when one matched. */
  topic: string | null;
  reason: string;
  wouldDecide: string;
  es: { reason: string; wouldDecide: string } | null;
}

export interface ParsedStatement {
  kind: 'parsed-statement';
  text: string;
  language: Language;
  /** ISO date the statement was made; "last year" and "this year" count from it. */
  asOf: string;
  /** One part per asserted figure; a statement with several is judged part by part. */
  parts: Claim[];
  /** Set when the statement is outside what the data can decide, with what would. */
  outOfScope: OutOfScope | null;
}
