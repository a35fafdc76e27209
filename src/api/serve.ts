import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve as serveNode, type ServerType } from '@hono/node-server';
import { clickhouseOf } from '../store/clickhouse-reader.ts';
import type { Store } from '../store/open-store.ts';
import { SharedReader, StoreUpdating } from '../store/shared-reader.ts';
import { createApp } from './create-app.ts';
import { isLoopbackHost } from './http-guards.ts';
import { warmUp } from './warm-up.ts';

/**
 * The built dashboard: dist/web beside src/ and dist/ in this package (this module runs from
 * src/api, dist/api or the CLI bundle's dist/cli-bundle: each one folder below the root's).
 */
export const WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');

export interface Server {
  url: string;
  close(): Promise<void>;
}

/** Identifies the loaded data (the files' hashes, in load order); part of every ETag. */
async function dataVersionOf(store: Store): Promise<string> {
  // A published model carries the version of the store it was published from.
  const ch = clickhouseOf(store);
  if (ch) return ch.dataVersion;
  const files = await store.conn.runAndReadAll(
    `SELECT string_agg(sha256, ',' ORDER BY id) FROM source_file`,
  );
  return createHash('sha1')
    .update(String(files.getRowsJS()[0]?.[0] ?? ''))
    .digest('hex')
    .slice(0, 12);
}

/**
 * Starts the API and dashboard; loopback unless a host is given. Over a `SharedReader` the
 * server lets go of the database while another process writes, then serves the new data:
 * the app (its response cache and ETags) is rebuilt for each opening of the file. A request
 * that waits too long for a writer gets 503 with Retry-After.
 */
export async function startServer(
  source: Store | SharedReader,
  opts: {
    host?: string;
    port?: number;
    log?: (line: string) => void;
    webRoot?: string;
    /** Read the serving tables before answering (warm-up.ts): `frontera serve` does. */
    warm?: boolean;
  } = {},
): Promise<Server> {
  const webRoot = opts.webRoot ?? WEB_ROOT;
  const host = opts.host ?? '127.0.0.1';
  const build = async (store: Store) => {
    if (opts.warm) {
      const ms = await warmUp(store);
      opts.log?.(`read the serving tables in ${(ms / 1000).toFixed(1)} s`);
    }
    return createApp(store, {
      dataVersion: await dataVersionOf(store),
      // Bound to loopback: requests must name this machine (DNS rebinding); bound to a public
      // address: the user chose to be reachable by whatever name points here.
      allowedHosts: isLoopbackHost(host) ? [host.includes(':') ? `[${host}]` : host] : 'any',
      log: opts.log,
      webRoot: existsSync(join(webRoot, 'index.html')) ? webRoot : undefined,
    });
  };
  let fetch: (req: Request, env: object | undefined) => Response | Promise<Response>;
  if (source instanceof SharedReader) {
    let current: { generation: number; app: ReturnType<typeof build> } | undefined;
    const appFor = (store: Store, generation: number) => {
      if (current?.generation !== generation) current = { generation, app: build(store) };
      return current.app;
    };
    // Warmed before listening; a later opening (after another process wrote) warms on its
    // first request.
    if (opts.warm)
      await source.lease(appFor).catch((e: unknown) => {
        // Another process is writing: start anyway; the first request after it warms.
        if (!(e instanceof StoreUpdating)) throw e;
      });
    fetch = (req, env) =>
      source
        .lease(async (store, generation) => (await appFor(store, generation)).fetch(req, env))
        .catch((e: unknown) => {
          if (!(e instanceof StoreUpdating)) throw e;
          opts.log?.(`503 ${req.method} ${new URL(req.url).pathname}: ${e.message}`);
          return new Response(JSON.stringify({ error: { status: 503, message: e.message } }), {
            status: 503,
            headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': '5' },
          });
        });
  } else {
    const app = await build(source);
    fetch = (req, env) => app.fetch(req, env);
  }
  const server: ServerType = await new Promise((ok, fail) => {
    const s = serveNode({ fetch, hostname: host, port: opts.port ?? 8080 }, () => ok(s));
    s.on('error', fail);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
