import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { linkFolder } from '../fixture-database.ts';
import { cliDatabase, DATA, dataFile, REFERENCE_FILES } from '../helpers.ts';

const HISTORY = join(DATA, 'cbp/bwt-history');

/**
 * A few of the real CBP pulls, chosen so every figure can be checked quickly: every pull on a
 * Monday between 14:00 and 17:00 UTC over the whole history (CBP's readings lag the pull, so
 * these hold Monday mornings at the western ports: San Diego's 7 am has 30-odd weeks behind it,
 * enough for a typical wait), and the 48 pulls of 1–2 October 2025 for hour-by-hour series
 * with their gaps. About 170 files; the rest of the bundle is not needed.
 */
export function waitPulls(): string[] {
  return readdirSync(HISTORY)
    .filter((f) => {
      const m = /^rss-(\d{4})-(\d{2})-(\d{2})_(\d{2})-/.exec(f);
      if (!m) return false;
      const monday = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!)).getUTCDay() === 1;
      const hour = Number(m[4]);
      return (
        (monday && hour >= 14 && hour <= 15) ||
        (f >= 'rss-2025-10-01_12' && f < 'rss-2025-10-02_12')
      );
    })
    .map((f) => join(HISTORY, f));
}

/**
 * A database of those pulls with the port code lists, loaded through `frontera ingest` of one
 * folder (so the pulls load in batches, as the bundle does), built once per run for both
 * suites that use it (the folder of links has the same path every time: see linkFolder);
 * `db` is this suite's writable copy, `open` gives a read-only store on it.
 */
export async function waitDatabase(): Promise<{
  db: string;
  run: Awaited<ReturnType<typeof cliDatabase>>['run'];
  open: () => Promise<Store>;
  cleanup: () => Promise<void>;
}> {
  const folder = await linkFolder('bwt-history', waitPulls());
  const base = await cliDatabase(
    ...REFERENCE_FILES.filter((f) => f.includes('codes') || f.includes('us-state')),
    dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv'),
    folder,
  );
  return {
    db: base.db,
    run: base.run,
    open: () => openStore(base.db, { readOnly: true }),
    cleanup: base.cleanup,
  };
}
