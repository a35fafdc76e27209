import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { tradeComposition } from '../analytics/trade-composition.ts';
import { jsonText } from '../model/json-text.ts';
import type { Store } from '../store/open-store.ts';
import { parseScenarioText } from '../tariffs/scenario-file.ts';
import { ScenarioError, scenarioSchema } from '../tariffs/scenario-spec.ts';
import { tariffBaseline } from '../tariffs/tariff-baseline.ts';
import { tariffScenario } from '../tariffs/tariff-scenario.ts';
import { tariffLine } from '../tariffs/tariff-line.ts';
import { tariffTable, type TariffResult } from '../tariffs/tariff-table.ts';
import { HttpError } from './http-error.ts';
import { name, year } from './query-schemas.ts';
import { document, errorSchema, internalError } from './response-common.ts';
import {
  tariffBaselineSchema,
  tariffLineSchema,
  tariffScenarioSchema,
  tradeCompositionSchema,
} from './tariff-responses.ts';

const format = z
  .enum(['json', 'csv'])
  .default('json')
  .openapi({ description: 'json (default), or csv: the main table as a download' });

const MAX_BODY = 64 * 1024;

/** A route's answers: the result as JSON (its schema) or CSV, and the JSON refusals. */
const responses = (schema: z.ZodObject) => ({
  200: {
    description: 'the result; JSON names its sources and vintages, 64-bit integers are strings',
    content: {
      'application/json': { schema: document(schema) },
      'text/csv': { schema: z.string() },
    },
  },
  400: {
    description: 'a parameter or the scenario is invalid',
    content: { 'application/json': { schema: errorSchema } },
  },
  404: {
    description: 'unknown partner, or a year that is not loaded',
    content: { 'application/json': { schema: errorSchema } },
  },
  500: internalError,
});

function send(c: Context, r: TariffResult, fmt: 'json' | 'csv'): Response {
  if (fmt === 'json')
    return c.body(jsonText(r), 200, { 'content-type': 'application/json; charset=utf-8' });
  const t = tariffTable(r);
  const esc = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const csv = [t.columns, ...t.rows].map((row) => row.map(esc).join(',')).join('\n') + '\n';
  return c.body(csv, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${r.kind}.csv"`,
  });
}

/** The tariff engine and trade composition as endpoints: baseline, scenarios, composition. */
export function registerTariffRoutes(app: OpenAPIHono, store: Store): void {
  // Refused before the body is parsed: a scenario is a few layers, never megabytes.
  app.use(
    '/api/tariff/scenario',
    bodyLimit({
      maxSize: MAX_BODY,
      onError: (c) =>
        c.json(
          { error: { status: 413, message: `scenarios are limited to ${MAX_BODY} bytes` } },
          413,
        ),
    }),
  );
  // A scenario file posted as it is on disk (YAML) is read here, with the CLI's parser and its
  // line-numbered errors; JSON bodies go on to the OpenAPI validator.
  app.use('/api/tariff/scenario', async (c, next) => {
    if (c.req.method !== 'POST' || !/yaml/i.test(c.req.header('content-type') ?? '')) return next();
    const fmt = c.req.query('format') ?? 'json';
    if (fmt !== 'json' && fmt !== 'csv')
      throw new HttpError(400, `format: expected json or csv, got ${JSON.stringify(fmt)}`);
    let scenario;
    try {
      scenario = parseScenarioText(await c.req.text(), 'body');
    } catch (e) {
      // Reading the body depends on nothing but the body: whatever the parser throws (a
      // limit, a stack overflow on deep nesting) is the client's error, with its reason.
      if (e instanceof ScenarioError) throw new HttpError(400, e.message);
      throw new HttpError(400, `bad scenario: body: ${(e as Error).message ?? String(e)}`);
    }
    try {
      return send(c, await tariffScenario(store, scenario), fmt);
    } catch (e) {
      if (e instanceof ScenarioError) throw new HttpError(400, e.message);
      throw e;
    }
  });
  // Malformed JSON is the client's fault: a 400 here, before the validator would throw.
  app.use('/api/tariff/scenario', async (c, next) => {
    if (c.req.method === 'POST') {
      try {
        await c.req.json();
      } catch {
        return c.json({ error: { status: 400, message: 'the scenario is not valid JSON' } }, 400);
      }
    }
    return next();
  });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/tariff/baseline',
      tags: ['tariffs'],
      summary:
        'Statutory duty by partner and component (MFN, USMCA, Section 301, Section 232) against Census calculated duty, with the error by HS chapter',
      request: { query: z.object({ year: year.default(2024), format }) },
      responses: responses(tariffBaselineSchema),
    }),
    async (c) => {
      const q = c.req.valid('query');
      return send(c, await tariffBaseline(store, { year: q.year }), q.format);
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/tariff/scenario',
      tags: ['tariffs'],
      summary:
        'A tariff scenario (layers of added duties or Section 232 rates): added duty and new effective rates by partner, chapter and product; an estimate by US state and port for Mexico and Canada',
      request: {
        query: z.object({ format }),
        body: {
          content: {
            'application/json': { schema: scenarioSchema },
            'application/yaml': {
              schema: z.string().openapi({ description: 'the same scenario as a YAML file' }),
            },
          },
          required: true,
        },
      },
      responses: {
        ...responses(tariffScenarioSchema),
        413: {
          description: `the body is over ${MAX_BODY} bytes`,
          content: { 'application/json': { schema: errorSchema } },
        },
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      // A YAML body was answered by the middleware above: what reaches here is the JSON one.
      const scenario = c.req.valid('json') as z.infer<typeof scenarioSchema>;
      try {
        return send(c, await tariffScenario(store, scenario), q.format);
      } catch (e) {
        if (e instanceof Error && e.name === 'ScenarioError') throw new HttpError(400, e.message);
        throw e;
      }
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/tariff/line/{hts10}',
      tags: ['tariffs'],
      summary:
        'One HTS10 line from a partner on a date: every duty component with its legal reference (chapter 99 heading and U.S. note), the Section 301 exclusions that may apply with their product text, and the engine against Census duty for the year',
      request: {
        params: z.object({
          hts10: z
            .string()
            .regex(/^\d{10}$/)
            .openapi({ example: '8473301180', description: '10-digit HTS number' }),
        }),
        query: z.object({
          partner: z.string().min(1).max(40).openapi({
            example: 'china',
            description: 'china, mexico, canada, eu or a Schedule C code',
          }),
          date: z
            .string()
            .regex(/^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)
            .default('2024-07-01')
            .openapi({ description: 'the date whose measures apply (YYYY-MM-DD)' }),
          format,
        }),
      },
      responses: responses(tariffLineSchema),
    }),
    async (c) => {
      const { hts10 } = c.req.valid('param');
      const q = c.req.valid('query');
      return send(c, await tariffLine(store, hts10, q.partner, q.date), q.format);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/composition/{partner}',
      tags: ['tariffs'],
      summary:
        "What a partner's trade is made of: HS sections and chapters, end use through BEC, and Grubel–Lloyd intra-industry trade for Mexico and Canada",
      request: {
        params: z.object({ partner: name('partner', 'mexico') }),
        query: z.object({
          year,
          flow: z
            .enum(['import_consumption', 'import_general', 'export'])
            .default('import_consumption'),
          format,
        }),
      },
      responses: responses(tradeCompositionSchema),
    }),
    async (c) => {
      const { partner } = c.req.valid('param');
      const q = c.req.valid('query');
      return send(
        c,
        await tradeComposition(store, partner, { year: q.year, flow: q.flow }),
        q.format,
      );
    },
  );
}
