import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { checkStatement } from '../claims/check-statement.ts';
import { checkText, TooManyStatements } from '../claims/check-text.ts';
import { EngineRefusal } from '../store/engine-refusal.ts';
import { isCalendarDate } from '../model/calendar-date.ts';
import type { Store } from '../store/open-store.ts';
import { claimCheckSchema, textCheckSchema } from './claim-responses.ts';
import { HttpError } from './http-error.ts';
import { document, errorSchema, internalError } from './response-common.ts';
import { sendJson } from './send-json.ts';

const MAX_TEXT = 20_000;
const MAX_BODY = 128 * 1024;
/**
 * Work one text may cost. A statement costs a few queries (tens of ms on an idle machine), so a
 * 20,000-character article — at most about 400 statements even when every sentence is a short
 * claim — fits; a text of thousands of tiny statements is refused before any work, and a check
 * that outlasts the time budget (a loaded machine) is stopped rather than left to hold the
 * server's one database connection.
 */
export const CHECK_LIMITS = { statements: 400, ms: 30_000 };

const asOf = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2023-03-15')
  .refine(isCalendarDate, 'not a calendar date')
  .optional()
  .openapi({
    description:
      'when the statement was made (YYYY-MM-DD), so "last year" resolves from it; default: today',
    example: '2023-03-15',
  });

const lang = z.enum(['en', 'es']).optional().openapi({
  description:
    "language of the explanation, tolerance rule and reasons; default: the statement's own",
  example: 'es',
});

const statement = z.string().trim().min(1).max(1000).openapi({
  description: 'one numeric trade statement, in English or Spanish (1–1,000 characters)',
  example: 'In 2022 the US exported $324.4 billion of goods to Mexico.',
});

const errors = {
  400: {
    description: 'a parameter is invalid (the error names it)',
    content: { 'application/json': { schema: errorSchema } },
  },
  500: internalError,
};
const verdict =
  'the verdict, the claim as understood, computed figures, tolerance rule, query, sources and vintages; 64-bit integers are strings';

/**
 * A malformed date the checker refuses is the client's error, naming the parameter; an engine
 * that cannot run the checker names the route asked for, not the query inside it.
 */
async function guarded<T>(route: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof RangeError)
      throw new HttpError(400, `asOf: ${e.message}`, { parameter: 'asOf' });
    throw e instanceof EngineRefusal ? e.naming(route) : e;
  }
}

/** The claim checker as endpoints: one statement (GET), or every statement of a text (POST). */
export function registerClaimRoutes(
  app: OpenAPIHono,
  store: Store,
  limits: { statements: number; ms: number } = CHECK_LIMITS,
): void {
  app.use(
    '/api/check/text',
    bodyLimit({
      maxSize: MAX_BODY,
      onError: (c) =>
        c.json({ error: { status: 413, message: `texts are limited to ${MAX_BODY} bytes` } }, 413),
    }),
  );
  app.use('/api/check/text', async (c, next) => {
    if (c.req.method === 'POST') {
      try {
        await c.req.json();
      } catch {
        return c.json({ error: { status: 400, message: 'the body is not valid JSON' } }, 400);
      }
    }
    return next();
  });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/check',
      tags: ['claims'],
      summary:
        'Check a numeric trade statement (English or Spanish) against the loaded data: accurate, approximately_accurate, inaccurate or not_verifiable, with the work shown',
      request: { query: z.object({ statement, asOf, lang }) },
      responses: {
        200: {
          description: verdict,
          content: { 'application/json': { schema: document(claimCheckSchema) } },
        },
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return sendJson(
        c,
        claimCheckSchema,
        await guarded('GET /api/check', () =>
          checkStatement(store, q.statement, { asOf: q.asOf, lang: q.lang }),
        ),
      );
    },
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/check/text',
      tags: ['claims'],
      summary:
        'Find every checkable numeric statement of a text (sentences and bullet items) and check each, as one report',
      request: {
        body: {
          content: {
            'application/json': {
              schema: z.object({
                text: z
                  .string()
                  .min(1)
                  .max(MAX_TEXT)
                  .openapi({
                    description: `an article or list of statements (up to ${MAX_TEXT} characters)`,
                  }),
                asOf,
                lang,
              }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: {
          description: `every statement found, each checked: ${verdict}`,
          content: { 'application/json': { schema: document(textCheckSchema) } },
        },
        ...errors,
        413: {
          description:
            'the body, the number of statements or the time to check them is over the limit (the error says which)',
          content: { 'application/json': { schema: errorSchema } },
        },
        499: { description: 'the client went away: the check stopped and nothing was sent' },
      },
    }),
    async (c) => {
      const b = c.req.valid('json');
      // Work stops between statements when the client goes away or the time budget is spent.
      const client = c.req.raw.signal;
      const timeout = AbortSignal.timeout(limits.ms);
      const signal = AbortSignal.any([client, timeout]);
      try {
        return sendJson(
          c,
          textCheckSchema,
          await guarded('POST /api/check/text', () =>
            checkText(store, b.text, {
              asOf: b.asOf,
              lang: b.lang,
              signal,
              maxStatements: limits.statements,
            }),
          ),
        );
      } catch (e) {
        if (e instanceof TooManyStatements)
          throw new HttpError(413, e.message, { found: e.found, limit: e.limit });
        // Nobody is left to read an answer; 499 (client closed request) goes to the log only.
        if (client.aborted) return new Response(null, { status: 499 });
        if (timeout.aborted)
          throw new HttpError(
            413,
            `checking this text took longer than ${limits.ms / 1000} s; send fewer statements per request`,
            { limitMs: limits.ms },
          );
        throw e;
      }
    },
  );
}
