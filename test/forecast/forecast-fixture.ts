import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { FIXTURE_DIR, fixtureDatabase } from '../fixture-database.ts';
import { DATA, dataFile } from '../helpers.ts';

const HISTORY = join(DATA, 'cbp/bwt-history');

/** First and last pull (file-name order) of the forecast tests' window. */
export const FORECAST_PULLS = { from: 'rss-2025-11-30', to: 'rss-2026-01-11' } as const;

/**
 * The real CBP pulls the forecast tests need, all crossings (a pull is one national file):
 * 30 November 2025 to 10 January 2026, about 1,000 files. The backtest's fixed window starts
 * 4 January, and the model wants three weeks of its own past errors for the interval plus a few
 * weeks of profile before that; the as-of and CSV tests use December and 10 January. The
 * Schedule D port list names the ports ("San Ysidro", "Laredo").
 */
export function forecastPulls(): string[] {
  return readdirSync(HISTORY)
    .filter((f) => f >= FORECAST_PULLS.from && f < FORECAST_PULLS.to)
    .sort()
    .map((f) => join(HISTORY, f));
}

/**
 * The database of those pulls, loaded through `frontera ingest` of a folder (in batches, as
 * the bundle loads), built once and shared (`test/fixture-database.ts`). The folder of links is
 * made once, named by its file list, so its stamp, and so the cached database, stay the same
 * from run to run; it is called `cbp/bwt-history` as in the bundle.
 */
export async function forecastDatabase(): Promise<string> {
  const files = forecastPulls();
  const id = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
  const root = join(FIXTURE_DIR, `forecast-pulls-${id}`);
  const folder = join(root, 'cbp', 'bwt-history');
  if (!existsSync(root)) {
    await mkdir(FIXTURE_DIR, { recursive: true });
    const work = await mkdtemp(join(FIXTURE_DIR, 'forecast-pulls-building-'));
    await mkdir(join(work, 'cbp', 'bwt-history'), { recursive: true });
    for (const f of files) await symlink(f, join(work, 'cbp', 'bwt-history', f.split('/').pop()!));
    await rename(work, root).catch(async (e: NodeJS.ErrnoException) => {
      // Another run made it meanwhile: theirs is the same list.
      await rm(work, { recursive: true, force: true });
      if (!existsSync(root)) throw e;
    });
  }
  return fixtureDatabase([dataFile('bts/transborder/codes/schedule_d_port_codes.json'), folder], {
    way: 'cli',
  });
}

/** A read-only store on it. */
export async function forecastStore(): Promise<Store> {
  return openStore(await forecastDatabase(), { readOnly: true });
}
