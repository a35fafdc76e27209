import type { Command } from 'commander';
import { dbPath, ENGINE_HELP, openForReading, openReadStore, type CliIO } from '../cli-context.ts';
import { intOption } from '../parse-options.ts';
import { DB_HELP } from '../result-output.ts';

/**
 * `frontera serve`: the API and dashboard over the database, read-only, until interrupted.
 * It shares the file with writers: while `ingest`, `sync` or `watch` writes, the server lets
 * go of it and holds new requests, then serves the new data (store/shared-reader.ts).
 */
export function registerServeCommand(
  program: Command,
  io: CliIO,
  run: (f: () => Promise<number>) => Promise<void>,
): void {
  program
    .command('serve')
    .description(
      'serve the HTTP API (/api, /openapi.json) and the dashboard, reading the database read-only; ingest, sync and watch may write meanwhile, and new data is served without a restart',
    )
    .option('--db <path>', DB_HELP)
    .option('--engine <engine>', ENGINE_HELP)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (default: $PORT, else 8080; 0 picks a free one)')
    .option('--quiet', 'no request log')
    .action((o: { db?: string; engine?: string; host: string; port?: string; quiet?: boolean }) =>
      run(async () => {
        const raw = o.port ?? io.env.PORT ?? '8080';
        const port = intOption(
          o.port === undefined && io.env.PORT ? 'PORT' : '--port',
          raw,
          0,
          65535,
        );
        // The API layer (Hono, the OpenAPI schemas) loads only for this command.
        const [{ isLoopbackHost }, { startServer }, { SharedReader }] = await Promise.all([
          import('../../api/http-guards.ts'),
          import('../../api/serve.ts'),
          import('../../store/shared-reader.ts'),
        ]);
        if (!isLoopbackHost(o.host)) io.err(publicHostWarning(o.host));
        const path = dbPath(o.db, io);
        const engine = o.engine ?? io.env.FRONTERA_ENGINE ?? '';
        // A published ClickHouse model has no writer to make way for: served as it is.
        const store =
          engine === '' || engine.toLowerCase() === 'duckdb'
            ? SharedReader.start(path, await openForReading(path, io))
            : await openReadStore(o, io);
        const server = await startServer(store, {
          host: o.host,
          port,
          log: o.quiet ? undefined : (l) => io.err(l),
          warm: true,
        });
        io.out(
          `Frontera is serving ${server.url}/ (API ${server.url}/api, OpenAPI ${server.url}/openapi.json); Ctrl-C stops`,
        );
        await new Promise<void>((done) => {
          const stop = () => {
            void server.close().then(() => {
              store.close();
              done();
            });
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        return 0;
      }),
    );
}

/** Said before listening anywhere but loopback: who can now reach the server, and what is off. */
export function publicHostWarning(host: string): string {
  const where =
    host === '0.0.0.0' || host === '::' || host === '[::]'
      ? 'every network interface of this machine'
      : `${host}, beyond this machine`;
  return `frontera: warning: --host ${host} serves the API and dashboard on ${where}; anyone who can reach it can read the loaded data, and requests are accepted for any Host name (the DNS-rebinding check applies only on loopback). Use --host 127.0.0.1 (the default) to keep it local.`;
}
