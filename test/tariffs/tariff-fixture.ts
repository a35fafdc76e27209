import type { Store } from '../../src/store/open-store.ts';
import { fixtureStore, registerBase } from '../fixture-database.ts';
import { dataFile } from '../helpers.ts';

/** The 2024 HS10 imports of the four partners, the 2024 schedule and the measure lists. */
export const TARIFF_FILES = [
  ...['2010', '1220', '5700', '0003'].map((c) =>
    dataFile(`census/api-extracts/imports-hs10-2024/2024-hs10-imports${c}.parquet`),
  ),
  dataFile('usitc/tariff_database_2024.xlsx'),
  dataFile('usitc/hts_2025_basic_edition.csv'),
  dataFile('tariffs/budget-lab/s301_product_lists.csv'),
  dataFile('tariffs/budget-lab/chapter99_raw.csv'),
  dataFile('tariffs/budget-lab/usmca_product_shares_2024.csv'),
  dataFile('census/schedule-c/schedule-c-2021-01-27.txt'),
  // The legal text of Section 301 and its cross-checks (the dated measure table), and China's
  // monthly imports (FRED IMPCH) for weighting mid-year changes by the import pattern.
  dataFile('usitc/hts/chapter99_2026_rev_6.txt'),
  dataFile('usitc/hts/hts_2025_basic.json.gz'),
  dataFile('usitc/china-tariffs/china-tariffs-2020-01-01.xlsx'),
  dataFile('tariffs/exclusion-claim-shares/s301_exclusion_claim_shares.csv'),
  dataFile('fred/IMPCH.csv'),
  // The Section 232 headings as they stood in 2024 (the 2024 edition's chapter 99) and the
  // DataWeb download whose calculated duty gives the labelled share estimates.
  dataFile('usitc/hts/hts_2024_basic_edition.csv'),
  dataFile('usitc/dataweb/imports-hts10-2024-grid-goods.xlsx'),
];

// The dashboard's list (test/web/dashboard-files.ts) begins with these: its database is
// built on theirs.
registerBase(TARIFF_FILES);

/**
 * A read-only store holding TARIFF_FILES and then `extra`, built once for all the tariff
 * suites (fixture-database.ts).
 */
export async function tariffStore(extra: string[] = []): Promise<Store> {
  return fixtureStore(TARIFF_FILES, { after: extra });
}
