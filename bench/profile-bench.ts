import type { DuckDBConnection } from '@duckdb/node-api';
import { partnerProfile } from '../src/analytics/partner-profile.ts';
import type { Store } from '../src/store/open-store.ts';

/**
 * The Mexico partner profile, end to end, against the raw DuckDB time of the very queries it
 * runs (recorded on one call, then replayed directly on the connection).
 */
export async function benchPartnerProfile(store: Store, runs = 30): Promise<void> {
  for (let i = 0; i < 3; i++) await partnerProfile(store, 'Mexico');
  const recorded: { sql: string; params: unknown; types: unknown }[] = [];
  const conn = store.conn as DuckDBConnection & {
    runAndReadAll: DuckDBConnection['runAndReadAll'];
  };
  const original = conn.runAndReadAll.bind(conn);
  conn.runAndReadAll = (async (sql: string, params?: unknown, types?: unknown) => {
    recorded.push({ sql, params, types });
    return (original as (...a: unknown[]) => Promise<unknown>)(sql, params, types);
  }) as DuckDBConnection['runAndReadAll'];
  await partnerProfile(store, 'Mexico');
  conn.runAndReadAll = original;

  const ours = await medianOf(runs, () => partnerProfile(store, 'Mexico'));
  const raw = await medianOf(runs, async () => {
    for (const q of recorded)
      await (original as (...a: unknown[]) => Promise<unknown>)(q.sql, q.params, q.types);
  });
  console.log(
    `\nPartner profile, Mexico (${recorded.length} queries), median of ${runs} after warm-up`,
  );
  console.log(`  frontera profile            : ${ours.toFixed(1)} ms (target ≤ 50 ms)`);
  console.log(`  raw DuckDB, same queries    : ${raw.toFixed(1)} ms`);
  console.log(`  ratio                       : ${(ours / raw).toFixed(2)}× (target ≤ 1.5×)`);
}

export async function medianOf(runs: number, f: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? NaN;
}
