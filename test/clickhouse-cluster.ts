import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's ClickHouse server (`apt-get install clickhouse-server clickhouse-client`: /usr/sbin). */
export const CLICKHOUSE_SERVER =
  process.env.CLICKHOUSE_SERVER ??
  ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server'].find((p) => existsSync(p)) ??
  '/usr/sbin/clickhouse-server';

export interface ClickHouseCluster {
  /** Each server's HTTP port, shard 1 first. */
  httpPorts: number[];
  /** The cluster's name in `remote_servers`. */
  name: string;
  /** `clickhouse://127.0.0.1:P1,127.0.0.1:P2/DB`. */
  url(database: string): string;
  stop(): Promise<void>;
}

/** A port nobody listens on now (the OS picks it; the server binds it a moment later). */
async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => done(port));
    });
  });
}

function config(
  dir: string,
  ports: { http: number; tcp: number; inter: number },
  shardTcp: number[],
  name: string,
  queryLog: boolean,
): string {
  const shards = shardTcp
    .map((p) => `<shard><replica><host>127.0.0.1</host><port>${p}</port></replica></shard>`)
    .join('');
  // A server of our own: loopback only, everything under `dir`, small caches (the machine is
  // shared), no users file but this one's default user.
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><size>10M</size><count>1</count></logger>
  <http_port>${ports.http}</http_port>
  <tcp_port>${ports.tcp}</tcp_port>
  <interserver_http_port>${ports.inter}</interserver_http_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <mark_cache_size>134217728</mark_cache_size>
  <uncompressed_cache_size>134217728</uncompressed_cache_size>
  <max_concurrent_queries>50</max_concurrent_queries>
  <timezone>UTC</timezone>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <remote_servers><${name}>${shards}</${name}></remote_servers>${
    // system.query_log, for the queries that ask for it (log_queries=1): the bench reads the
    // CPU time each query cost the servers there.
    queryLog
      ? '\n  <query_log><database>system</database><table>query_log</table><flush_interval_milliseconds>1000</flush_interval_milliseconds></query_log>'
      : ''
  }
</yandex>
`;
}

/**
 * A user with a password, for the tests of `--user` and $FRONTERA_CLICKHOUSE_PASSWORD (the
 * default user has none, as a fresh server's).
 */
export const CLICKHOUSE_TEST_USER = { name: 'frontera_publisher', password: 'p4ss w0rd <&>' };

const USERS = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_threads>2</max_threads></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default>
    <${CLICKHOUSE_TEST_USER.name}><password>p4ss w0rd &lt;&amp;&gt;</password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></${CLICKHOUSE_TEST_USER.name}></users>
  <quotas><default></default></quotas>
</yandex>
`;

/**
 * Two ClickHouse servers on loopback forming a two-shard cluster (`remote_servers`), each in
 * its own process group with its data in a temporary folder; `stop` kills both groups and
 * removes the folder. Without the server installed it fails with what to install, as the
 * browser tests do for Chromium.
 */
export async function startClickHouseCluster(
  shards = 2,
  opts: { queryLog?: boolean } = {},
): Promise<ClickHouseCluster> {
  if (!existsSync(CLICKHOUSE_SERVER)) {
    throw new Error(
      `no ClickHouse server at ${CLICKHOUSE_SERVER}: install Debian's packages (apt-get install -y clickhouse-server clickhouse-client), as .ci/run does`,
    );
  }
  const root = await mkdtemp(join(tmpdir(), 'frontera-clickhouse-'));
  const name = 'frontera_test';
  const ports: { http: number; tcp: number; inter: number }[] = [];
  for (let i = 0; i < shards; i++)
    ports.push({ http: await freePort(), tcp: await freePort(), inter: await freePort() });
  const procs: ChildProcess[] = [];
  const stop = async () => {
    for (const p of procs) {
      if (p.exitCode !== null || p.pid === undefined) continue;
      const gone = new Promise((done) => p.once('exit', done));
      try {
        process.kill(-p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await gone;
    }
    await rm(root, { recursive: true, force: true });
  };
  try {
    for (const [i, p] of ports.entries()) {
      const dir = join(root, `shard${i + 1}`);
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, 'users.xml'), USERS);
      await writeFile(
        join(dir, 'config.xml'),
        config(
          dir,
          p,
          ports.map((x) => x.tcp),
          name,
          opts.queryLog ?? false,
        ),
      );
      const proc = spawn(CLICKHOUSE_SERVER, [`--config-file=${join(dir, 'config.xml')}`], {
        cwd: dir,
        detached: true,
        stdio: 'ignore',
      });
      procs.push(proc);
    }
    await Promise.all(
      ports.map((p, i) => waitReady(p.http, procs[i]!, join(root, `shard${i + 1}`))),
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    httpPorts: ports.map((p) => p.http),
    name,
    url: (db) => `clickhouse://${ports.map((p) => `127.0.0.1:${p.http}`).join(',')}/${db}`,
    stop,
  };
}

async function waitReady(port: number, proc: ChildProcess, dir: string): Promise<void> {
  const until = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null)
      throw new Error(
        `clickhouse-server exited (${proc.exitCode}) before answering; see ${dir}/error.log`,
      );
    try {
      const r = await fetch(`http://127.0.0.1:${port}/ping`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until)
      throw new Error(`clickhouse-server on port ${port} did not answer within 30 s`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
