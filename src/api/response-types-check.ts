import type { z } from '@hono/zod-openapi';
import type { GroupComparison, PartnerComparison } from '../analytics/compare-partners.ts';
import type { MexicanStateProfile } from '../analytics/mexican-state-profile.ts';
import type { PartnerProfile } from '../analytics/partner-profile.ts';
import type { PartnerSeries } from '../analytics/partner-series.ts';
import type { PortMap } from '../analytics/port-map.ts';
import type { PortProfile } from '../analytics/port-profile.ts';
import type { ProductNames } from '../analytics/product-names.ts';
import type { ProductProfile } from '../analytics/product-profile.ts';
import type { RevisionDiff } from '../analytics/revision-diff.ts';
import type { StateProfile } from '../analytics/state-profile.ts';
import type { PlaceRanking } from '../analytics/top-places.ts';
import type { PartnerRanking } from '../analytics/top-partners.ts';
import type { TradeComposition } from '../analytics/trade-composition.ts';
import type { UsStateNames } from '../analytics/us-state-names-es.ts';
import type { WaitCompare } from '../analytics/wait-compare.ts';
import type { WaitHistory } from '../analytics/wait-history.ts';
import type { WaitNow } from '../analytics/wait-now.ts';
import type { WaitProfile } from '../analytics/wait-profile.ts';
import type { ClaimCheck } from '../claims/check-statement.ts';
import type { TextCheck } from '../claims/check-text.ts';
import type { WaitForecastResult } from '../forecast/wait-forecast.ts';
import type { StoreStatus } from '../store/store-status.ts';
import type { TariffBaseline } from '../tariffs/tariff-baseline.ts';
import type { TariffLine } from '../tariffs/tariff-line.ts';
import type { TariffScenario } from '../tariffs/tariff-scenario.ts';
import type * as A from './analysis-responses.ts';
import type * as C from './claim-responses.ts';
import type * as S from './status-responses.ts';
import type * as T from './tariff-responses.ts';
import type * as W from './wait-responses.ts';

/**
 * The compiler's half of the contract: each result type the handlers send, as `jsonText` writes
 * it (64-bit integers as strings, absent fields left out, an open `object` as any JSON object), must be exactly the type of the
 * response schema /openapi.json publishes and the dashboard reads. A field added, removed,
 * renamed or retyped on one side and not the other fails `tsc`. (The contract test checks the
 * same on real answers.)
 */
type Json<T> = T extends bigint
  ? string
  : T extends string | number | boolean | null | undefined
    ? T
    : T extends readonly (infer E)[]
      ? Json<E>[]
      : Equal<T, object> extends true
        ? { [k: string]: unknown }
        : T extends object
          ? { [K in keyof T]: Json<T[K]> }
          : T;

/** Exact equality (not mutual assignability, which lets an optional field slip through). */
type Equal<X, Y> =
  (<G>() => G extends X ? 1 : 2) extends <G>() => G extends Y ? 1 : 2 ? true : false;
type Same<Server, Schema extends z.ZodType> = Equal<Json<Server>, z.infer<Schema>>;
type Assert<T extends true> = T;

export type ResponseTypesMatch = [
  Assert<Same<PartnerProfile, typeof A.partnerProfileSchema>>,
  Assert<Same<StateProfile, typeof A.stateProfileSchema>>,
  Assert<Same<MexicanStateProfile, typeof A.mexicanStateProfileSchema>>,
  Assert<Same<UsStateNames, typeof A.usStateNamesSchema>>,
  Assert<Same<ProductNames, typeof A.productNamesSchema>>,
  Assert<Same<PortProfile, typeof A.portProfileSchema>>,
  Assert<Same<ProductProfile, typeof A.productProfileSchema>>,
  Assert<Same<PartnerRanking, typeof A.partnerRankingSchema>>,
  Assert<Same<PlaceRanking, typeof A.placeRankingSchema>>,
  Assert<Same<PartnerComparison, typeof A.partnerComparisonSchema>>,
  Assert<Same<GroupComparison, typeof A.groupComparisonSchema>>,
  Assert<Same<PartnerSeries, typeof A.partnerSeriesSchema>>,
  Assert<Same<RevisionDiff, typeof A.revisionDiffSchema>>,
  Assert<Same<PortMap, typeof A.portMapSchema>>,
  Assert<Same<WaitHistory, typeof W.waitHistorySchema>>,
  Assert<Same<WaitProfile, typeof W.waitProfileSchema>>,
  Assert<Same<WaitCompare, typeof W.waitCompareSchema>>,
  Assert<Same<WaitNow, typeof W.waitNowSchema>>,
  Assert<Same<WaitForecastResult, typeof W.waitForecastSchema>>,
  Assert<Same<TradeComposition, typeof T.tradeCompositionSchema>>,
  Assert<Same<TariffBaseline, typeof T.tariffBaselineSchema>>,
  Assert<Same<TariffScenario, typeof T.tariffScenarioSchema>>,
  Assert<Same<TariffLine, typeof T.tariffLineSchema>>,
  Assert<Same<ClaimCheck, typeof C.claimCheckSchema>>,
  Assert<Same<TextCheck, typeof C.textCheckSchema>>,
  Assert<Same<StoreStatus, typeof S.storeStatusSchema>>,
];
