/**
 * Runs database work one piece at a time. The store has one connection and `ingestFile`
 * holds a transaction on it, so ledger writes from concurrent downloads must wait their turn
 * rather than slip into (and roll back with) someone else's transaction.
 */
export type SerialQueue = <T>(work: () => Promise<T>) => Promise<T>;

export function serialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };
}
