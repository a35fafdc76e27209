/**
 * Issue 17.11 / 11.8: `serve`, `ingest`, `watch cbp`, `status` and `sql` share one database
 * file as separate processes. The server lets go of its read-only handle while a writer
 * writes and serves the new rows without a restart; a writer holds the lock only while it
 * writes.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dataFile, runCli, scratch } from '../helpers.ts';
import { startFakePublisher, type FakePublisher } from '../sync/fake-publisher.ts';

interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** `frontera …` as its own process, the way a user runs it. */
function frontera(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FRONTERA_LOCK_WAIT_MS: '60000', ...env },
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<Run>((ok) => child.on('close', (code) => ok({ code, out, err })));
  return { child, done, output: () => out };
}

async function until<T>(what: string, f: () => T | undefined, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Status {
  files: { source: string; series: string; rows: number }[];
}

describe('serve, ingest and watch share the database as separate processes', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let fake: FakePublisher;
  let serve: ChildProcess | undefined;
  before(async () => {
    ({ dir, cleanup } = await scratch());
    fake = await startFakePublisher();
  });
  after(async () => {
    serve?.kill('SIGKILL');
    await fake.close();
    await cleanup();
  });

  it('serves rows that ingest and watch add while it runs, and status and sql still work', async () => {
    const db = join(dir, 'shared.duckdb');
    const first = await runCli(db, 'ingest', dataFile('fred/EXPCH.csv'));
    assert.equal(first.code, 0, first.err);

    const server = frontera(['serve', '--db', db, '--port', '0', '--quiet']);
    serve = server.child;
    const base = await until('the server to start', () => {
      const m = /serving (http:\/\/127\.0\.0\.1:\d+)\//.exec(server.output());
      return m?.[1];
    });
    const status = async (): Promise<Status> => {
      const r = await fetch(`${base}/api/status`);
      assert.equal(r.status, 200);
      return (await r.json()) as Status;
    };
    assert.deepEqual(
      (await status()).files.map((f) => f.series),
      ['EXPCH'],
    );

    // A writer and a poller start while the server is up; readers run meanwhile.
    const watch = frontera([
      'watch',
      'cbp',
      '--every',
      '300ms',
      '--times',
      '3',
      '--base-url',
      fake.url,
      '--db',
      db,
      '--json',
    ]);
    const ingest = frontera(['ingest', dataFile('fred/IMPCH.csv'), '--db', db, '--json']);
    const reader = frontera(['status', '--db', db]);
    const [w, i, s] = await Promise.all([watch.done, ingest.done, reader.done]);
    assert.equal(i.code, 0, i.err);
    const report = JSON.parse(i.out) as { outcomes: { series: string; status: string }[] };
    assert.deepEqual(
      report.outcomes.map((o) => [o.series, o.status]),
      [['IMPCH', 'loaded']],
    );
    assert.equal(w.code, 0, w.err);
    const polls = w.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { status: string; added: number });
    assert.equal(polls.length, 3);
    assert.equal(polls[0]!.added, 273);
    assert.equal(s.code, 0, s.err);
    assert.doesNotMatch(w.err + i.err + s.err, /readonly|Could not set lock/i);

    // The running server serves the new rows, without a restart.
    const served = await status();
    assert.deepEqual(served.files.map((f) => f.series).sort(), ['EXPCH', 'IMPCH', 'bwtnew']);

    // And a one-off reader and a SQL query still work while it serves.
    const sql = await frontera([
      'sql',
      '--db',
      db,
      '--csv',
      'SELECT count(*) AS n FROM wait_times_all',
    ]).done;
    assert.equal(sql.code, 0, sql.err);
    assert.match(sql.out, /^n\n273\n/);
    server.child.kill('SIGTERM');
    assert.equal((await server.done).code, 0);
    serve = undefined;
  });
});
