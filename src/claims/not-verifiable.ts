/**
 * The data cannot decide the claim: says why and which data would. Thrown by measurers,
 * turned into a `not_verifiable` verdict, never into a guess.
 */
export class NotVerifiable extends Error {
  readonly wouldDecide: string;
  /** The same in Spanish, when the measurer wrote it (`explain-es.ts` translates the rest). */
  readonly es: { reason: string; wouldDecide: string } | null;
  constructor(
    reason: string,
    wouldDecide: string,
    es: { reason: string; wouldDecide: string } | null = null,
  ) {
    super(reason);
    this.name = 'NotVerifiable';
    this.wouldDecide = wouldDecide;
    this.es = es;
  }
}
