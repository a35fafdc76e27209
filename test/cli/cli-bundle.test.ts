/**
 * Issue 18.2: `frontera` (bin/frontera.js) runs the CLI from its esbuild bundle
 * (bin/bundle-cli.mjs), not from tsc's dist/. The bundle is built here from the current
 * sources (in about a second) and run as a process: it must print the same help and the same
 * answers as the CLI run in-process from src/, including a command whose code sits in a
 * lazily loaded chunk, and what `--help` loads must hold no heavy library (no DuckDB, xlsx,
 * Hono or zod).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { COUNTRY_XLSX, fixtureDatabase } from '../fixture-database.ts';
import { runCli } from '../helpers.ts';

const run = promisify(execFile);
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('the bundled CLI that bin/frontera.js runs', () => {
  let dir = '';
  let db = '';
  before(async () => {
    // Inside the repository, so the bundle's npm imports resolve from node_modules.
    dir = await mkdtemp(join(repo, 'node_modules', '.cli-bundle-test-'));
    await run(process.execPath, [join(repo, 'bin/bundle-cli.mjs'), dir], { cwd: repo });
    // What bin/frontera.js does, against this bundle.
    await writeFile(
      join(dir, 'run.mjs'),
      `import { main } from './main.js';
process.exitCode = await main(process.argv.slice(2));
`,
    );
    db = await fixtureDatabase(COUNTRY_XLSX);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const bundled = (...argv: string[]) =>
    run(process.execPath, [join(dir, 'run.mjs'), ...argv], {
      cwd: repo,
      env: { ...process.env, FRONTERA_DB: db },
      maxBuffer: 64 << 20,
    });

  it('prints the same help as the CLI from source', async () => {
    const { stdout } = await bundled('--help');
    const src = await runCli(db, '--help');
    assert.match(stdout, /Usage: frontera/);
    assert.equal(stdout.trim(), src.out.trim());
  });

  it('answers a partner profile exactly as the CLI from source', async () => {
    const { stdout } = await bundled('profile', 'partner', 'mexico', '--year', '2022', '--json');
    const src = await runCli(db, 'profile', 'partner', 'mexico', '--year', '2022', '--json');
    assert.equal(src.code, 0);
    const answer = JSON.parse(stdout) as { totals: { exports: string } };
    assert.deepEqual(answer, JSON.parse(src.out));
    // Census's 2022 exports to Mexico, from the country.xlsx releases the fixture loads.
    assert.ok(Number(answer.totals.exports) > 300e9);
  });

  it('loads no heavy library for --help: the static graph of main.js holds none', async () => {
    const files = (await readdir(dir)).filter((f) => f.endsWith('.js') && f !== 'run.mjs');
    assert.ok(files.length > 20, `the commands are split into chunks (${files.length})`);
    // Every module a process evaluates before main() runs: main.js and what it imports
    // statically, chunk by chunk (a command's own code sits behind import()).
    const packages = new Set<string>();
    const seen = new Set<string>();
    const walk = async (file: string): Promise<void> => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = await readFile(join(dir, file), 'utf8');
      for (const m of text.matchAll(/^(?:import|export)\s(?:[^;]*?from\s*)?"([^"]+)";/gm)) {
        const spec = m[1]!;
        if (spec.startsWith('./')) await walk(spec.slice(2));
        else packages.add(spec);
      }
    };
    await walk('main.js');
    assert.ok(
      seen.size < files.length / 2,
      `--help evaluates ${seen.size} of ${files.length} files`,
    );
    assert.ok(packages.has('commander'));
    for (const heavy of ['@duckdb/node-api', '@e965/xlsx', 'hono', '@hono/zod-openapi', 'zod'])
      assert.ok(!packages.has(heavy), `--help would load ${heavy}`);
  });
});
