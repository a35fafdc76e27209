/** At most `n` of the functions given run at once; the rest wait in order. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function concurrencyLimit(n: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // A finishing task hands its slot straight to the next in line, so none can jump ahead.
    if (active >= n) await new Promise<void>((go) => waiting.push(go));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
