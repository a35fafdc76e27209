/**
 * The wait-time, revision, composition, tariff and claim-checker routes that `clickhouse-parity.test.ts`
 * checks for the same JSON and ETag on both engines, with the status both must give. The
 * fixture's waits are one CBP pull (29 June 2022, 273 readings): each lane has one reading an
 * hour, so `minHours=1` shows its cells; a fixed `asOf` keeps "now" the same on both servers.
 */
export const WAIT_TARIFF_ROUTES: [string, number][] = [
  ['/api/waits/history/laredo', 200],
  ['/api/waits/history/2402?lane=passenger', 200],
  ['/api/waits/history/douglas?from=2022-06-29T08:00&to=2022-06-29T10:00', 200],
  ['/api/waits/history/laredo?from=2022-06-29&to=2022-06-29', 200],
  ['/api/waits/profile/laredo?minHours=1', 200],
  ['/api/waits/profile/detroit?minHours=1&lane=passenger/standard', 200],
  ['/api/waits/profile/calexico', 200],
  ['/api/waits/compare/San%20Diego?at=wednesday%2010:00&asOf=2022-06-29T18:00:00Z', 200],
  ['/api/waits/compare/El%20Paso?at=monday%2007:00', 200],
  ['/api/waits/now/laredo?asOf=2022-06-29T18:00:00Z', 200],
  ['/api/waits/now/Bridge%20of%20the%20Americas?asOf=2022-06-30T01:00:00Z', 200],
  ['/api/waits/history/atlantis', 404],
  ['/api/waits/history/detroit?from=2023-01-01', 404],
  ['/api/waits/history/laredo?from=2022-02-30', 400],
  ['/api/waits/profile/2402?from=2022-06-30&to=2022-06-29', 400],
  ['/api/revisions/china', 200],
  ['/api/revisions/mexico?flow=import_general&year=2018', 200],
  ['/api/revisions/japan?vintages=2023-03,2018-10', 200],
  ['/api/revisions/china?vintages=2018-10,2019-01', 404],
  ['/api/revisions/atlantis', 404],
  ['/api/composition/mexico', 200],
  ['/api/composition/mexico?flow=import_general', 404],
  ['/api/composition/mexico?year=2023', 404],
  ['/api/composition/atlantis', 404],
  // Downloads: the main table as CSV, and as Parquet written by an in-memory DuckDB.
  ['/api/revisions/china?format=csv', 200],
  ['/api/waits/profile/laredo?minHours=1&format=csv', 200],
  ['/api/waits/history/laredo?format=parquet', 200],
  ['/api/profile/partner/china?year=2022&format=parquet', 200],
];
