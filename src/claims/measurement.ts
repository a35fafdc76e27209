import type { SourceRef } from '../analytics/provenance.ts';
import type { FigureUnit } from './claim.ts';

/** A figure the checker computed, exact where it is money or a count. */
export interface ComputedFigure {
  label: string;
  /** bigint for dollars and counts (exact); number for ratios, percentages, rates, ranks. */
  value: bigint | number;
  unit: FigureUnit;
  display: string;
}

/** What was asked of the analytics layer: the call and, where there is one, its query spec. */
export interface QueryUsed {
  call: string;
  spec: object | null;
  sql: string | null;
}

/** The period and release a measurement is for. */
export interface At {
  year: number | null;
  month: string | null;
  vintage: string | null;
}

/** One claim measured against the data. */
export interface Measurement {
  /** Comparable with the stated figure, in its unit. */
  value: number;
  /**
   * When part of the whole is unclassified (end use), the figure could be as high as this: the
   * claim is judged only if the verdict is the same at `value` and at `upper`.
   */
  upper?: number;
  /** The first figure is the one compared; the rest are context (parts of a sum, totals). */
  computed: ComputedFigure[];
  /** What the compared figure is, e.g. "US exports to Mexico, 2022". */
  label: string;
  at: At;
  query: QueryUsed[];
  sources: SourceRef[];
  notes: string[];
}
