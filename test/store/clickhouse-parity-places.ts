/**
 * The place analyses' routes (state, port, product and Mexican-state profiles, rankings,
 * maps) that `clickhouse-parity.test.ts` checks for the same JSON and ETag on both engines,
 * with the status both must give.
 */
export const PLACE_ROUTES: [string, number][] = [];
