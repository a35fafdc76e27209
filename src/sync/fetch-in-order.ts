import { QuotaExhausted } from './sync-error.ts';

export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Starts every download at once (the context's limiter bounds how many really run) and hands
 * the results over in plan order, so files are ingested in the same order on every run and a
 * tie between two vintages is always settled the same way. Stops at the first QuotaExhausted
 * and returns how many items were not handed over.
 */
export async function fetchInOrder<T, R>(
  items: readonly T[],
  fetch: (item: T) => Promise<R>,
  use: (item: T, result: Settled<R>) => Promise<void>,
): Promise<{ remaining: number; quota?: QuotaExhausted }> {
  const started = items.map((item) =>
    fetch(item).then(
      (value): Settled<R> => ({ ok: true, value }),
      (error: unknown): Settled<R> => ({ ok: false, error }),
    ),
  );
  for (const [i, item] of items.entries()) {
    const r = await started[i]!;
    if (!r.ok && r.error instanceof QuotaExhausted) {
      // Let the rest settle (they fail fast on the same quota) before reporting.
      await Promise.all(started);
      return { remaining: items.length - i, quota: r.error };
    }
    await use(item, r);
  }
  return { remaining: 0 };
}
