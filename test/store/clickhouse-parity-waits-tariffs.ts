/**
 * The wait-time, revision, tariff and claim-checker routes that `clickhouse-parity.test.ts`
 * checks for the same JSON and ETag on both engines, with the status both must give.
 */
export const WAIT_TARIFF_ROUTES: [string, number][] = [];
