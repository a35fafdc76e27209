import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { LookupError } from '../analytics/lookup-error.ts';
import { waitCompare } from '../analytics/wait-compare.ts';
import { waitHistory } from '../analytics/wait-history.ts';
import { LANES, laneKey, parseLanes } from '../analytics/wait-lane.ts';
import { waitNow } from '../analytics/wait-now.ts';
import { waitProfile } from '../analytics/wait-profile.ts';
import type { Store } from '../store/open-store.ts';
import { analysisRoute } from './analysis-route.ts';
import {
  waitCompareSchema,
  waitHistorySchema,
  waitNowSchema,
  waitProfileSchema,
} from './wait-responses.ts';
import { HttpError } from './http-error.ts';
import { name } from './query-schemas.ts';

const lane = z
  .string()
  .max(200)
  .optional()
  .openapi({
    description: `lanes, comma-separated: ${LANES.map(laneKey).join(', ')} (sentri for nexus_sentri), or a type or kind alone`,
    example: 'passenger/standard',
  });
const day = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/,
    'a day like 2025-10-01 or a local time like 2025-10-01T07:00',
  )
  .optional();
const from = day.openapi({
  description: "first day or local time, in the port's zone",
  example: '2025-10-01',
});
const to = day.openapi({
  description: 'last day (included) or local time (excluded)',
  example: '2025-10-07',
});
const asOf = z.string().datetime({ offset: true }).optional().openapi({
  description: 'the moment "the next 24 hours" start from (default: now)',
  example: '2026-01-18T15:00:00Z',
});

/** Lanes checked before any work: an unknown lane is a 400 naming the seven. */
function lanesOf(asked: string | undefined): string[] | undefined {
  if (!asked) return undefined;
  try {
    parseLanes([asked]);
  } catch (e) {
    if (!(e instanceof LookupError)) throw e;
    throw new HttpError(400, e.message, { parameter: 'lane', accepted: LANES.map(laneKey) });
  }
  return [asked];
}

const place = name('place', '2304').openapi({
  description: 'port (Schedule D code or name) or CBP crossing (number or name)',
});

/** CBP wait times from the loaded history: series, profile, comparison, latest against typical. */
export function registerWaitRoutes(app: OpenAPIHono, store: Store): void {
  analysisRoute(app, store, {
    path: '/api/waits/history/{place}',
    response: waitHistorySchema,
    tag: 'wait times',
    summary:
      'Hourly CBP wait series per crossing and lane (mean of the readings in each UTC hour; gaps are null), latest against typical',
    params: { place },
    query: { lane, from, to },
    run: (s, { params, query }) =>
      waitHistory(s, params.place, { lanes: lanesOf(query.lane), from: query.from, to: query.to }),
  });
  analysisRoute(app, store, {
    path: '/api/waits/profile/{place}',
    response: waitProfileSchema,
    tag: 'wait times',
    summary:
      'Typical CBP wait by local hour of week and by month: median, 80th percentile and counts per crossing and lane',
    params: { place },
    query: {
      lane,
      from,
      to,
      minHours: z.coerce.number().int().min(1).max(1000).optional().openapi({
        description: 'least hourly values behind a cell shown (default 8)',
        example: 8,
      }),
    },
    run: (s, { params, query }) =>
      waitProfile(s, params.place, {
        lanes: lanesOf(query.lane),
        from: query.from,
        to: query.to,
        minHours: query.minHours,
      }),
  });
  analysisRoute(app, store, {
    path: '/api/waits/compare/{city}',
    response: waitCompareSchema,
    tag: 'wait times',
    summary:
      "A border city's CBP crossings side by side at a local hour of week: median, 80th percentile, counts, fastest first",
    params: {
      city: name('city', 'San Diego').openapi({
        description: 'border city ("San Diego", "El Paso", "Tijuana") or a port or crossing',
      }),
    },
    query: {
      at: z
        .string()
        .max(40)
        .optional()
        .openapi({ description: 'weekday and local time (default: now)', example: 'monday 07:00' }),
      lane,
      asOf,
    },
    run: (s, { params, query }) =>
      waitCompare(s, params.city, {
        at: query.at,
        lanes: lanesOf(query.lane),
        ...(query.asOf ? { asOf: new Date(query.asOf) } : {}),
      }),
  });
  analysisRoute(app, store, {
    path: '/api/waits/now/{place}',
    response: waitNowSchema,
    tag: 'wait times',
    summary:
      "Each crossing and lane's latest loaded CBP reading against the typical wait at that hour of week, and the best hour in the next 24 hours by history",
    params: { place },
    query: { lane, asOf },
    run: (s, { params, query }) =>
      waitNow(s, params.place, {
        lanes: lanesOf(query.lane),
        ...(query.asOf ? { asOf: new Date(query.asOf) } : {}),
      }),
  });
}
