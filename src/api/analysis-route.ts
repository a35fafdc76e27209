import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AnalysisResult } from '../analytics/result-table.ts';
import { EngineRefusal } from '../store/engine-refusal.ts';
import type { Store } from '../store/open-store.ts';
import { format } from './query-schemas.ts';
import { encodeResult } from './respond.ts';

type Shape = Record<string, z.ZodType>;

export interface AnalysisRouteSpec<P extends Shape, Q extends Shape> {
  path: string;
  tag: string;
  summary: string;
  params?: P;
  query?: Q;
  run: (
    store: Store,
    input: { params: z.infer<z.ZodObject<P>>; query: z.infer<z.ZodObject<Q>> },
  ) => Promise<AnalysisResult | ({ kind: string } & object)>;
}

const errorSchema = z
  .object({
    error: z.object({
      status: z.number(),
      message: z.string(),
      parameter: z.string().optional(),
      accepted: z.unknown().optional(),
      candidates: z.array(z.object({ code: z.string(), name: z.string() })).optional(),
    }),
  })
  .openapi('Error');

/**
 * One GET endpoint over one analysis: the zod schemas validate the request and document it in
 * /openapi.json; the result goes out as JSON, or its main table as CSV or Parquet.
 */
export function analysisRoute<P extends Shape, Q extends Shape>(
  app: OpenAPIHono,
  store: Store,
  spec: AnalysisRouteSpec<P, Q>,
): void {
  const route = createRoute({
    method: 'get',
    path: spec.path,
    tags: [spec.tag],
    summary: spec.summary,
    request: {
      ...(spec.params ? { params: z.object(spec.params) } : {}),
      query: z.object({ ...(spec.query ?? ({} as Q)), format }),
    },
    responses: {
      200: {
        description: `${spec.summary}. JSON carries its sources and vintages; 64-bit integers are strings.`,
        content: {
          'application/json': { schema: z.object({ kind: z.string() }).passthrough() },
          'text/csv': { schema: z.string() },
          'application/vnd.apache.parquet': { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
      400: {
        description: 'a parameter is invalid',
        content: { 'application/json': { schema: errorSchema } },
      },
      404: {
        description: 'unknown name (with close candidates) or a period not loaded (with what is)',
        content: { 'application/json': { schema: errorSchema } },
      },
    },
  });
  app.openapi(route, (async (
    c: { req: { valid: (t: string) => unknown } } & {
      body: (b: string | Uint8Array, s: number, h: Record<string, string>) => Response;
    },
  ) => {
    const params = (spec.params ? c.req.valid('param') : {}) as z.infer<z.ZodObject<P>>;
    const { format: fmt, ...query } = c.req.valid('query') as z.infer<z.ZodObject<Q>> & {
      format: 'json' | 'csv' | 'parquet';
    };
    let result, out;
    try {
      result = await spec.run(store, { params, query: query as z.infer<z.ZodObject<Q>> });
      out = await encodeResult(store, result, fmt);
    } catch (e) {
      // The refusal names the analysis asked for, not the query inside it.
      throw e instanceof EngineRefusal ? e.naming(`GET ${spec.path}`) : e;
    }
    const headers: Record<string, string> = { 'content-type': out.contentType };
    if (out.filename) headers['content-disposition'] = `attachment; filename="${out.filename}"`;
    return c.body(out.body, 200, headers);
  }) as never);
}
