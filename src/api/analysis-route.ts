import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AnalysisResult } from '../analytics/result-table.ts';
import { EngineRefusal } from '../store/engine-refusal.ts';
import type { Store } from '../store/open-store.ts';
import { format } from './query-schemas.ts';
import { encodeResult } from './respond.ts';
import { document, errorSchema, internalError } from './response-common.ts';

type Shape = Record<string, z.ZodType>;

export interface AnalysisRouteSpec<P extends Shape, Q extends Shape> {
  path: string;
  tag: string;
  summary: string;
  params?: P;
  query?: Q;
  /** The JSON answer's shape (without the `integers` note), published in /openapi.json. */
  response: z.ZodObject;
  run: (
    store: Store,
    input: { params: z.infer<z.ZodObject<P>>; query: z.infer<z.ZodObject<Q>> },
  ) => Promise<AnalysisResult | ({ kind: string } & object)>;
}

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
      params: z.object(spec.params ?? ({} as P)),
      query: z.object({ ...(spec.query ?? ({} as Q)), format }),
    },
    responses: {
      200: {
        description: `${spec.summary}. JSON carries its sources and vintages; 64-bit integers are strings.`,
        content: {
          'application/json': { schema: document(spec.response) },
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
      500: internalError,
    },
  });
  app.openapi(route, async (c) => {
    const params = c.req.valid('param') as z.infer<z.ZodObject<P>>;
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
  });
}
