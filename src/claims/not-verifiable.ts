/**
 * The data cannot decide the claim: says why and which data would. Thrown by measurers,
 * turned into a `not_verifiable` verdict, never into a guess.
 */
export class NotVerifiable extends Error {
  readonly wouldDecide: string;
  constructor(reason: string, wouldDecide: string) {
    super(reason);
    this.name = 'NotVerifiable';
    this.wouldDecide = wouldDecide;
  }
}
