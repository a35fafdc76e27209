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
  PartnerSeries,
  ProductProfile,
  RevisionDiff,
  Split,
  StateProfile,
  UsStateNames,
} from '../../src/api/analysis-responses.ts';
import type { ClaimCheck, TextCheck } from '../../src/api/claim-responses.ts';
import type { PartnerList, Status } from '../../src/api/status-responses.ts';
import type {
  BaselineRow,
  PlaceShare,
  ScenarioTotals,
  TariffBaseline,
  TariffLine,
  TariffScenario as ScenarioAnswer,
  TradeComposition,
} from '../../src/api/tariff-responses.ts';
import type {
  WaitCompare,
  WaitCrossingRef,
  WaitForecast,
  WaitHistory,
  WaitNow,
  WaitProfile,
  WaitSourceGroup,
} from '../../src/api/wait-responses.ts';

export type { Int, SourceRef, ErrorBody } from '../../src/api/response-common.ts';
export type {
  ClaimCheck,
  TextCheck,
  PartnerList,
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

/**
 * Each path the dashboard asks the API (under /api/), and the type of its answer: `apiGet`
 * takes the path and gives this type, so a page cannot read one route's answer as another's.
 */
export type AnswerOf<P extends ApiPath> = P extends 'status'
  ? Status
  : P extends 'partners'
    ? PartnerList
    : P extends `profile/partner/${string}`
      ? PartnerProfile
      : P extends `profile/state/${string}`
        ? StateProfile
        : P extends `profile/mexican-state/${string}`
          ? MexicanStateProfile
          : P extends `profile/port/${string}`
            ? PortProfile
            : P extends `profile/product/${string}`
              ? ProductProfile
              : P extends 'names/us-states'
                ? UsStateNames
                : P extends 'names/products'
                  ? ProductNames
                  : P extends 'top/partners'
                    ? PartnerRanking
                    : P extends `top/${'states' | 'ports' | 'products'}`
                      ? PlaceRanking
                      : P extends 'compare/group'
                        ? GroupComparison
                        : P extends 'compare'
                          ? PartnerComparison
                          : P extends `series/${string}`
                            ? PartnerSeries
                            : P extends `revisions/${string}`
                              ? RevisionDiff
                              : P extends 'map/ports'
                                ? PortMap
                                : P extends 'waits/forecast'
                                  ? WaitForecast
                                  : P extends `waits/history/${string}`
                                    ? WaitHistory
                                    : P extends `waits/profile/${string}`
                                      ? WaitProfile
                                      : P extends `waits/compare/${string}`
                                        ? WaitCompare
                                        : P extends `waits/now/${string}`
                                          ? WaitNow
                                          : P extends 'tariff/baseline'
                                            ? TariffBaseline
                                            : P extends 'tariff/scenario'
                                              ? ScenarioAnswer
                                              : P extends `tariff/line/${string}`
                                                ? TariffLine
                                                : P extends `composition/${string}`
                                                  ? TradeComposition
                                                  : P extends 'check/text'
                                                    ? TextCheck
                                                    : P extends 'check'
                                                      ? ClaimCheck
                                                      : never;

/** Every path of the API the dashboard may ask (a path the API does not serve fails tsc). */
export type ApiPath =
  | 'status'
  | 'partners'
  | `profile/${'partner' | 'state' | 'mexican-state' | 'port' | 'product'}/${string}`
  | `names/${'us-states' | 'products'}`
  | `top/${'partners' | 'states' | 'ports' | 'products'}`
  | 'compare'
  | 'compare/group'
  | `${'series' | 'revisions' | 'composition'}/${string}`
  | 'map/ports'
  | 'waits/forecast'
  | `waits/${'history' | 'profile' | 'compare' | 'now'}/${string}`
  | `tariff/${'baseline' | 'scenario'}`
  | `tariff/line/${string}`
  | 'check'
  | 'check/text';
