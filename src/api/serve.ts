import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve as serveNode, type ServerType } from '@hono/node-server';
import type { Store } from '../store/open-store.ts';
import { createApp } from './create-app.ts';
import { isLoopbackHost } from './http-guards.ts';

/** The built dashboard: dist/web beside src/ and dist/ in this package. */
export const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');

export interface Server {
  url: string;
  close(): Promise<void>;
}

/** Starts the API and dashboard; loopback unless a host is given. */
export async function startServer(
  store: Store,
  opts: { host?: string; port?: number; log?: (line: string) => void; webRoot?: string } = {},
): Promise<Server> {
  const files = await store.conn.runAndReadAll(
    `SELECT string_agg(sha256, ',' ORDER BY id) FROM source_file`,
  );
  const dataVersion = createHash('sha1')
    .update(String(files.getRowsJS()[0]?.[0] ?? ''))
    .digest('hex')
    .slice(0, 12);
  const webRoot = opts.webRoot ?? WEB_ROOT;
  const host = opts.host ?? '127.0.0.1';
  const app = createApp(store, {
    dataVersion,
    // Bound to loopback: requests must name this machine (DNS rebinding); bound to a public
    // address: the user chose to be reachable by whatever name points here.
    allowedHosts: isLoopbackHost(host) ? [host.includes(':') ? `[${host}]` : host] : 'any',
    log: opts.log,
    webRoot: existsSync(join(webRoot, 'index.html')) ? webRoot : undefined,
  });
  const server: ServerType = await new Promise((ok, fail) => {
    const s = serveNode({ fetch: app.fetch, hostname: host, port: opts.port ?? 8080 }, () => ok(s));
    s.on('error', fail);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
