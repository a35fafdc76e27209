import { waitCompare } from '../src/analytics/wait-compare.ts';
import { waitHistory } from '../src/analytics/wait-history.ts';
import { waitNow } from '../src/analytics/wait-now.ts';
import { waitProfile } from '../src/analytics/wait-profile.ts';
import { openStore } from '../src/store/open-store.ts';

/**
 * `frontera waits` on the whole bundle: each analysis cold (a fresh opening of the database,
 * nothing memoised, as the first request after a load) and warm (memoised cells reused).
 */
export async function benchWaits(path: string): Promise<void> {
  const cases: [string, (s: Awaited<ReturnType<typeof openStore>>) => Promise<unknown>][] = [
    ['history Laredo (7 days)', (s) => waitHistory(s, 'Laredo')],
    ['profile El Paso (11 crossings)', (s) => waitProfile(s, 'El Paso')],
    ['compare San Diego Mon 07:00', (s) => waitCompare(s, 'San Diego', { at: 'monday 07:00' })],
    ['now Laredo', (s) => waitNow(s, 'Laredo')],
  ];
  console.log('\nCBP wait analytics on the bundle (cold = fresh opening, warm = second call)');
  for (const [name, f] of cases) {
    const store = await openStore(path, { readOnly: true });
    try {
      const t0 = performance.now();
      await f(store);
      const cold = performance.now() - t0;
      const t1 = performance.now();
      await f(store);
      const warm = performance.now() - t1;
      console.log(`  ${name.padEnd(32)}: cold ${cold.toFixed(0)} ms, warm ${warm.toFixed(0)} ms`);
    } finally {
      store.close();
    }
  }
}
