import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';

interface Cached {
  status: number;
  body: ArrayBuffer;
  headers: [string, string][];
}

/**
 * The server reads a read-only database, so an answer is fixed for the life of the process:
 * GET /api answers are kept (LRU) and validated by an ETag made of the data version and URL.
 * A client holding the ETag gets 304 without any work.
 */
export function responseCache(dataVersion: string, maxEntries = 2000): MiddlewareHandler {
  const cache = new Map<string, Cached>();
  return async (c, next) => {
    if (c.req.method !== 'GET' || !c.req.path.startsWith('/api/')) return next();
    const key = c.req.url.slice(c.req.url.indexOf(c.req.path));
    const etag = `W/"${dataVersion}-${createHash('sha1').update(key).digest('hex').slice(0, 16)}"`;
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
