/**
 * The JSON the HTTP API sends, as the dashboard reads it: the types of the server's response
 * schemas (src/api/*-responses.ts, the ones /openapi.json publishes), imported type-only so no
 * server code reaches the bundle. A server change that breaks a page fails `tsc -p web`.
 * 64-bit integers (dollars, counts) arrive as strings (`Int`).
 */
import type {
  GroupComparison,
  MexicanState,
  MexicanStateProfile,
  PartnerComparison,
  PartnerProfile,
  PartnerRanking,
  PlaceRanking,
  PortMap,
  PortProfile,
  ProductNames,
  ProductProfile,
  Split,
  StateProfile,
} from '../../src/api/analysis-responses.ts';
import type {
  BaselineRow,
  PlaceShare,
  ScenarioTotals,
  TariffBaseline,
  TariffLine,
  TariffScenario as ScenarioAnswer,
} from '../../src/api/tariff-responses.ts';
import type {
  WaitCrossingRef,
  WaitForecast,
  WaitNow,
  WaitProfile,
  WaitSourceGroup,
} from '../../src/api/wait-responses.ts';

export type { Int, SourceRef, ErrorBody } from '../../src/api/response-common.ts';
export type { ClaimCheck, TextCheck } from '../../src/api/claim-responses.ts';
export type { PartnerList } from '../../src/api/status-responses.ts';
export type {
  GroupComparison,
  MexicanState,
  MexicanStateProfile,
  PartnerComparison,
  PartnerProfile,
  PartnerRanking,
  PlaceRanking,
  PortMap,
  PortProfile,
  ProductNames,
  ProductProfile,
  Split,
  StateProfile,
  PlaceShare,
  ScenarioTotals,
  TariffBaseline,
  WaitCrossingRef,
  WaitForecast,
  WaitNow,
  WaitProfile,
  WaitSourceGroup,
};

/** GET /api/tariff/baseline: one partner's (or the total's) statutory duty against Census. */
export type TariffBaselineRow = BaselineRow;

/** `GET /api/tariff/line/{hts10}`: one line's duty components with their legal references. */
export type TariffLineResult = TariffLine;

/** POST /api/tariff/scenario, with the Spanish names the page adds on /es/. */
export type TariffScenario = ScenarioAnswer & {
  /** Spanish product names (EU CN wording) by HS code, filled in by the page on /es/. */
  productNamesEs?: ProductNames['names'];
  /** Spanish US state names by USPS code, filled in by the page on /es/. */
  stateNamesEs?: Record<string, string>;
};

/** What every wait-time answer (`/api/waits/…`) has: the place, lanes, span, method, sources. */
export type WaitBasis = WaitNow | WaitProfile;

/** A typical wait: median and 80th percentile over the hours and readings behind them. */
export type WaitCell = Omit<NonNullable<WaitNow['rows'][number]['typical']>, 'weekday' | 'hour'>;

/** A lane of a crossing. */
export type WaitLaneRef = Pick<
  WaitNow['rows'][number],
  'portNumber' | 'crossing' | 'laneType' | 'laneKind'
>;
