import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SOURCES } from '../src/sources/registry.ts';
import { ingestFile } from '../src/store/ingest-file.ts';
import { openStore, type Store } from '../src/store/open-store.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The real sample bundle; never copied into the repository, never edited. */
export const DATA = resolve(process.env.FRONTERA_DATA ?? join(repo, '..', 'shared', 'data'));

export function dataFile(rel: string): string {
  return join(DATA, rel);
}

/** A fixed clock, so provenance timestamps are deterministic. */
export const FIXED_IO = { now: () => new Date('2026-01-15T12:00:00Z') };

export async function memoryStore(): Promise<Store> {
  return openStore(':memory:');
}

export async function ingest(store: Store, ...paths: string[]) {
  const out = [];
  for (const p of paths) out.push(await ingestFile(store, p, SOURCES, FIXED_IO));
  return out;
}

/** Rows as JSON-safe objects (bigints as strings, dates as ISO strings). */
export async function query(store: Store, sql: string): Promise<Record<string, unknown>[]> {
  const r = await store.conn.runAndReadAll(sql);
  return r.getRowObjectsJson() as Record<string, unknown>[];
}

export async function scalar(store: Store, sql: string): Promise<unknown> {
  const rows = (await store.conn.runAndReadAll(sql)).getRowsJS();
  return rows[0]?.[0];
}

/** A scratch folder for fixtures a test builds from the bundle files. */
export async function scratch(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'frontera-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** The reference code lists, for tests that need names, ISO codes and populations. */
export const REFERENCE_FILES = [
  'census/schedule-c/schedule-c-2021-01-27.txt',
  'reference/countries/census_cty_codes_from_country_xlsx.csv',
  'reference/countries/country-codes.csv',
  'reference/population/population.csv',
  'reference/us-states/us-state-ansi-fips.csv',
  'bts/transborder/codes/schedule_d_port_codes.json',
  'bts/transborder/codes/port_coordinates.json',
  'bts/transborder/codes/mode_codes.json',
  'bts/transborder/codes/state_codes.json',
].map(dataFile);

/** Runs the real `frontera` command line in-process against a database, capturing its output. */
export async function runCli(
  db: string,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  const { main } = await import('../src/cli/main.ts');
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    env: { FRONTERA_DB: db },
    isTTY: false,
    now: FIXED_IO.now,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/**
 * A database file in a scratch folder, loaded through `frontera ingest` with `paths`: what a
 * CLI test runs its commands against. `run` is `frontera …` on it; `cleanup` removes it all.
 * The file is a copy of a fixture database built once per set of files (fixture-database.ts),
 * so the test may write to it.
 */
export async function cliDatabase(...paths: string[]): Promise<{
  db: string;
  dir: string;
  run: (...argv: string[]) => ReturnType<typeof runCli>;
  cleanup: () => Promise<void>;
}> {
  const { fixtureCopy } = await import('./fixture-database.ts');
  const { dir, cleanup } = await scratch();
  try {
    const db = await fixtureCopy(paths, dir, { way: 'cli' });
    return { db, dir, run: (...argv: string[]) => runCli(db, ...argv), cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
