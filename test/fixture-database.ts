import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import {
  copyFile,
  mkdir,
  open,
  readFile,
  mkdtemp,
  rename,
  rm,
  stat,
  symlink,
  unlink,
  utimes,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, type Store } from '../src/store/open-store.ts';
import { dataFile, FIXED_IO, ingest, runCli } from './helpers.ts';

/**
 * Fixture databases built once and shared read-only: several suites load the same bundle
 * files (the API suites, the tariff suites), and `npm test` runs suites in separate
 * processes, so each used to ingest them again. Here the first suite to ask builds the
 * database in a scratch file and renames it into place; a suite asking meanwhile waits for it;
 * later suites (and later runs) open it read-only.
 *
 * The cache key is everything the result depends on: the files asked for (each file's path,
 * size, times and inode, folders walked), how they are loaded (through `frontera ingest` or
 * file by file), the fixed clock, and the contents of src/ and package-lock.json (the readers,
 * the schema, DuckDB's version). Change any and a new database is built; entries unused for a
 * day are removed. `FRONTERA_TEST_FIXTURES` names another folder.
 */
export const FIXTURE_DIR = resolve(
  process.env.FRONTERA_TEST_FIXTURES ?? join(tmpdir(), 'frontera-test-fixtures'),
);

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * How the files go in: `cli` as `frontera ingest a b …` does, `files` one by one in order;
 * `after`, when given, names files loaded after `paths` (the database of `paths` alone is built
 * first, shared too, and copied: suites that add a few files to a common set share its load).
 */
export interface FixtureOptions {
  way?: 'cli' | 'files';
  after?: string[];
}

/**
 * The two Census country.xlsx releases (the slowest files most suites load) that most suites
 * load first: a list that begins with them is built on their shared database.
 */
export const COUNTRY_XLSX = ['census/country-2018-10.xlsx', 'census/country-2023-03.xlsx'].map(
  dataFile,
);

/**
 * Lists that other lists begin with: a list starting with one (and longer) is built on its
 * database, so the files they share load once per run. COUNTRY_XLSX, and any list a fixture
 * module registers (the tariff suites' files, which the dashboard's list begins with).
 */
const BASES: string[][] = [COUNTRY_XLSX];

/** Makes `paths` a base for longer lists that begin with it (see BASES). */
export function registerBase(paths: string[]): void {
  if (!BASES.includes(paths)) BASES.push(paths);
}

/** The path of a database holding `paths`, built once; open it read-only, never write it. */
export async function fixtureDatabase(paths: string[], opts: FixtureOptions = {}): Promise<string> {
  const way = opts.way ?? 'files';
  // An empty `after` (serveDashboard's default) is no `after`: keyed apart, the dashboard's list
  // was built a second time from scratch in the browser suites.
  const base =
    (opts.after ?? []).length === 0
      ? BASES.filter(
          (b) => paths.length > b.length && b.every((f, i) => resolve(paths[i]!) === resolve(f)),
        ).sort((a, b) => b.length - a.length)[0]
      : undefined;
  if (base) return fixtureDatabase(base, { way, after: paths.slice(base.length) });
  const after = opts.after ?? [];
  const key = fixtureKey(paths, after, way);
  const db = join(FIXTURE_DIR, `${key}.duckdb`);
  await mkdir(FIXTURE_DIR, { recursive: true });
  for (;;) {
    if (existsSync(db)) {
      // Marks it used (for pruning); the database itself is never written.
      await utimes(db, new Date(), new Date()).catch(() => undefined);
      return db;
    }
    const base = after.length > 0 ? await fixtureDatabase(paths, { way }) : undefined;
    const lock = `${db}.lock`;
    const held = await open(lock, 'wx').catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'EEXIST') return undefined;
      throw e;
    });
    if (!held) {
      await waitForBuilder(lock, db);
      continue;
    }
    try {
      await held.writeFile(`${process.pid}\n`);
      await held.close();
      if (!existsSync(db)) await build(base ? after : paths, way, db, base);
    } finally {
      await unlink(lock).catch(() => undefined);
    }
    pruneOld();
  }
}

/**
 * A folder named `name` holding links to `files` (a folder ingest of a chosen part of a
 * bundle folder), made once per file list under FIXTURE_DIR. Its path, and so the key of any
 * fixture database loaded from it, is the same in every suite and every run: a folder made
 * afresh in a temporary directory would make each suite build its own database.
 */
export async function linkFolder(name: string, files: string[]): Promise<string> {
  const id = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
  const root = join(FIXTURE_DIR, `links-${id}`);
  if (!existsSync(root)) {
    await mkdir(FIXTURE_DIR, { recursive: true });
    const work = await mkdtemp(join(FIXTURE_DIR, 'links-building-'));
    await mkdir(join(work, name), { recursive: true });
    for (const f of files) await symlink(f, join(work, name, f.split('/').pop()!));
    await rename(work, root).catch(async (e: NodeJS.ErrnoException) => {
      // Another suite made it meanwhile: theirs holds the same list.
      await rm(work, { recursive: true, force: true });
      if (!existsSync(root)) throw e;
    });
  }
  return join(root, name);
}

/** A read-only store on the shared fixture database. */
export async function fixtureStore(paths: string[], opts: FixtureOptions = {}): Promise<Store> {
  return openStore(await fixtureDatabase(paths, opts), { readOnly: true });
}

/**
 * A writable copy of the fixture database in `dir` (for a test that changes rows): a file
 * copy, not another ingest.
 */
export async function fixtureCopy(
  paths: string[],
  dir: string,
  opts: FixtureOptions = {},
): Promise<string> {
  const to = join(dir, 'frontera.duckdb');
  await copyFile(await fixtureDatabase(paths, opts), to);
  return to;
}

async function build(paths: string[], way: string, db: string, base?: string): Promise<void> {
  // Built in a folder of its own (the writer's marker folder lands there too), then renamed.
  const work = `${db}.${process.pid}.building`;
  await rm(work, { recursive: true, force: true });
  await mkdir(work);
  try {
    const file = join(work, 'fixture.duckdb');
    if (base) await copyFile(base, file);
    if (way === 'cli') {
      const r = await runCli(file, 'ingest', ...paths);
      if (r.code !== 0) throw new Error(`fixture ingest failed: ${r.err}`);
    } else {
      const writer = await openStore(file);
      try {
        await ingest(writer, ...paths);
      } finally {
        writer.close();
      }
    }
    await rename(file, db);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Another test process is building it: wait, or take over if that process is gone. */
async function waitForBuilder(lock: string, db: string): Promise<void> {
  const started = Date.now();
  while (!existsSync(db)) {
    const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
    if (pid > 0 && !alive(pid)) {
      await unlink(lock).catch(() => undefined);
      return;
    }
    if (!existsSync(lock)) return;
    // A lock without a pid yet is being written; one older than ten minutes is abandoned.
    if (Date.now() - started > 600_000) throw new Error(`timed out waiting for ${db}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let codeHash: string | undefined;

/** src/ and the lockfile, hashed once per process. */
function codeStamp(): string {
  if (codeHash) return codeHash;
  const h = createHash('sha256');
  const src = join(repo, 'src');
  for (const f of readdirSync(src, { recursive: true, encoding: 'utf8' }).sort()) {
    const p = join(src, f);
    if (!statSync(p).isFile()) continue;
    h.update(f).update('\0').update(readFileSync(p)).update('\0');
  }
  h.update(readFileSync(join(repo, 'package-lock.json')));
  codeHash = h.digest('hex');
  return codeHash;
}

function fixtureKey(paths: string[], after: string[], way: string): string {
  const h = createHash('sha256');
  h.update(`frontera-fixture-1\0${way}\0${FIXED_IO.now().toISOString()}\0${codeStamp()}\0`);
  for (const p of paths) stampInto(h, resolve(p));
  h.update('\0after\0');
  for (const p of after) stampInto(h, resolve(p));
  return h.digest('hex').slice(0, 32);
}

function stampInto(h: ReturnType<typeof createHash>, path: string): void {
  const s = statSync(path);
  h.update(`${path}\0${s.size}\0${s.mtimeMs}\0${s.ctimeMs}\0${s.ino}\0`);
  if (s.isDirectory())
    for (const f of readdirSync(path, { encoding: 'utf8' }).sort()) stampInto(h, join(path, f));
}

/** Entries not used for a day, and builds left by killed runs. */
function pruneOld(): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const f of readdirSync(FIXTURE_DIR)) {
    const p = join(FIXTURE_DIR, f);
    void stat(p)
      .then((s) => (s.mtimeMs < dayAgo ? rm(p, { recursive: true, force: true }) : undefined))
      .catch(() => undefined);
  }
}
