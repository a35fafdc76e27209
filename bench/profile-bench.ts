import type { DuckDBConnection } from '@duckdb/node-api';
import { partnerProfile } from '../src/analytics/partner-profile.ts';
import { openStore, type Store } from '../src/store/open-store.ts';

/**
 * The Mexico partner profile, end to end, against the raw DuckDB time of the very queries it
 * runs (recorded on one call, then replayed directly on a connection). Each run opens the
 * database afresh: a store remembers directories, series and provenance per opening, so a
 * second call on one store would time that memory, not the queries.
 */
export async function benchPartnerProfile(store: Store, runs = 15): Promise<void> {
  const open = () => openStore(store.path, { readOnly: true });
  const recorded: unknown[][] = [];
  const recording = (c: DuckDBConnection) =>
    new Proxy(c, {
      get(target, prop) {
        if (prop === 'runAndReadAll')
          return (...a: unknown[]) => {
            recorded.push(a);
            return (target.runAndReadAll as (...x: unknown[]) => Promise<unknown>)(...a);
          };
        const v = Reflect.get(target, prop, target) as unknown;
        return typeof v === 'function' ? (v as (...x: unknown[]) => unknown).bind(target) : v;
      },
    });
  const first = await open();
  const read = first.read.bind(first);
  first.read = ((work: (c: DuckDBConnection) => Promise<unknown>) =>
    read((c) => work(recording(c)))) as Store['read'];
  first.conn = recording(first.conn);
  await partnerProfile(first, 'Mexico');
  first.close();

  const timed = async (f: (s: Store) => Promise<unknown>) => {
    const s = await open();
    try {
      const t = performance.now();
      await f(s);
      return performance.now() - t;
    } finally {
      s.close();
    }
  };
  const ours: number[] = [];
  const raw: number[] = [];
  // Alternated, so a busy moment on the machine weighs on both alike.
  for (let i = 0; i < runs; i++) {
    ours.push(await timed((s) => partnerProfile(s, 'Mexico')));
    raw.push(
      await timed(async (s) => {
        for (const q of recorded)
          await (s.conn.runAndReadAll as (...x: unknown[]) => Promise<unknown>)(...q);
      }),
    );
  }
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `\nPartner profile, Mexico (${recorded.length} queries), each on a freshly opened database, median of ${runs}`,
  );
  console.log(`  frontera profile            : ${mid(ours).toFixed(1)} ms (target ≤ 50 ms)`);
  console.log(`  raw DuckDB, same queries    : ${mid(raw).toFixed(1)} ms`);
  console.log(
    `  ratio                       : ${(mid(ours) / mid(raw)).toFixed(2)}× (target ≤ 1.5×)`,
  );
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
