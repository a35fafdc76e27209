import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ForecastRefusal } from '../forecast/forecast-refusal.ts';
import { waitForecast, type WaitForecastResult } from '../forecast/wait-forecast.ts';
import type { Store } from '../store/open-store.ts';
import { HttpError } from './http-error.ts';
import { document, errorSchema, internalError } from './response-common.ts';
import { sendJson } from './send-json.ts';
import { waitForecastSchema } from './wait-responses.ts';

const time = (description: string) =>
  z
    .string()
    .max(40)
    .regex(
      /^\d{4}-\d{2}-\d{2}([T ]\d{2}(:\d{2}){0,2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/,
      'a date or time like 2026-01-19T14:00Z',
    )
    .optional()
    .openapi({
      description: `${description} (ISO 8601; UTC unless an offset is given)`,
      example: '2026-01-18T21:00Z',
    });

const parseTime = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const t = Date.parse(
    /(Z|[+-]\d{2}:?\d{2})$/.test(v)
      ? v.replace(' ', 'T')
      : `${v.replace(' ', 'T')}${v.length === 10 ? 'T00:00' : ''}Z`,
  );
  if (Number.isNaN(t))
    throw new HttpError(400, `${name}: not a date or time: ${v}`, { parameter: name });
  return t;
};

export const FORECAST_CSV_HEADER =
  'port_number,crossing,lane_type,lane_kind,hour_utc,forecast_minutes,low_minutes,high_minutes';

function csv(r: WaitForecastResult): string {
  const esc = (v: string | number) =>
    /[",\r\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v);
  const lines = r.lanes.flatMap((l) =>
    l.hours.map((h) =>
      [
        l.portNumber,
        l.crossing,
        l.laneType,
        l.laneKind,
        h.hourUtc,
        h.forecastMinutes,
        h.lowMinutes,
        h.highMinutes,
      ]
        .map(esc)
        .join(','),
    ),
  );
  return [FORECAST_CSV_HEADER, ...lines].join('\n') + '\n';
}

/** GET /api/waits/forecast: hourly forecasts with 80% intervals (issue 13 item 4). */
export function registerWaitsForecastRoute(app: OpenAPIHono, store: Store): void {
  const route = createRoute({
    method: 'get',
    path: '/api/waits/forecast',
    tags: ['waits'],
    summary: 'Hourly wait forecast with an 80% interval for every lane of a CBP crossing or port',
    request: {
      query: z.object({
        place: z.string().min(1).max(100).openapi({
          description: 'CBP crossing number or port (code or name)',
          example: '250401',
        }),
        lane: z.string().max(200).optional().openapi({
          description: 'comma-separated lanes: passenger, passenger:ready, commercial:fast …',
          example: 'passenger:standard',
        }),
        at: time('one hour'),
        from: time('first hour (default: the hour after the newest reading)'),
        to: time('last hour (default: 23 hours after the first; at most 7 days past the origin)'),
        asOf: time('forecast as if at this time: only readings published before it'),
        format: z
          .enum(['json', 'csv'])
          .default('json')
          .openapi({ description: `json, or csv with columns ${FORECAST_CSV_HEADER}` }),
      }),
    },
    responses: {
      200: {
        description:
          'Forecasts per lane and hour, with the history span and source files they rest on',
        content: {
          'application/json': { schema: document(waitForecastSchema) },
          'text/csv': { schema: z.string() },
        },
      },
      400: {
        description: 'a parameter is invalid',
        content: { 'application/json': { schema: errorSchema } },
      },
      404: {
        description:
          'unknown crossing, port or lane; or a time, horizon or lane the model does not forecast (the message says which)',
        content: { 'application/json': { schema: errorSchema } },
      },
      500: internalError,
    },
  });
  app.openapi(route, async (c) => {
    const q = c.req.valid('query');
    if (q.at !== undefined && (q.from !== undefined || q.to !== undefined)) {
      throw new HttpError(400, 'give at, or from and to, not both', { parameter: 'at' });
    }
    const fromMs = parseTime(q.at !== undefined ? 'at' : 'from', q.at ?? q.from);
    const toMs = q.at !== undefined ? fromMs : parseTime('to', q.to);
    let r: WaitForecastResult;
    try {
      r = await waitForecast(store, {
        place: q.place,
        lanes: q.lane ? [q.lane] : [],
        fromMs,
        toMs: toMs ?? (fromMs !== undefined ? fromMs + 23 * 3_600_000 : undefined),
        asOfMs: parseTime('asOf', q.asOf),
      });
    } catch (e) {
      if (e instanceof ForecastRefusal)
        throw new HttpError(404, e.message, { kind: 'not-forecast' });
      throw e;
    }
    if (q.format === 'csv') {
      return c.body(csv(r), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="wait-forecast.csv"',
      });
    }
    return sendJson(c, waitForecastSchema, waitForecastSchema.parse(r));
  });
}
