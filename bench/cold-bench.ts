import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { main } from '../src/cli/main.ts';
import { buildIfStale } from './build-if-stale.ts';
import { medianOf } from './profile-bench.ts';

const ROOT = resolve(import.meta.dirname, '..');
const NODE = process.execPath;

/**
 * Cold commands as a user runs them: each a new `node bin/frontera.js …` process (the built
 * dist/, as installed), timed from spawn to exit, against a minimal Node process that loads
 * DuckDB, opens the same database read-only and runs the Mexico 2022 totals
 * (`bench/minimal-duckdb.mjs`), and the same loading DuckDB with `require` as Frontera does. Commands alternate within each round, so a busy moment on the
 * shared machine weighs on all alike; medians of `runs` rounds after two warm-up rounds (so
 * the OS file cache is warm: "cold" is the process, not the disk). Then warm: the same profile
 * through the CLI's `main()` in this process (modules loaded, database opened and closed each
 * time) against opening the database and running the same totals here. Prints figures and
 * ratios; asserts only that every run gives the same answer.
 */
export async function benchCold(
  dbPath: string,
  runs = Number(process.env.BENCH_COLD_RUNS ?? 15),
): Promise<void> {
  buildIfStale();
  const db = resolve(dbPath);
  const profileArgs = ['profile', 'partner', 'mexico', '--year', '2022', '--json', '--db', db];
  const commands = {
    bare: [NODE, '-e', '0'],
    help: [NODE, join(ROOT, 'bin/frontera.js'), '--help'],
    minimal: [NODE, join(ROOT, 'bench/minimal-duckdb.mjs'), db, '2010', '2022'],
    floor: [NODE, join(ROOT, 'bench/minimal-duckdb.mjs'), db, '2010', '2022', 'require'],
    profile: [NODE, join(ROOT, 'bin/frontera.js'), ...profileArgs],
  } as const;
  type Name = keyof typeof commands;
  const names = Object.keys(commands) as Name[];
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<Name, number[]>;
  const outputs = new Map<Name, string>();
  for (let round = -2; round < runs; round++) {
    // Rotate the order each round: no command always follows the same one.
    const order = names.map((_, i) => names[(i + Math.max(round, 0)) % names.length]!);
    for (const name of order) {
      const [cmd, ...args] = commands[name];
      const t = performance.now();
      const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
      const elapsed = performance.now() - t;
      if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
      const seen = outputs.get(name);
      if (seen !== undefined && seen !== r.stdout) throw new Error(`${name} answered differently`);
      outputs.set(name, r.stdout);
      if (round >= 0) times[name].push(elapsed);
    }
  }
  // The floor does the equivalent work: the profile's headline totals are its answer.
  if (outputs.get('floor') !== outputs.get('minimal')) throw new Error('the floors disagree');
  const floor = JSON.parse(outputs.get('minimal')!) as { exports: string; imports: string };
  const profile = JSON.parse(outputs.get('profile')!) as {
    totals: { exports: string; imports: string };
  };
  if (floor.exports !== profile.totals.exports || floor.imports !== profile.totals.imports)
    throw new Error('the minimal process and the profile disagree on the Mexico 2022 totals');

  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const m = Object.fromEntries(names.map((n) => [n, med(times[n])])) as Record<Name, number>;
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  console.log(`\nCold commands: new processes from dist/, median of ${runs} interleaved rounds`);
  console.log(`  node -e 0 (Node's own start)         : ${ms(m.bare)}`);
  console.log(`  frontera --help                      : ${ms(m.help)} (target ≤ 150 ms)`);
  console.log(`  minimal DuckDB process (Mexico 2022) : ${ms(m.minimal)}`);
  console.log(`  the same, DuckDB loaded with require : ${ms(m.floor)}`);
  console.log(`  frontera profile partner mexico …    : ${ms(m.profile)}`);
  console.log(
    `  ratio to the minimal process         : ${(m.profile / m.minimal).toFixed(2)}× (target ≤ 1.5×)`,
  );
  console.log(`  ratio to the require floor           : ${(m.profile / m.floor).toFixed(2)}×`);

  // Warm: this process has loaded everything; each call opens and closes the database.
  const silent = {
    out: () => undefined,
    err: (t: string) => process.stderr.write(t),
    env: { ...process.env, FRONTERA_DB: db },
    isTTY: false,
    now: () => new Date(),
  };
  const minimalInProcess = async () => {
    const instance = await DuckDBInstance.create(db, { access_mode: 'READ_ONLY' });
    const conn = await instance.connect();
    await conn.runAndReadAll(
      `SELECT sum(value_usd) FILTER (WHERE flow = 'export'), sum(value_usd) FILTER (WHERE flow = 'import_general')
       FROM trade_country_month WHERE series = 'country.xlsx' AND partner_code = '2010' AND year(month) = 2022`,
    );
    conn.closeSync();
    instance.closeSync();
  };
  const profileInProcess = async () => {
    if ((await main(profileArgs, silent)) !== 0) throw new Error('profile failed');
  };
  for (let i = 0; i < 3; i++) {
    await profileInProcess();
    await minimalInProcess();
  }
  const warm = { profile: [] as number[], minimal: [] as number[] };
  for (let i = 0; i < runs; i++) {
    warm.profile.push(await medianOf(1, profileInProcess));
    warm.minimal.push(await medianOf(1, minimalInProcess));
  }
  console.log(`Warm, in one process (open, query, close each time), median of ${runs}`);
  console.log(`  minimal: open + Mexico 2022 totals   : ${ms(med(warm.minimal))}`);
  console.log(`  frontera profile partner (main())    : ${ms(med(warm.profile))}`);
  console.log(
    `  ratio                                : ${(med(warm.profile) / med(warm.minimal)).toFixed(2)}×`,
  );
  console.log(
    `  load average                         : ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (2 cores, shared)`,
  );
}
