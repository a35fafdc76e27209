import type { Command } from 'commander';
import { dbPath, openForReading, UsageError, type CliIO } from '../cli-context.ts';
import { toJson } from '../json-out.ts';
import { DB_HELP } from '../result-output.ts';

/**
 * `frontera publish --to clickhouse://…`: the loaded model copied into ClickHouse for
 * `--engine clickhouse://…` (store/publish-clickhouse.ts). The database is only read.
 */
export function registerPublishCommand(
  program: Command,
  io: CliIO,
  run: (f: () => Promise<number>) => Promise<void>,
): void {
  program
    .command('publish')
    .description(
      'copy the loaded model (every model table and view, source files and vintages) into ClickHouse, all or nothing, for --engine clickhouse://…',
    )
    .requiredOption(
      '--to <url>',
      'clickhouse://[USER@]HOST:PORT[,HOST:PORT…][/DB]: HTTP port(s), one per shard with --cluster (default DB: frontera)',
    )
    .option(
      '--user <name>',
      "the ClickHouse user to publish as (default: the address's USER, else default); its password from $FRONTERA_CLICKHOUSE_PASSWORD",
    )
    .option(
      '--cluster <name>',
      "a cluster in the servers' remote_servers: fact tables are split across its shards",
    )
    .option('--db <path>', DB_HELP)
    .option('--json', 'print the summary as JSON')
    .action((o: { to: string; user?: string; cluster?: string; db?: string; json?: boolean }) =>
      run(async () => {
        const [{ parseClickHouseUrl, CLICKHOUSE_PASSWORD_ENV }, { publishToClickHouse }] =
          await Promise.all([
            import('../../store/clickhouse-target.ts'),
            import('../../store/publish-clickhouse.ts'),
          ]);
        let target;
        try {
          target = parseClickHouseUrl(o.to, {
            user: o.user,
            password: io.env[CLICKHOUSE_PASSWORD_ENV],
          });
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
        if (o.cluster !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(o.cluster))
          throw new UsageError(`--cluster takes a cluster name, not ${JSON.stringify(o.cluster)}`);
        const store = await openForReading(dbPath(o.db, io), io);
        try {
          const summary = await publishToClickHouse(store, target, {
            cluster: o.cluster,
            progress: io.isTTY
              ? (p) =>
                  io.err(
                    `publish: ${p.done}/${p.of} ${p.table}: ${p.rows.toLocaleString('en-US')} rows`,
                  )
              : undefined,
          });
          if (o.json) io.out(toJson(summary));
          else {
            const rows = summary.tables.reduce((a, t) => a + t.rows, 0);
            io.out(
              `published ${summary.tables.length} tables (${rows.toLocaleString('en-US')} rows) to ${summary.target}` +
                `${summary.cluster ? ` across the ${summary.shards} shards of ${summary.cluster}` : ''} in ${summary.seconds.toFixed(1)} s; data version ${summary.dataVersion}`,
            );
          }
          return 0;
        } finally {
          store.close();
        }
      }),
    );
}
