import type { MiddlewareHandler } from 'hono';

/**
 * The dashboard is served from this origin only: its scripts and styles are files under
 * /assets (styles also come as `style` attributes for bar widths and swatches, hence
 * 'unsafe-inline' for styles but never for scripts), data comes from /api on the same origin,
 * the favicon is a data: URL and CSV downloads are blob: URLs. Nothing may frame it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers on every answer: no MIME sniffing, the policy above, no framing, no referrer. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('x-content-type-options', 'nosniff');
    h.set('content-security-policy', CONTENT_SECURITY_POLICY);
    h.set('x-frame-options', 'DENY');
    h.set('referrer-policy', 'no-referrer');
    h.set('cross-origin-opener-policy', 'same-origin');
  };
}

/** Names that always mean this machine; browsers resolve *.localhost to loopback too. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\./.test(h);
}

/**
 * DNS rebinding: a page on evil.example whose name is re-pointed at 127.0.0.1 can make the
 * browser send requests here with `Host: evil.example`, and read the answers as its own. A
 * server bound to loopback therefore answers only requests addressed to a loopback name or the
 * bound host; others get 421 (Misdirected Request). `allowed` undefined: any host (the user
 * chose to serve on a public address, where names cannot be known in advance).
 */
export function hostCheck(allowed: string[] | undefined): MiddlewareHandler {
  const names = allowed && new Set([...LOOPBACK_NAMES, ...allowed].map((h) => h.toLowerCase()));
  return async (c, next) => {
    if (!names) return next();
    const host = new URL(c.req.url).hostname.toLowerCase();
    if (names.has(host) || isLoopbackHost(host)) return next();
    return c.json(
      {
        error: {
          status: 421,
          message: `this server answers requests for ${[...names].join(', ')}, not ${host}; serve with --host to use another name`,
        },
      },
      421,
    );
  };
}

/** Route paths in Hono's form (`/api/profile/:partner`) as patterns over raw paths. */
export function routePattern(path: string): RegExp {
  const parts = path
    .split('/')
    .map((p) =>
      p.startsWith(':') || /^\{.+\}$/.test(p) ? '[^/]+' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    );
  return new RegExp(`^${parts.join('/')}/?$`);
}
