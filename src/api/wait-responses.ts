import { z } from '@hono/zod-openapi';

/** One hour of the week's typical wait (analytics' WaitCell): median, 80th percentile, counts. */
const waitCellSchema = z
  .object({
    weekday: z.number(),
    hour: z.number(),
    median: z.number(),
    p80: z.number(),
    hours: z.number(),
    readings: z.number(),
  })
  .strict();

export const waitNowRowSchema = z
  .object({
    portNumber: z.string(),
    crossing: z.string(),
    laneType: z.string(),
    laneKind: z.string(),
    observedAt: z.string(),
    observedLocal: z.string(),
    minutes: z.number().nullable(),
    status: z.string().nullable(),
    lanesOpen: z.number().nullable(),
    typical: waitCellSchema.nullable(),
    text: z.string(),
  })
  .strict()
  .openapi('WaitNowRow');
export type WaitNowRow = z.infer<typeof waitNowRowSchema>;

export const waitCrossingRefSchema = z
  .object({
    portNumber: z.string(),
    portCode: z.string().nullable(),
    portName: z.string().nullable(),
    crossingName: z.string().nullable(),
    label: z.string(),
    zone: z.string(),
  })
  .strict()
  .openapi('WaitCrossingRef');
export type WaitCrossingRef = z.infer<typeof waitCrossingRefSchema>;

export const waitPlaceSchema = z
  .object({
    asked: z.string(),
    kind: z.enum(['port', 'crossing', 'city']),
    name: z.string(),
    ports: z.array(z.string()),
    crossings: z.array(waitCrossingRefSchema),
  })
  .strict()
  .openapi('WaitPlace');
export type WaitPlace = z.infer<typeof waitPlaceSchema>;

export const waitSeriesSchema = z
  .object({
    portNumber: z.string(),
    crossing: z.string(),
    laneType: z.string(),
    laneKind: z.string(),
    hours: z.number(),
    withReadings: z.number(),
    gaps: z.number(),
    longestGap: z
      .object({
        from: z.string(),
        hours: z.number(),
      })
      .strict()
      .nullable(),
    values: z.array(
      z
        .object({
          hourUtc: z.string(),
          hourLocal: z.string(),
          minutes: z.number().nullable(),
          readings: z.number(),
        })
        .strict(),
    ),
  })
  .strict()
  .openapi('WaitSeries');
export type WaitSeries = z.infer<typeof waitSeriesSchema>;

export const waitSourceGroupSchema = z
  .object({
    source: z.string(),
    series: z.string(),
    folder: z.string(),
    files: z.number(),
    vintage: z.string(),
    periods: z.string().nullable(),
    first: z
      .object({
        path: z.string(),
        sha256: z.string(),
        vintage: z.string(),
      })
      .strict(),
    last: z
      .object({
        path: z.string(),
        sha256: z.string(),
        vintage: z.string(),
      })
      .strict(),
  })
  .strict()
  .openapi('WaitSourceGroup');
export type WaitSourceGroup = z.infer<typeof waitSourceGroupSchema>;

export const waitRunSchema = z
  .object({
    first: z.string(),
    last: z.string(),
    days: z.number(),
  })
  .strict()
  .openapi('WaitRun');
export type WaitRun = z.infer<typeof waitRunSchema>;

export const waitSpanSchema = z
  .object({
    first: z.string(),
    last: z.string(),
    readings: z.number(),
    runs: z.array(waitRunSchema),
  })
  .strict()
  .openapi('WaitSpan');
export type WaitSpan = z.infer<typeof waitSpanSchema>;

export const waitHistorySchema = z
  .object({
    place: waitPlaceSchema,
    lanes: z.array(z.string()),
    span: waitSpanSchema,
    method: z.array(z.string()),
    kind: z.literal('wait-history'),
    period: z
      .object({
        from: z.string(),
        to: z.string(),
        hours: z.number(),
        defaulted: z.boolean(),
      })
      .strict(),
    series: z.array(waitSeriesSchema),
    latest: z.array(waitNowRowSchema),
    sources: z.array(waitSourceGroupSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('WaitHistory');
export type WaitHistory = z.infer<typeof waitHistorySchema>;

export const laneProfileSchema = z
  .object({
    portNumber: z.string(),
    crossing: z.string(),
    laneType: z.string(),
    laneKind: z.string(),
    hourOfWeek: z.array(waitCellSchema),
    byMonth: z.array(
      z
        .object({
          month: z.number(),
          median: z.number(),
          p80: z.number(),
          hours: z.number(),
          readings: z.number(),
        })
        .strict(),
    ),
    hidden: z
      .object({
        hourOfWeek: z.number(),
        byMonth: z.number(),
      })
      .strict(),
  })
  .strict()
  .openapi('LaneProfile');
export type LaneProfile = z.infer<typeof laneProfileSchema>;

export const waitProfileSchema = z
  .object({
    place: waitPlaceSchema,
    lanes: z.array(z.string()),
    span: waitSpanSchema,
    method: z.array(z.string()),
    kind: z.literal('wait-profile'),
    minHours: z.number(),
    lanesProfiled: z.array(laneProfileSchema),
    sources: z.array(waitSourceGroupSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('WaitProfile');
export type WaitProfile = z.infer<typeof waitProfileSchema>;

export const compareRowSchema = z
  .object({
    portNumber: z.string(),
    crossing: z.string(),
    laneType: z.string(),
    laneKind: z.string(),
    median: z.number().nullable(),
    p80: z.number().nullable(),
    hours: z.number(),
    readings: z.number(),
    rank: z.number().nullable(),
  })
  .strict()
  .openapi('CompareRow');
export type CompareRow = z.infer<typeof compareRowSchema>;

export const waitCompareSchema = z
  .object({
    place: waitPlaceSchema,
    lanes: z.array(z.string()),
    span: waitSpanSchema,
    method: z.array(z.string()),
    kind: z.literal('wait-compare'),
    at: z
      .object({
        label: z.string(),
        defaulted: z.boolean(),
        weekday: z.number(),
        hour: z.number(),
      })
      .strict(),
    minHours: z.number(),
    rows: z.array(compareRowSchema),
    verdicts: z.array(z.string()),
    sources: z.array(waitSourceGroupSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('WaitCompare');
export type WaitCompare = z.infer<typeof waitCompareSchema>;

export const hourOfWeekSchema = z
  .object({
    weekday: z.number(),
    hour: z.number(),
  })
  .strict()
  .openapi('HourOfWeek');
export type HourOfWeek = z.infer<typeof hourOfWeekSchema>;

export const bestTimeSchema = z
  .object({
    portNumber: z.string(),
    crossing: z.string(),
    laneType: z.string(),
    laneKind: z.string(),
    from: hourOfWeekSchema,
    best: waitCellSchema.nullable(),
    text: z.string(),
  })
  .strict()
  .openapi('BestTime');
export type BestTime = z.infer<typeof bestTimeSchema>;

export const waitNowSchema = z
  .object({
    place: waitPlaceSchema,
    lanes: z.array(z.string()),
    span: waitSpanSchema,
    method: z.array(z.string()),
    kind: z.literal('wait-now'),
    asOf: z.string(),
    minHours: z.number(),
    rows: z.array(waitNowRowSchema),
    bestTimes: z.array(bestTimeSchema),
    sources: z.array(waitSourceGroupSchema),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('WaitNow');
export type WaitNow = z.infer<typeof waitNowSchema>;

const forecastHourSchema = z
  .object({
    hourUtc: z.string(),
    forecastMinutes: z.number(),
    lowMinutes: z.number(),
    highMinutes: z.number(),
    holidays: z.array(z.string()),
  })
  .strict();

/** `GET /api/waits/forecast`: the response the page reads, the same type the handler returns. */
export const waitForecastSchema = z
  .object({
    kind: z.literal('wait-forecast'),
    asked: z.string(),
    origin: z.string(),
    from: z.string(),
    to: z.string(),
    lanes: z.array(
      z
        .object({
          portNumber: z.string(),
          laneType: z.string(),
          laneKind: z.string(),
          crossing: z.string(),
          zone: z.string(),
          profileReadings: z.number(),
          recentLevel: z.number(),
          hours: z.array(forecastHourSchema),
        })
        .strict(),
    ),
    skipped: z.array(z.object({ lane: z.string(), readings: z.number() }).strict()),
    history: z.object({ from: z.string(), to: z.string() }).strict().nullable(),
    sources: z.array(
      z
        .object({
          folder: z.string(),
          files: z.number(),
          firstFile: z.string(),
          lastFile: z.string(),
        })
        .strict(),
    ),
    model: z.string(),
    notes: z.array(z.string()),
  })
  .strict()
  .openapi('WaitForecast');
export type WaitForecast = z.infer<typeof waitForecastSchema>;
