import { z } from '@hono/zod-openapi';
import { codeName, int, intOrNull, sourceRefSchema } from './response-common.ts';

export const grubelLloydSchema = z
  .object({
    key: z.string(),
    exportsUsd: int,
    importsUsd: int,
    index: z.number().nullable(),
  })
  .strict()
  .openapi('GrubelLloyd');
export type GrubelLloyd = z.infer<typeof grubelLloydSchema>;

export const intraIndustryTradeSchema = z
  .object({
    kind: z.literal('intra-industry-trade'),
    partnerCode: z.string(),
    month: z.string(),
    aggregate: z.number().nullable(),
    chapters: z.array(grubelLloydSchema),
    states: z.array(grubelLloydSchema),
    coverage: z
      .object({
        chapters: z.number(),
        twoWayChapters: z.number(),
        twoWayShare: z.number(),
      })
      .strict(),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('IntraIndustryTrade');
export type IntraIndustryTrade = z.infer<typeof intraIndustryTradeSchema>;

export const shareSchema = z
  .object({
    code: z.string(),
    label: z.string().nullable(),
    valueUsd: int,
    share: z.number(),
  })
  .strict()
  .openapi('Share');
export type Share = z.infer<typeof shareSchema>;

export const tradeCompositionSchema = z
  .object({
    kind: z.literal('trade-composition'),
    partner: codeName,
    flow: z.string(),
    year: z.number(),
    level: z.number(),
    source: z
      .object({
        table: z.enum(['trade_product', 'dataweb_product']),
        name: z.string(),
        measure: z.string().nullable(),
      })
      .strict(),
    totalUsd: int,
    sections: z.array(shareSchema),
    chapters: z.array(shareSchema),
    endUse: z
      .object({
        edition: z.string().nullable(),
        classes: z.array(shareSchema),
        coverage: z.number(),
        unavailable: z.string().nullable(),
      })
      .strict(),
    intraIndustry: z.union([intraIndustryTradeSchema, z.null()]),
    basis: z.array(z.string()),
    sources: z.array(sourceRefSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('TradeComposition');
export type TradeComposition = z.infer<typeof tradeCompositionSchema>;

export const dutyComponentsSchema = z
  .object({
    mfn: int,
    usmca: int,
    section301: int,
    section232: int,
    total: int,
  })
  .strict()
  .openapi('DutyComponents');
export type DutyComponents = z.infer<typeof dutyComponentsSchema>;

export const baselineRowSchema = z
  .object({
    partner: codeName,
    lines: z.number(),
    valueUsd: int,
    engine: dutyComponentsSchema,
    officialUsd: intOrNull,
    differenceUsd: intOrNull,
    errorPct: z.number().nullable(),
    withinTolerance: z.boolean().nullable(),
  })
  .strict()
  .openapi('BaselineRow');
export type BaselineRow = z.infer<typeof baselineRowSchema>;

export const chapterErrorSchema = z
  .object({
    partnerCode: z.string(),
    chapter: z.string(),
    valueUsd: int,
    engineUsd: int,
    officialUsd: intOrNull,
    differenceUsd: intOrNull,
    errorPct: z.number().nullable(),
  })
  .strict()
  .openapi('ChapterError');
export type ChapterError = z.infer<typeof chapterErrorSchema>;

export const coverageRowSchema = z
  .object({
    partnerCode: z.string(),
    basis: z.string(),
    aveSource: z.enum(['peer_hts10', 'peer_hts8']).nullable(),
    lines: z.number(),
    valueUsd: int,
    engineUsd: int,
    officialUsd: intOrNull,
  })
  .strict()
  .openapi('CoverageRow');
export type CoverageRow = z.infer<typeof coverageRowSchema>;

export const shareIdSchema = z
  .enum([
    'mexico_steel',
    'mexico_aluminum',
    'eu_steel',
    'eu_aluminum',
    'jp_uk_steel',
    'uk_aluminum',
  ])
  .openapi('ShareId');
export type ShareId = z.infer<typeof shareIdSchema>;

export const shareAssumptionSchema = z
  .object({
    id: shareIdSchema,
    central: z.number(),
    what: z.string(),
    source: z.string(),
  })
  .strict()
  .openapi('ShareAssumption');
export type ShareAssumption = z.infer<typeof shareAssumptionSchema>;

export const tariffBaselineSchema = z
  .object({
    kind: z.literal('tariff-baseline'),
    year: z.number(),
    tolerancePct: z.number(),
    partners: z.array(baselineRowSchema),
    total: baselineRowSchema,
    chapters: z.array(chapterErrorSchema),
    coverage: z.array(coverageRowSchema),
    section301Exclusions: z.array(
      z
        .object({
          partnerCode: z.string(),
          lines: z.number(),
          valueUsd: int,
          centralUsd: int,
          noneClaimedUsd: int,
          allClaimedUsd: int,
        })
        .strict(),
    ),
    section301Weighting: z.array(
      z
        .object({
          partnerCode: z.string(),
          daysUsd: int,
          importsUsd: int,
        })
        .strict(),
    ),
    section232Range: z.array(
      z
        .object({
          partnerCode: z.string(),
          centralUsd: int,
          lowUsd: int,
          highUsd: int,
        })
        .strict(),
    ),
    section232Shares: z.array(shareAssumptionSchema),
    pharmaAppendix: z.array(
      z
        .object({
          partnerCode: z.string(),
          lines: z.number(),
          valueUsd: int,
          centralUsd: int,
          noneClaimedUsd: int,
        })
        .strict(),
    ),
    chapterError: z.array(
      z
        .object({
          partnerCode: z.string(),
          pct: z.number().nullable(),
        })
        .strict(),
    ),
    rules: z.array(z.string()),
    basis: z.array(z.string()),
    sources: z.array(sourceRefSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('TariffBaseline');
export type TariffBaseline = z.infer<typeof tariffBaselineSchema>;

export const placeShareSchema = z
  .object({
    partnerCode: z.string(),
    key: z.string(),
    name: z.string().nullable(),
    addedUsd: int,
  })
  .strict()
  .openapi('PlaceShare');
export type PlaceShare = z.infer<typeof placeShareSchema>;

export const placeEstimateSchema = z
  .object({
    estimate: z.literal(true),
    method: z.string(),
    months: z.array(z.string()),
    states: z.array(placeShareSchema),
    ports: z.array(placeShareSchema),
    unapportioned: z.array(
      z
        .object({
          partnerCode: z.string(),
          addedUsd: int,
        })
        .strict(),
    ),
  })
  .strict()
  .openapi('PlaceEstimate');
export type PlaceEstimate = z.infer<typeof placeEstimateSchema>;

export const scenarioTotalsSchema = z
  .object({
    valueUsd: int,
    baselineUsd: int,
    addedUsd: int,
    newUsd: int,
    baselineRatePct: z.number(),
    newRatePct: z.number(),
  })
  .strict()
  .openapi('ScenarioTotals');
export type ScenarioTotals = z.infer<typeof scenarioTotalsSchema>;

export const tariffScenarioSchema = z
  .object({
    kind: z.literal('tariff-scenario'),
    name: z.string(),
    year: z.number(),
    layers: z.array(
      z
        .object({
          index: z.number(),
          label: z.string(),
          kind: z.string(),
          partners: z.union([z.array(codeName), z.literal('all')]),
          addedUsd: int,
        })
        .strict(),
    ),
    partners: z.array(
      z
        .object({
          valueUsd: int,
          baselineUsd: int,
          addedUsd: int,
          newUsd: int,
          baselineRatePct: z.number(),
          newRatePct: z.number(),
          partner: codeName,
          byLayerUsd: z.array(int),
        })
        .strict(),
    ),
    total: scenarioTotalsSchema,
    chapters: z.array(
      z
        .object({
          valueUsd: int,
          baselineUsd: int,
          addedUsd: int,
          newUsd: int,
          baselineRatePct: z.number(),
          newRatePct: z.number(),
          partnerCode: z.string(),
          chapter: z.string(),
        })
        .strict(),
    ),
    products: z.array(
      z
        .object({
          valueUsd: int,
          baselineUsd: int,
          addedUsd: int,
          newUsd: int,
          baselineRatePct: z.number(),
          newRatePct: z.number(),
          partnerCode: z.string(),
          hsCode: z.string(),
          description: z.string().nullable(),
        })
        .strict(),
    ),
    places: z.union([placeEstimateSchema, z.null()]),
    basis: z.array(z.string()),
    sources: z.array(sourceRefSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('TariffScenario');
export type TariffScenario = z.infer<typeof tariffScenarioSchema>;

export const s232SegmentSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    heading: z.string().nullable(),
    reference: z.string(),
    rate: z.number(),
    freeUnder: z.string().nullable(),
    share: z.union([shareIdSchema, z.null()]),
  })
  .strict()
  .openapi('S232Segment');
export type S232Segment = z.infer<typeof s232SegmentSchema>;

export const tariffLineSchema = z
  .object({
    kind: z.literal('tariff-line'),
    hts10: z.string(),
    partnerCode: z.string(),
    date: z.string(),
    year: z.number(),
    components: z.array(
      z
        .object({
          component: z.string(),
          ratePct: z.number().nullable(),
          reference: z.string(),
        })
        .strict(),
    ),
    exclusions: z.array(
      z
        .object({
          claimShareEstimate: z.number(),
          heading: z.string(),
          reference: z.string(),
          item: z.string().nullable(),
          product: z.string().nullable(),
          from: z.string().nullable(),
          to: z.string().nullable(),
        })
        .strict(),
    ),
    claimShareSource: z.string().nullable(),
    section232: z
      .object({
        kind: z.string(),
        segments: z.array(s232SegmentSchema),
        share: z.union([shareAssumptionSchema, z.null()]),
        conflicts: z.array(z.string()),
        readings: z.array(z.string()),
      })
      .strict()
      .nullable(),
    listSource: z.string().nullable(),
    conflicts: z.array(z.string()),
    year_figures: z
      .object({
        valueUsd: int,
        engineUsd: int,
        officialUsd: intOrNull,
        s301Usd: int,
      })
      .strict()
      .nullable(),
  })
  .strict()
  .openapi('TariffLine');
export type TariffLine = z.infer<typeof tariffLineSchema>;
