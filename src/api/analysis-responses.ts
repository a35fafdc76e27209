import { z } from '@hono/zod-openapi';
import { codeName, int, intOrNull, sourceRefSchema } from './response-common.ts';

export const changeSchema = z
  .object({
    from: int,
    to: int,
    usd: int,
    pct: z.number().nullable(),
  })
  .strict()
  .openapi('Change');
export type Change = z.infer<typeof changeSchema>;

export const rankedSchema = z
  .object({
    rank: z.number(),
    of: z.number(),
  })
  .strict()
  .openapi('Ranked');
export type Ranked = z.infer<typeof rankedSchema>;

export const ratesSchema = z
  .object({
    days: z.number(),
    perDay: z.number(),
    perHour: z.number(),
    perMinute: z.number(),
  })
  .strict()
  .openapi('Rates');
export type Rates = z.infer<typeof ratesSchema>;

export const splitSchema = z
  .object({
    key: z.string(),
    label: z.string(),
    exports: intOrNull,
    imports: intOrNull,
    total: int,
    share: z.number().nullable(),
  })
  .strict()
  .openapi('Split');
export type Split = z.infer<typeof splitSchema>;

export const yearValuesSchema = z
  .object({
    year: z.number(),
    exports: intOrNull,
    imports: intOrNull,
    months: z.number(),
  })
  .strict()
  .openapi('YearValues');
export type YearValues = z.infer<typeof yearValuesSchema>;

export const partnerProfileSchema = z
  .object({
    kind: z.literal('partner-profile'),
    partner: z
      .object({
        code: z.string(),
        name: z.string(),
        nameEs: z.string().nullable(),
        iso3: z.string().nullable(),
        isAggregate: z.boolean(),
      })
      .strict(),
    year: z.number(),
    months: z.number(),
    coverage: z
      .object({
        first: z.string(),
        last: z.string(),
      })
      .strict(),
    totals: z
      .object({
        exports: int,
        imports: int,
        twoWay: int,
        balance: int,
      })
      .strict(),
    growth: z
      .object({
        exports: z.union([changeSchema, z.null()]),
        imports: z.union([changeSchema, z.null()]),
        twoWay: z.union([changeSchema, z.null()]),
        basis: z.string(),
      })
      .strict(),
    cagr: z
      .object({
        from: z.number(),
        to: z.number(),
        exports: z.number().nullable(),
        imports: z.number().nullable(),
        twoWay: z.number().nullable(),
      })
      .strict()
      .nullable(),
    ranks: z
      .object({
        exportMarket: rankedSchema,
        importSource: rankedSchema,
        tradingPartner: rankedSchema,
      })
      .strict()
      .nullable(),
    share: z
      .object({
        exports: z.number().nullable(),
        imports: z.number().nullable(),
        twoWay: z.number().nullable(),
      })
      .strict(),
    perCapita: z
      .object({
        population: int,
        year: z.number(),
        exports: z.number(),
        imports: z.number(),
        twoWay: z.number(),
      })
      .strict()
      .nullable(),
    rates: z
      .object({
        exports: ratesSchema,
        imports: ratesSchema,
        twoWay: ratesSchema,
      })
      .strict(),
    yearly: z.array(yearValuesSchema),
    monthly: z.array(
      z
        .object({
          month: z.string(),
          exports: intOrNull,
          imports: intOrNull,
        })
        .strict(),
    ),
    border: z
      .object({
        transborder: z
          .object({
            month: z.string(),
            period: z.string(),
            modes: z.array(splitSchema),
            usStates: z.array(splitSchema),
            ports: z.array(splitSchema),
          })
          .strict()
          .nullable(),
        crossings: z
          .object({
            year: z.number(),
            period: z.string(),
            byMeasure: z.array(
              z
                .object({
                  measure: z.string(),
                  count: int,
                })
                .strict(),
            ),
            truckPorts: z.array(
              z
                .object({
                  port: z.string(),
                  name: z.string(),
                  count: int,
                })
                .strict(),
            ),
          })
          .strict()
          .nullable(),
      })
      .strict()
      .nullable(),
    basis: z.array(z.string()),
    sources: z.array(sourceRefSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('PartnerProfile');
export type PartnerProfile = z.infer<typeof partnerProfileSchema>;

export const statePartnerTradeSchema = z
  .object({
    partner: codeName,
    exports: int,
    imports: int,
    total: int,
    share: z.number().nullable(),
    byMode: z.array(splitSchema),
    byHs2: z.array(splitSchema),
    byPort: z.array(splitSchema),
    byMexState: z.array(splitSchema).optional(),
  })
  .strict()
  .openapi('StatePartnerTrade');
export type StatePartnerTrade = z.infer<typeof statePartnerTradeSchema>;

export const usStateSchema = z
  .object({
    code: z.string(),
    fips: z.string().nullable(),
    name: z.string(),
  })
  .strict()
  .openapi('UsState');
export type UsState = z.infer<typeof usStateSchema>;

export const stateProfileSchema = z
  .object({
    kind: z.literal('state-profile'),
    state: usStateSchema,
    month: z.string(),
    monthsLoaded: z.array(z.string()),
    totals: z
      .object({
        exports: int,
        imports: int,
        total: int,
      })
      .strict(),
    partners: z.array(statePartnerTradeSchema),
    basis: z.array(z.string()),
    sources: z.array(sourceRefSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('StateProfile');
export type StateProfile = z.infer<typeof stateProfileSchema>;

export const mexicanStateSchema = z
  .object({
    code: z.string(),
    iso: z.string().nullable(),
    name: z.string(),
    nameEs: z.string().nullable(),
    btsName: z.string(),
  })
  .strict()
  .openapi('MexicanState');
export type MexicanState = z.infer<typeof mexicanStateSchema>;

export const mexicanStateRankSchema = z
  .object({
    state: mexicanStateSchema,
    exports: int,
    share: z.number().nullable(),
    rank: z.number().nullable(),
  })
  .strict()
  .openapi('MexicanStateRank');
export type MexicanStateRank = z.infer<typeof mexicanStateRankSchema>;

export const mexicanStateProfileSchema = z
  .object({
    kind: z.literal('mexican-state-profile'),
    state: mexicanStateSchema,
    month: z.string(),
    monthsLoaded: z.array(z.string()),
    flow: z.literal('export'),
    exports: int,
    share: z.number().nullable(),
    rank: z.number().nullable(),
    states: z.array(mexicanStateRankSchema),
    byMode: z.array(splitSchema),
    byUsState: z.array(splitSchema),
    byPort: z.array(splitSchema),
    byHs2: z.array(splitSchema),
    usStateNamesEs: z.record(z.string(), z.string()),
    basis: z.array(z.string()),
    sources: z.array(sourceRefSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('MexicanStateProfile');
export type MexicanStateProfile = z.infer<typeof mexicanStateProfileSchema>;

export const usStateNamesSchema = z
  .object({
    kind: z.literal('us-state-names'),
    lang: z.literal('es'),
    names: z.record(z.string(), z.string()),
    sources: z.array(sourceRefSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('UsStateNames');
export type UsStateNames = z.infer<typeof usStateNamesSchema>;

export const productNamesSchema = z
  .object({
    kind: z.literal('product-names'),
    lang: z.literal('es'),
    names: z.record(z.string(), codeName),
    sources: z.array(sourceRefSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('ProductNames');
export type ProductNames = z.infer<typeof productNamesSchema>;

export const crossingYearSchema = z
  .object({
    year: z.number(),
    months: z.number(),
    byMeasure: z.array(
      z
        .object({
          measure: z.string(),
          count: int,
          months: z.number(),
        })
        .strict(),
    ),
  })
  .strict()
  .openapi('CrossingYear');
export type CrossingYear = z.infer<typeof crossingYearSchema>;

export const portSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    state: z.string().nullable(),
    border: z.enum(['mexico', 'canada']).nullable(),
    district: z.string().nullable(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    alias: z
      .object({
        asked: z.string(),
        city: z.string(),
        mexicanState: z.string(),
        ports: z.array(z.string()),
        source: z.string(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .openapi('Port');
export type Port = z.infer<typeof portSchema>;

export const portFreightSchema = z
  .object({
    partner: codeName,
    exports: int,
    imports: int,
    total: int,
    byMode: z.array(splitSchema),
    byHs2: z.array(splitSchema),
    byMexState: z.array(splitSchema).optional(),
  })
  .strict()
  .openapi('PortFreight');
export type PortFreight = z.infer<typeof portFreightSchema>;

export const changeEvidenceSchema = z
  .object({
    measure: z.string(),
    fromBefore: int,
    fromAfter: int,
    toAfter: int,
  })
  .strict()
  .openapi('ChangeEvidence');
export type ChangeEvidence = z.infer<typeof changeEvidenceSchema>;

export const portChangeSchema = z
  .object({
    kind: z.literal('split'),
    from: codeName,
    to: codeName,
    month: z.string(),
    foundIn: z.array(z.enum(['reference', 'data'])),
    source: z.string().nullable(),
    evidence: z.array(changeEvidenceSchema),
    text: z.string(),
  })
  .strict()
  .openapi('PortChange');
export type PortChange = z.infer<typeof portChangeSchema>;

export const portHistorySchema = z
  .object({
    changes: z.array(portChangeSchema),
    combined: z
      .object({
        ports: z.array(codeName),
        yearly: z.array(crossingYearSchema),
      })
      .strict()
      .nullable(),
  })
  .strict()
  .openapi('PortHistory');
export type PortHistory = z.infer<typeof portHistorySchema>;

export const waitObservationSchema = z
  .object({
    portNumber: z.string(),
    crossingName: z.string().nullable(),
    laneType: z.string(),
    laneKind: z.string(),
    observedAt: z.string(),
    status: z.string().nullable(),
    delayMinutes: z.number().nullable(),
    lanesOpen: z.number().nullable(),
  })
  .strict()
  .openapi('WaitObservation');
export type WaitObservation = z.infer<typeof waitObservationSchema>;

export const waitCrossingSchema = z
  .object({
    portNumber: z.string(),
    portName: z.string().nullable(),
    crossingName: z.string().nullable(),
    matchedBy: z.enum(['number', 'port name']),
    readings: z.number(),
    firstObservedAt: z.string(),
    lastObservedAt: z.string(),
    lastWaitAt: z.string().nullable(),
    lanes: z.array(waitObservationSchema),
  })
  .strict()
  .openapi('WaitCrossing');
export type WaitCrossing = z.infer<typeof waitCrossingSchema>;

export const portProfileSchema = z
  .object({
    kind: z.literal('port-profile'),
    port: portSchema,
    transborder: z
      .object({
        month: z.string(),
        period: z.string(),
        partners: z.array(portFreightSchema),
      })
      .strict()
      .nullable(),
    crossings: z
      .object({
        yearly: z.array(crossingYearSchema),
        year: z.number(),
        monthly: z.array(
          z
            .object({
              measure: z.string(),
              total: int,
              months: z.array(
                z
                  .object({
                    month: z.string(),
                    count: int,
                  })
                  .strict(),
              ),
            })
            .strict(),
        ),
      })
      .strict()
      .nullable(),
    waitCrossings: z.array(waitCrossingSchema),
    waitTimes: z.array(waitObservationSchema),
    history: portHistorySchema,
    basis: z.array(z.string()),
    sources: z.array(sourceRefSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('PortProfile');
export type PortProfile = z.infer<typeof portProfileSchema>;

export const endUseClassSchema = z
  .object({
    endUse: z.string(),
    subheadings: z.number(),
    share: z.number(),
    becCodes: z.array(
      z
        .object({
          code: z.string(),
          description: z.string().nullable(),
        })
        .strict(),
    ),
  })
  .strict()
  .openapi('EndUseClass');
export type EndUseClass = z.infer<typeof endUseClassSchema>;

export const productSchema = z
  .object({
    code: z.string(),
    level: z.union([z.literal(2), z.literal(4), z.literal(6), z.literal(8), z.literal(10)]),
    description: z.string(),
    describedBy: z.string(),
    descriptionEs: z.string().nullable(),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('Product');
export type Product = z.infer<typeof productSchema>;

export const productTradeRowSchema = z
  .object({
    partner: codeName,
    flow: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    valueUsd: int,
    dutyUsd: intOrNull,
    level: z.number(),
    lines: z.number(),
  })
  .strict()
  .openapi('ProductTradeRow');
export type ProductTradeRow = z.infer<typeof productTradeRowSchema>;

export const productProfileSchema = z
  .object({
    kind: z.literal('product-profile'),
    product: productSchema,
    section: z
      .object({
        code: z.string(),
        name: z.string().nullable(),
      })
      .strict()
      .nullable(),
    chapter: z
      .object({
        code: z.string(),
        description: z.string(),
      })
      .strict()
      .nullable(),
    endUse: z
      .object({
        editions: z.array(z.string()),
        subheadings: z.number(),
        classes: z.array(endUseClassSchema),
      })
      .strict()
      .nullable(),
    census: z.array(productTradeRowSchema),
    transborder: z
      .object({
        month: z.string(),
        hs2: z.string(),
        label: z.string(),
        rows: z.array(
          z
            .object({
              partner: codeName,
              flow: z.string(),
              valueUsd: int,
            })
            .strict(),
        ),
      })
      .strict()
      .nullable(),
    basis: z.array(z.string()),
    sources: z.array(sourceRefSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('ProductProfile');
export type ProductProfile = z.infer<typeof productProfileSchema>;

export const rankedPartnerSchema = z
  .object({
    rank: z.number(),
    code: z.string(),
    name: z.string(),
    exports: int,
    imports: int,
    twoWay: int,
    balance: int,
    share: z.number().nullable(),
    prior: intOrNull,
  })
  .strict()
  .openapi('RankedPartner');
export type RankedPartner = z.infer<typeof rankedPartnerSchema>;

export const tradeMetricSchema = z
  .enum(['exports', 'imports', 'two_way', 'balance'])
  .openapi('TradeMetric');
export type TradeMetric = z.infer<typeof tradeMetricSchema>;

export const partnerRankingSchema = z
  .object({
    kind: z.literal('partner-ranking'),
    year: z.number(),
    months: z.number(),
    period: z
      .object({
        label: z.string(),
        from: z.string(),
        to: z.string(),
        yearToDate: z.boolean(),
        comparedWith: z
          .object({
            label: z.string(),
            from: z.string(),
            to: z.string(),
          })
          .strict()
          .nullable(),
      })
      .strict(),
    metric: tradeMetricSchema,
    countries: z.number(),
    world: z
      .object({
        exports: intOrNull,
        imports: intOrNull,
      })
      .strict(),
    rows: z.array(rankedPartnerSchema),
    basis: z.array(z.string()),
    sources: z.array(sourceRefSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('PartnerRanking');
export type PartnerRanking = z.infer<typeof partnerRankingSchema>;

export const placeRankingSchema = z
  .object({
    kind: z.literal('place-ranking'),
    what: z.enum(['states', 'ports', 'products']),
    unit: z.enum(['usd', 'count']),
    period: z.string(),
    filters: z.record(z.string(), z.string()),
    rows: z.array(
      z
        .object({
          rank: z.number(),
          key: z.string(),
          label: z.string(),
          value: int,
          share: z.number().nullable(),
        })
        .strict(),
    ),
    namesEs: z.record(z.string(), z.string()).optional(),
    basis: z.array(z.string()),
    sources: z.array(sourceRefSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('PlaceRanking');
export type PlaceRanking = z.infer<typeof placeRankingSchema>;

export const partnerComparisonSchema = z
  .object({
    kind: z.literal('partner-comparison'),
    metric: tradeMetricSchema,
    years: z
      .object({
        from: z.number(),
        to: z.number(),
      })
      .strict(),
    partners: z.array(codeName),
    rows: z.array(
      z
        .object({
          year: z.number(),
          months: z.number(),
          values: z.array(intOrNull),
        })
        .strict(),
    ),
    ratios: z.array(
      z
        .object({
          of: z.string(),
          to: z.string(),
          ratio: z.number().nullable(),
        })
        .strict(),
    ),
    cagr: z.array(
      z
        .object({
          code: z.string(),
          cagr: z.number().nullable(),
        })
        .strict(),
    ),
    basis: z.array(z.string()),
    sources: z.array(sourceRefSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('PartnerComparison');
export type PartnerComparison = z.infer<typeof partnerComparisonSchema>;

export const groupComparisonSchema = z
  .object({
    kind: z.literal('group-comparison'),
    year: z.number(),
    period: z
      .object({
        label: z.string(),
        from: z.string(),
        to: z.string(),
        yearToDate: z.boolean(),
        comparedWith: z
          .object({
            label: z.string(),
            from: z.string(),
            to: z.string(),
          })
          .strict()
          .nullable(),
      })
      .strict(),
    metric: tradeMetricSchema,
    group: z.array(
      z
        .object({
          code: z.string(),
          name: z.string(),
          rank: z.number(),
          value: int,
        })
        .strict(),
    ),
    groupTotal: int,
    next: z.array(
      z
        .object({
          code: z.string(),
          name: z.string(),
          rank: z.number(),
          value: int,
        })
        .strict(),
    ),
    nextTotal: int,
    ratio: z.number().nullable(),
    basis: z.array(z.string()),
    sources: z.array(sourceRefSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('GroupComparison');
export type GroupComparison = z.infer<typeof groupComparisonSchema>;

export const partnerSeriesSchema = z
  .object({
    kind: z.literal('partner-series'),
    partner: codeName,
    frequency: z.enum(['monthly', 'yearly']),
    vintage: z.string().nullable(),
    rows: z.array(
      z
        .object({
          period: z.string(),
          exports: intOrNull,
          imports: intOrNull,
          balance: intOrNull,
          months: z.number().optional(),
        })
        .strict(),
    ),
    basis: z.array(z.string()),
    sources: z.array(sourceRefSchema),
  })
  .strict()
  .openapi('PartnerSeries');
export type PartnerSeries = z.infer<typeof partnerSeriesSchema>;

export const flowSchema = z
  .enum(['export', 'import_general', 'import_consumption'])
  .openapi('Flow');
export type Flow = z.infer<typeof flowSchema>;

export const revisionDiffSchema = z
  .object({
    kind: z.literal('revision-diff'),
    partner: codeName,
    flow: flowSchema,
    vintages: z
      .object({
        old: z.string(),
        new: z.string(),
      })
      .strict(),
    rows: z.array(
      z
        .object({
          month: z.string(),
          old: intOrNull,
          new: intOrNull,
          change: intOrNull,
          pct: z.number().nullable(),
        })
        .strict(),
    ),
    basis: z.array(z.string()),
    sources: z.array(sourceRefSchema),
  })
  .strict()
  .openapi('RevisionDiff');
export type RevisionDiff = z.infer<typeof revisionDiffSchema>;

export const portMapSchema = z
  .object({
    kind: z.literal('port-map'),
    measure: z.string(),
    year: z.number(),
    months: z.number(),
    years: z.array(z.number()),
    ports: z.array(
      z
        .object({
          code: z.string(),
          name: z.string(),
          state: z.string().nullable(),
          border: z.enum(['mexico', 'canada']),
          latitude: z.number(),
          longitude: z.number(),
          count: intOrNull,
        })
        .strict(),
    ),
    basis: z.array(z.string()),
    sources: z.array(sourceRefSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('PortMap');
export type PortMap = z.infer<typeof portMapSchema>;
