import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * The built dashboard. Paths are resolved under the root and anything that escapes it is a
 * 404; unknown paths without an extension get index.html, so every view's URL can be opened
 * directly.
 */
export function staticFiles(root: string): MiddlewareHandler {
  const base = resolve(root);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    if (c.req.path.startsWith('/api/') || c.req.path === '/openapi.json') return next();
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path);
    } catch {
      return c.text('bad path', 400);
    }
    if (rel.includes('\0')) return c.text('bad path', 400);
    const file = resolve(base, normalize(`.${sep}${rel}`));
    if (file !== base && !file.startsWith(base + sep)) return c.text('not found', 404);
    const ext = extname(file);
    const target = ext === '' || rel.endsWith('/') ? join(base, 'index.html') : file;
    try {
      const body = await readFile(target);
      const type = TYPES[extname(target)] ?? 'application/octet-stream';
      const immutable = target.includes(`${sep}assets${sep}`);
      return c.body(new Uint8Array(body), 200, {
        'content-type': type,
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    } catch {
      return next();
    }
  };
}
