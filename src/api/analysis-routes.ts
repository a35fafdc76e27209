import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { compareGroupWithNext, comparePartners } from '../analytics/compare-partners.ts';
import { partnerProfile } from '../analytics/partner-profile.ts';
import { partnerSeries } from '../analytics/partner-series.ts';
import { portMap } from '../analytics/port-map.ts';
import { portProfile } from '../analytics/port-profile.ts';
import { productProfile } from '../analytics/product-profile.ts';
import { revisionDiff } from '../analytics/revision-diff.ts';
import { mexicanStateProfile } from '../analytics/mexican-state-profile.ts';
import { productNames } from '../analytics/product-names.ts';
import { usStateNames } from '../analytics/us-state-names-es.ts';
import { stateProfile } from '../analytics/state-profile.ts';
import { topPorts, topProducts, topStates } from '../analytics/top-places.ts';
import { rankPartners, type TradeMetric } from '../analytics/top-partners.ts';
import { MeasureError, resolveMeasure } from '../analytics/resolve-measure.ts';
import { CROSSING_MEASURES, type CrossingMeasure } from '../model/crossing-measures.ts';
import type { Store } from '../store/open-store.ts';
import { analysisRoute } from './analysis-route.ts';
import {
  groupComparisonSchema,
  mexicanStateProfileSchema,
  partnerComparisonSchema,
  partnerProfileSchema,
  partnerRankingSchema,
  partnerSeriesSchema,
  placeRankingSchema,
  portMapSchema,
  portProfileSchema,
  productNamesSchema,
  productProfileSchema,
  revisionDiffSchema,
  stateProfileSchema,
  usStateNamesSchema,
} from './analysis-responses.ts';
import { HttpError } from './http-error.ts';
import {
  border,
  limit,
  metric,
  month,
  name,
  parseYears,
  partnerList,
  tbFlow,
  year,
  years,
} from './query-schemas.ts';

const metricOf = (m: string | undefined): TradeMetric | undefined =>
  m === undefined ? undefined : m === 'two-way' ? 'two_way' : (m as TradeMetric);

/** A crossing measure as the CLI takes it (English or Spanish, any case or accents), else a 400. */
const measureParam = z
  .string()
  .max(100)
  .openapi({
    description: `a BTS crossing measure in English or Spanish, case and accents ignored: ${CROSSING_MEASURES.join(', ')}`,
    example: 'trucks',
  });

function measureOf(asked: string): CrossingMeasure;
function measureOf(asked: string | undefined): CrossingMeasure | undefined;
function measureOf(asked: string | undefined): CrossingMeasure | undefined {
  if (asked === undefined) return undefined;
  try {
    return resolveMeasure(asked);
  } catch (e) {
    if (!(e instanceof MeasureError)) throw e;
    throw new HttpError(400, e.message, { parameter: 'measure', accepted: CROSSING_MEASURES });
  }
}

function partnersOf(list: string): string[] {
  const parts = list
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length < 2 || parts.length > 10) {
    throw new HttpError(400, 'partners: give 2 to 10 comma-separated partners', {
      parameter: 'partners',
      accepted: '2 to 10 names or codes, e.g. mexico,canada',
    });
  }
  return parts;
}

/** Every profile, ranking, comparison and series of the analytics layer, as GET endpoints. */
export function registerAnalysisRoutes(app: OpenAPIHono, store: Store): void {
  analysisRoute(app, store, {
    path: '/api/profile/partner/{partner}',
    response: partnerProfileSchema,
    tag: 'profiles',
    summary:
      'Partner profile: totals, growth, ranks, shares, rates, series; border detail for Mexico and Canada',
    params: { partner: name('partner', 'mexico') },
    query: { year },
    run: (s, { params, query }) => partnerProfile(s, params.partner, { year: query.year }),
  });
  analysisRoute(app, store, {
    path: '/api/profile/state/{state}',
    response: stateProfileSchema,
    tag: 'profiles',
    summary: 'US state profile: trade with Mexico and Canada by mode, HS chapter and port',
    params: { state: name('state', 'TX') },
    query: { month },
    run: (s, { params, query }) => stateProfile(s, params.state, { month: query.month }),
  });
  analysisRoute(app, store, {
    path: '/api/profile/mexican-state/{state}',
    response: mexicanStateProfileSchema,
    tag: 'profiles',
    summary:
      'Mexican state profile: US exports bound for the state by mode, US state, port and HS chapter (TransBorder records no Mexican state on imports)',
    params: { state: name('state', 'NL') },
    query: { month },
    run: (s, { params, query }) => mexicanStateProfile(s, params.state, { month: query.month }),
  });
  analysisRoute(app, store, {
    path: '/api/names/us-states',
    response: usStateNamesSchema,
    tag: 'profiles',
    summary: 'Spanish names of US states by USPS code (ISO 3166-2, Debian iso-codes)',
    run: (s) => usStateNames(s),
  });
  analysisRoute(app, store, {
    path: '/api/names/products',
    response: productNamesSchema,
    tag: 'profiles',
    summary:
      "Spanish names of HS codes in the EU Combined Nomenclature's wording (US lines take their HS6's name)",
    query: {
      codes: z.string().max(6000).openapi({
        description: 'comma-separated HS codes, 2 to 10 digits',
        example: '080440,2709',
      }),
      lang: z.enum(['es']).default('es'),
    },
    run: (s, { query }) => productNames(s, query.codes.split(',')),
  });
  analysisRoute(app, store, {
    path: '/api/profile/port/{port}',
    response: portProfileSchema,
    tag: 'profiles',
    summary: 'Port profile: freight, crossings by measure since 1996, latest wait times',
    params: { port: name('port', '2304') },
    query: { year },
    run: (s, { params, query }) => portProfile(s, params.port, { year: query.year }),
  });
  analysisRoute(app, store, {
    path: '/api/profile/product/{product}',
    response: productProfileSchema,
    tag: 'profiles',
    summary: 'Product profile: description, end use, trade data by partner',
    params: { product: name('product', '8703') },
    run: (s, { params }) => productProfile(s, params.product),
  });
  analysisRoute(app, store, {
    path: '/api/top/partners',
    response: partnerRankingSchema,
    tag: 'rankings',
    summary: 'Countries ranked by exports, imports, two-way trade or balance (aggregates excluded)',
    query: { metric: metric.default('two-way'), year, limit },
    run: (s, { query }) =>
      rankPartners(s, { metric: metricOf(query.metric), year: query.year, limit: query.limit }),
  });
  analysisRoute(app, store, {
    path: '/api/top/states',
    response: placeRankingSchema,
    tag: 'rankings',
    summary: 'US states by TransBorder trade with Mexico and/or Canada',
    query: { partner: z.string().max(100).optional(), flow: tbFlow, month, limit },
    run: (s, { query }) => topStates(s, query),
  });
  analysisRoute(app, store, {
    path: '/api/top/ports',
    response: placeRankingSchema,
    tag: 'rankings',
    summary: 'Ports by TransBorder freight, or by a crossing measure in a year',
    query: {
      measure: measureParam.optional(),
      border,
      year,
      partner: z.string().max(100).optional(),
      flow: tbFlow,
      month,
      limit,
    },
    run: (s, { query }) => topPorts(s, { ...query, measure: measureOf(query.measure) }),
  });
  analysisRoute(app, store, {
    path: '/api/top/products',
    response: placeRankingSchema,
    tag: 'rankings',
    summary: 'HS products by Census product-level value',
    query: {
      partner: z.string().max(100).optional(),
      flow: z.enum(['export', 'import_general', 'import_consumption']).optional(),
      year,
      level: z.coerce
        .number()
        .int()
        .refine((v) => [2, 4, 6, 8, 10].includes(v), 'one of 2, 4, 6, 8, 10')
        .default(4),
      limit,
    },
    run: (s, { query }) => topProducts(s, { ...query, level: query.level as 2 | 4 | 6 | 8 | 10 }),
  });
  analysisRoute(app, store, {
    path: '/api/compare',
    response: partnerComparisonSchema,
    tag: 'comparisons',
    summary: 'Partners side by side, year by year, with ratios and CAGR',
    query: { partners: partnerList, metric: metric.optional(), years },
    run: (s, { query }) =>
      comparePartners(s, partnersOf(query.partners), {
        metric: metricOf(query.metric),
        years: parseYears(query.years),
      }),
  });
  analysisRoute(app, store, {
    path: '/api/compare/group',
    response: groupComparisonSchema,
    tag: 'comparisons',
    summary: 'A group of partners together against the next N countries by rank',
    query: {
      partners: partnerList,
      next: z.coerce.number().int().min(1).max(250).default(10),
      metric: metric.optional(),
      year,
    },
    run: (s, { query }) =>
      compareGroupWithNext(
        s,
        query.partners
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
          .slice(0, 10),
        {
          next: query.next,
          metric: metricOf(query.metric),
          year: query.year,
        },
      ),
  });
  analysisRoute(app, store, {
    path: '/api/series/{partner}',
    response: partnerSeriesSchema,
    tag: 'series',
    summary: "A partner's exports, imports and balance, yearly or monthly, in any loaded vintage",
    params: { partner: name('partner', 'mexico') },
    query: {
      frequency: z.enum(['yearly', 'monthly']).default('yearly'),
      vintage: z
        .string()
        .regex(/^[\w.-]{1,20}$/)
        .optional(),
      years,
    },
    run: (s, { params, query }) =>
      partnerSeries(s, params.partner, {
        frequency: query.frequency,
        vintage: query.vintage,
        years: parseYears(query.years),
      }),
  });
  analysisRoute(app, store, {
    path: '/api/revisions/{partner}',
    response: revisionDiffSchema,
    tag: 'series',
    summary: 'The same months as two Census releases published them',
    params: { partner: name('partner', 'mexico') },
    query: {
      flow: z.enum(['export', 'import_general']).default('export'),
      year,
      vintages: z
        .string()
        .regex(/^[\w.-]{1,20},[\w.-]{1,20}$/, 'two vintages like 2018-10,2023-03')
        .optional(),
    },
    run: (s, { params, query }) =>
      revisionDiff(s, params.partner, {
        flow: query.flow,
        year: query.year,
        vintages: query.vintages?.split(',') as [string, string] | undefined,
      }),
  });
  analysisRoute(app, store, {
    path: '/api/map/ports',
    response: portMapSchema,
    tag: 'map',
    summary: 'Every land port with coordinates, sized by a crossing measure for a year',
    query: { measure: measureParam.default('Trucks'), year },
    run: (s, { query }) => portMap(s, { ...query, measure: measureOf(query.measure) }),
  });
}
