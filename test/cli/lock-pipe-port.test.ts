/**
 * Issue 11.8: a database locked by another process gets a sentence (and, under --json, still
 * a JSON report); a closed pipe ends a command quietly; `serve` takes --port and PORT.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { endQuietlyOnClosedPipe, main } from '../../src/cli/main.ts';
import { dataFile, FIXED_IO, runCli, scratch } from '../helpers.ts';

async function cli(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env,
    isTTY: false,
    now: FIXED_IO.now,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function run(args: string[], env: Record<string, string> = {}, closeStdout = false) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/run.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  // As `| head -1` does once it has its line: here before the first line, so the very
  // first write meets a closed pipe.
  if (closeStdout) child.stdout.destroy();
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ code: number | null; out: string; err: string }>((ok) =>
    child.on('close', (code) => ok({ code, out, err })),
  );
  return { child, done, output: () => out };
}

describe('frontera commands around a shared database, pipes and ports', () => {
  let dir: string;
  let db: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    ({ dir, cleanup } = await scratch());
    db = join(dir, 'f.duckdb');
    const r = await runCli(db, 'ingest', dataFile('fred/EXPCH.csv'));
    assert.equal(r.code, 0, r.err);
  });
  after(() => cleanup());

  it('says the database is in use by another process, in words and in the JSON report', async () => {
    // Another process holds DuckDB's write lock (as a long ingest or an older serve would).
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { DuckDBInstance } from '@duckdb/node-api';
         const i = await DuckDBInstance.create(process.argv[1]);
         console.log('ready');
         process.stdin.on('end', () => { i.closeSync(); process.exit(0); });
         process.stdin.resume();`,
        db,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    try {
      await new Promise<void>((ok) => holder.stdout.once('data', () => ok()));
      const env = { FRONTERA_DB: db, FRONTERA_LOCK_WAIT_MS: '300' };
      const busy = new RegExp(
        `the database ${db.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is in use: another process \\(PID ${holder.pid}\\)`,
      );

      const json = await cli(['ingest', dataFile('fred/IMPCH.csv'), '--json'], env);
      assert.equal(json.code, 1);
      const report = JSON.parse(json.out) as {
        kind: string;
        outcomes: unknown[];
        error: { kind: string; database: string; message: string };
      };
      assert.equal(report.kind, 'ingest-report');
      assert.deepEqual(report.outcomes, []);
      assert.equal(report.error.kind, 'database-busy');
      assert.equal(report.error.database, db);
      assert.match(report.error.message, busy);
      assert.match(report.error.message, /Wait for it to finish or stop it, then run this again/);

      for (const argv of [['ingest', dataFile('fred/IMPCH.csv')], ['status']]) {
        const r = await cli(argv, env);
        assert.equal(r.code, 1, argv.join(' '));
        assert.match(r.err, /^frontera: /);
        assert.match(r.err, busy);
        assert.doesNotMatch(r.err, /readonly|-readonly|Could not set lock/i);
      }
    } finally {
      holder.stdin.end();
      await new Promise((ok) => holder.on('close', ok));
    }
    // Once the other process is gone the same ingest goes through.
    const r = await cli(['ingest', dataFile('fred/IMPCH.csv'), '--json'], { FRONTERA_DB: db });
    assert.equal(r.code, 0, r.err);
  });

  it('ends quietly, exit 0, when the reader closes the pipe (status | head -1)', async () => {
    for (const args of [
      ['status', '--db', db],
      ['status', '--db', db, '--json'],
    ]) {
      const r = await run(args, {}, true).done;
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.err}`);
      assert.doesNotMatch(r.err, /EPIPE|Error|at /);
    }
  });

  it('treats EPIPE as the end and any other stream error as an error', () => {
    const exits: number[] = [];
    const s = new PassThrough();
    endQuietlyOnClosedPipe([s], (code) => exits.push(code));
    s.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    assert.deepEqual(exits, [0]);
    assert.throws(
      () => s.emit('error', Object.assign(new Error('disk full'), { code: 'ENOSPC' })),
      /disk full/,
    );
  });

  it('serve listens on PORT, and --port overrides it', async () => {
    const free = async () =>
      new Promise<number>((ok) => {
        const s = createServer().listen(0, '127.0.0.1', () => {
          const { port } = s.address() as { port: number };
          s.close(() => ok(port));
        });
      });
    const [p1, p2] = [await free(), await free()];
    for (const [args, port] of [
      [['serve', '--db', db, '--quiet'], p1],
      [['serve', '--db', db, '--quiet', '--port', String(p2)], p2],
    ] as const) {
      const s = run([...args], { PORT: String(p1) });
      const deadline = Date.now() + 60_000;
      while (!/serving http/.test(s.output()) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.match(s.output(), new RegExp(`serving http://127\\.0\\.0\\.1:${port}/`));
      const status = await fetch(`http://127.0.0.1:${port}/api/status`);
      assert.equal(status.status, 200);
      await status.arrayBuffer();
      s.child.kill('SIGTERM');
      assert.equal((await s.done).code, 0);
    }
    const bad = await cli(['serve', '--db', db], { PORT: 'eighty' });
    assert.equal(bad.code, 2);
    assert.match(bad.err, /PORT must be a whole number from 0 to 65535, not "eighty"/);
    const help = await cli(['serve', '--help'], {});
    assert.match(help.out, /--port <port>\s+port \(default: \$PORT, else 8080/);
  });
});
