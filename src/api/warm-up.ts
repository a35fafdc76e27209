import { comparePartners } from '../analytics/compare-partners.ts';
import { partnerProfile } from '../analytics/partner-profile.ts';
import { partnerSeries } from '../analytics/partner-series.ts';
import { portMap } from '../analytics/port-map.ts';
import { portProfile } from '../analytics/port-profile.ts';
import { censusVintages } from '../analytics/census-vintages.ts';
import { productProfile } from '../analytics/product-profile.ts';
import { revisionDiff } from '../analytics/revision-diff.ts';
import { stateProfile } from '../analytics/state-profile.ts';
import { topPorts, topProducts } from '../analytics/top-places.ts';
import { rankPartners, tradeYears } from '../analytics/top-partners.ts';
import type { Store } from '../store/open-store.ts';

/** Asks past `askedOften`'s threshold (3), so the whole-table reads are made now. */
const ROUNDS = 5;

/**
 * Before a server answers its first request: asks each kind of answer that a busy server
 * serves from whole-table reads (see analytics/asked-often.ts) a few times, so those tables
 * are read now, at start-up, instead of stalling the first real requests of each kind behind
 * a read of the whole table. The answers are thrown away (the response cache is not touched:
 * this calls the analytics, not the app) and every answer stays what a per-request query
 * gives. A kind the loaded data cannot answer (no crossings, no product detail) refuses and
 * is skipped. Returns the milliseconds it took.
 */
export async function warmUp(store: Store): Promise<number> {
  const started = performance.now();
  // ClickHouse: no whole-table reads to make (see Store.perRequestQueries).
  if (store.perRequestQueries) return 0;
  const ask = async (f: () => Promise<unknown>) => {
    try {
      await f();
    } catch {
      // Refused (data not loaded for it): nothing to read ahead for this kind.
    }
  };
  const partners = await rankPartners(store, { limit: ROUNDS }).then(
    (r) => r.rows.map((p) => p.code),
    () => [] as string[],
  );
  const ports = await topPorts(store, { measure: 'Trucks', limit: ROUNDS }).then(
    (r) => r.rows.map((p) => p.key),
    () => [] as string[],
  );
  // Every year's partner ranking (and so the year before's): a partner profile or ranking of
  // any year reads it, the first of each year a query of its own. Asked two or three at a
  // time, on the read pool, to use both cores.
  const years = await tradeYears(store).catch(() => []);
  let nextYear = 0;
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      while (nextYear < years.length) {
        const year = years[nextYear++]!.year;
        await ask(() => rankPartners(store, { year }));
      }
    }),
  );
  const vintages = await censusVintages(store).then(
    (vs) => vs.map((v) => v.vintage),
    () => [] as string[],
  );
  for (let i = 0; i < ROUNDS; i++) {
    const partner = partners[i % Math.max(partners.length, 1)];
    if (partner) {
      await ask(() => partnerProfile(store, partner, {}));
      await ask(() => partnerSeries(store, partner, { frequency: 'yearly' }));
      await ask(() => partnerSeries(store, partner, { frequency: 'monthly' }));
      if (partners.length > 1)
        await ask(() =>
          comparePartners(store, [partner, partners[(i + 1) % partners.length]!], {}),
        );
    }
    const port = ports[i % Math.max(ports.length, 1)];
    if (port) await ask(() => portProfile(store, port, {}));
    await ask(() => topPorts(store, { measure: 'Trucks' }));
    await ask(() => portMap(store, { measure: 'Trucks' }));
    await ask(() => productProfile(store, ['87', '84', '85', '27', '39'][i]!));
    // State profiles, product rankings (each HS level), revisions and series in each loaded
    // release: each read for every state, partner or level at once (the latest TransBorder
    // month's cuts, the latest product year's rankings, the latest two releases).
    await ask(() => stateProfile(store, ['TX', 'CA', 'MI', 'NY', 'AZ'][i]!));
    for (const level of [2, 4, 6, 8, 10] as const) await ask(() => topProducts(store, { level }));
    if (partner) {
      await ask(() => revisionDiff(store, partner, {}));
      for (const v of vintages) {
        await ask(() => partnerSeries(store, partner, { frequency: 'yearly', vintage: v }));
        await ask(() => partnerSeries(store, partner, { frequency: 'monthly', vintage: v }));
      }
    }
  }
  return performance.now() - started;
}
