import { promisify } from 'node:util';
import { deflate, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress';
import { parseAccept } from 'hono/utils/accept';

const ENCODERS = { gzip: promisify(gzip), deflate: promisify(deflate) };
const NO_TRANSFORM = /(?:^|,)\s*?no-transform\s*?(?:,|$)/i;
const VARY_ACCEPT_ENCODING = /(?:^|,)\s*accept-encoding\s*(?:,|$)/i;

/** gzip, else deflate, as the client's Accept-Encoding ranks them (Hono's rule). */
function selectEncoding(header: string | undefined): 'gzip' | 'deflate' | undefined {
  if (header === undefined) return undefined;
  const accepts = parseAccept(header);
  const wildcard = accepts.find((a) => a.type === '*')?.q;
  let best: { encoding: 'gzip' | 'deflate'; q: number } | undefined;
  for (const encoding of ['gzip', 'deflate'] as const) {
    const explicit = accepts.find((a) => a.type.toLowerCase() === encoding);
    const q = explicit ? explicit.q : (wildcard ?? 0);
    if (q === 1) return encoding;
    if (q > 0 && (!best || q > best.q)) best = { encoding, q };
  }
  return best?.encoding;
}

/**
 * Hono's `compress()` rules (which answers, which encoding, `Vary`, weak ETags), but each body
 * is compressed whole by node:zlib on the thread pool instead of through a web
 * CompressionStream on the main thread, where it cost more than building most answers.
 */
export function compressBody(threshold = 1024): MiddlewareHandler {
  return async function compress(c, next) {
    await next();
    const res = c.res;
    const length = res.headers.get('content-length');
    const type = res.headers.get('content-type');
    const cacheControl = res.headers.get('cache-control');
    if (
      res.status === 206 ||
      res.headers.has('content-encoding') ||
      res.headers.has('transfer-encoding') ||
      c.req.method === 'HEAD' ||
      (length && Number(length) < threshold) ||
      !type ||
      !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) ||
      (cacheControl && NO_TRANSFORM.test(cacheControl))
    )
      return;
    const vary = res.headers.get('vary');
    if (vary !== '*' && !(vary && VARY_ACCEPT_ENCODING.test(vary)))
      c.header('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const encoding = selectEncoding(c.req.header('accept-encoding'));
    if (!encoding || !c.res.body) return;
    const body = await ENCODERS[encoding](new Uint8Array(await c.res.arrayBuffer()));
    // Assigning c.res carries the old headers over; adjust them afterwards, as Hono does.
    c.res = new Response(body, c.res);
    c.res.headers.delete('content-length');
    c.res.headers.set('content-encoding', encoding);
    const etag = c.res.headers.get('etag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('etag', `W/${etag}`);
  };
}
