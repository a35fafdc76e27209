import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

interface Cached {
  status: number;
  body: ArrayBuffer;
  headers: [string, string][];
}

/**
 * The key of a request: its raw target as the client sent it — path still percent-encoded,
 * query parameters sorted by name (values of one name keep their order, since order can
 * matter). Hono's `c.req.path` is decoded, so it cannot be searched for in the raw URL (that
 * once made every encoded path share one key); the URL parser gives the raw path itself.
 */
export function requestKey(url: string): string {
  const u = new URL(url);
  const params = new URLSearchParams(u.search);
  params.sort();
  const query = params.toString();
  return query ? `${u.pathname}?${query}` : u.pathname;
}

/**
 * The server reads a read-only database, so an answer is fixed for the life of the process:
 * GET /api answers are kept (LRU) and validated by an ETag made of the data version and the
 * request key. A client holding the ETag gets 304 without any work.
 */
export function responseCache(dataVersion: string, maxEntries = 2000): MiddlewareHandler {
  const cache = new Map<string, Cached>();
  return async (c, next) => {
    if (c.req.method !== 'GET' || !c.req.path.startsWith('/api/')) return next();
    const key = requestKey(c.req.url);
    const etag = `W/"${dataVersion}-${createHash('sha256').update(key).digest('hex').slice(0, 32)}"`;
    const cacheHeaders = {
      etag,
      'cache-control': 'public, max-age=300, must-revalidate',
    };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, cacheHeaders);
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return new Response(hit.body, {
        status: hit.status,
        headers: [...hit.headers, ...Object.entries(cacheHeaders)],
      });
    }
    await next();
    const res = c.res;
    if (res.status !== 200 && res.status !== 404) return;
    const body = await res.clone().arrayBuffer();
    const headers = [...res.headers.entries()].filter(
      ([k]) => k !== 'etag' && k !== 'cache-control',
    );
    cache.set(key, { status: res.status, body, headers });
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
    for (const [k, v] of Object.entries(cacheHeaders)) c.res.headers.set(k, v);
  };
}
