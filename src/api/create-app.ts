import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { partnerDirectory } from '../analytics/resolve-partner.ts';
import { memoize, type Store } from '../store/open-store.ts';
import { storeStatus } from '../store/store-status.ts';
import { registerAnalysisRoutes } from './analysis-routes.ts';
import { compressBody } from './compress-body.ts';
import { registerClaimRoutes } from './claim-routes.ts';
import { registerTariffRoutes } from './tariff-routes.ts';
import { registerWaitRoutes } from './wait-routes.ts';
import { registerWaitsForecastRoute } from './waits-forecast-route.ts';
import { toHttpError } from './http-error.ts';
import { hostCheck, routePattern, securityHeaders } from './http-guards.ts';
import { responseCache } from './response-cache.ts';
import { document, internalError } from './response-common.ts';
import { sendJson } from './send-json.ts';
import { partnerListSchema, statusSchema } from './status-responses.ts';
import { staticFiles } from './static-files.ts';

export interface AppOptions {
  /** Folder of the built dashboard (index.html, assets/); absent: API only. */
  webRoot?: string;
  /** Where request log lines go (one per request). */
  log?: (line: string) => void;
  /** Identifies the loaded data; part of every ETag. */
  dataVersion: string;
  now?: () => number;
  /**
   * Host names requests may be addressed to besides loopback names (the bound host), or
   * 'any' when serving on a public address. Default: loopback names only.
   */
  allowedHosts?: string[] | 'any';
  /** What one POST /api/check/text may cost (default CHECK_LIMITS). */
  checkLimits?: { statements: number; ms: number };
}

/** The HTTP API and dashboard over one read-only store. */
export function createApp(store: Store, opts: AppOptions): OpenAPIHono {
  const now = opts.now ?? (() => performance.now());
  const app = new OpenAPIHono({
    // A bad parameter is a 400 naming it and what it accepts.
    defaultHook: (result, c) => {
      if (result.success) return;
      const issue = result.error.issues[0];
      const parameter = issue?.path.join('.') ?? '';
      const accepted = issue && 'values' in issue ? issue.values : undefined;
      const message = `${parameter || 'request'}: ${issue?.message ?? 'invalid'}`;
      return c.json(
        { error: { status: 400, message, parameter, ...(accepted ? { accepted } : {}) } },
        400,
      );
    },
  });

  app.use('*', async (c, next) => {
    const t = now();
    await next();
    opts.log?.(`${c.req.method} ${c.req.path} ${c.res.status} ${(now() - t).toFixed(1)}ms`);
  });
  app.use('*', securityHeaders());
  app.use('*', hostCheck(opts.allowedHosts === 'any' ? undefined : (opts.allowedHosts ?? [])));
  app.use('*', compressBody());
  app.use('*', responseCache(opts.dataVersion));

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/status',
      tags: ['status'],
      summary: 'What is loaded: each source file, its vintage, periods and rows',
      responses: {
        200: {
          description: 'store status',
          content: { 'application/json': { schema: document(statusSchema) } },
        },
        500: internalError,
      },
    }),
    // Fixed for the loaded state (a query string the route ignores would miss the response
    // cache and count every table again).
    async (c) =>
      sendJson(c, statusSchema, {
        ...(await memoize(store, 'store-status', () => storeStatus(store))),
        database: undefined,
      }),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/partners',
      tags: ['status'],
      summary: 'Every partner code with English and Spanish names and ISO codes',
      responses: {
        200: {
          description: 'partners',
          content: { 'application/json': { schema: document(partnerListSchema) } },
        },
        500: internalError,
      },
    }),
    async (c) => {
      // In code order: the directory's own order changes from one opening to the next.
      const partners = (await partnerDirectory(store))
        .map((p) => ({
          code: p.code,
          name: p.name,
          nameEs: p.nameEs,
          iso3: p.iso3,
          isAggregate: p.isAggregate,
        }))
        .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      return sendJson(c, partnerListSchema, { kind: 'partner-list', partners });
    },
  );
  registerAnalysisRoutes(app, store);
  registerTariffRoutes(app, store);
  registerWaitRoutes(app, store);
  registerWaitsForecastRoute(app, store);
  registerClaimRoutes(app, store, opts.checkLimits);

  // What `app.doc31` serves, generated once: its routes are all registered by the first
  // request, and generating the document anew for each request cost more than most answers.
  let published: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  app.get('/openapi.json', (c) => {
    try {
      published ??= app.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Frontera API',
          version: '0.1.0',
          description:
            'US trade with Mexico, Canada and the world from official Census, BTS and CBP statistics. Every response names its sources and vintages; 64-bit integers (dollars) are JSON strings.',
        },
      });
      return c.json(published);
    } catch (e) {
      return c.json(e, 500);
    }
  });
  if (opts.webRoot) app.use('*', staticFiles(opts.webRoot));

  // A path that exists, asked with a method it does not take, is a 405 naming the methods
  // it does take; the dashboard's files and views take GET and HEAD.
  let routes: { pattern: RegExp; method: string }[] | undefined;
  const allowedMethods = (path: string): string[] => {
    routes ??= app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => ({ pattern: routePattern(r.path), method: r.method.toUpperCase() }));
    const methods = new Set(routes.filter((r) => r.pattern.test(path)).map((r) => r.method));
    if (methods.has('GET')) methods.add('HEAD');
    if (methods.size === 0 && opts.webRoot && !path.startsWith('/api/')) return ['GET', 'HEAD'];
    return [...methods].sort();
  };
  app.notFound((c) => {
    const allow = allowedMethods(new URL(c.req.url).pathname);
    if (allow.length > 0 && !allow.includes(c.req.method)) {
      return c.json(
        {
          error: {
            status: 405,
            message: `${c.req.method} is not allowed on ${c.req.path}; use ${allow.join(' or ')}`,
            allow,
          },
        },
        405,
        { allow: allow.join(', ') },
      );
    }
    return c.json(
      {
        error: {
          status: 404,
          message: `no such endpoint: ${c.req.method} ${c.req.path}; see /openapi.json`,
        },
      },
      404,
    );
  });
  app.onError((e, c) => {
    const h = toHttpError(e);
    if (h.status === 500)
      opts.log?.(`ERROR ${c.req.method} ${c.req.path}: ${(e as Error).stack ?? String(e)}`);
    return c.json({ error: { status: h.status, message: h.message, ...h.detail } }, h.status);
  });
  return app;
}
