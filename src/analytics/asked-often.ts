import { memoize, type Store } from '../store/open-store.ts';

/**
 * Whether this loaded state of the store has been asked for `what` more than `times` times:
 * a server answering profile after profile is better served by reading a whole table once
 * and looking each answer up in memory, a one-off command (a cold `frontera profile`) by the
 * one query it needs. Both ways give the same answer; the count is forgotten with the memos.
 */
export async function askedOften(store: Store, what: string, times = 3): Promise<boolean> {
  const asked = await memoize(store, `asked-often:${what}`, () => Promise.resolve({ n: 0 }));
  asked.n++;
  return asked.n > times;
}
