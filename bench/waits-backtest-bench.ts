import { renderBacktest } from '../src/cli/commands/waits-forecast-commands.ts';
import { waitBacktest } from '../src/forecast/wait-backtest.ts';
import type { Store } from '../src/store/open-store.ts';

/**
 * Issue 13's goal, measured: the last 8 weeks of the loaded CBP history, the 15 crossings with
 * the most readings before them, a 24-hour horizon from a rolling origin every 6 hours.
 */
export async function benchWaitsBacktest(store: Store): Promise<void> {
  const r = await store.conn.runAndReadAll(
    `SELECT epoch_ms(max(observed_at))::DOUBLE FROM wait_times
     WHERE delay_minutes IS NOT NULL AND source_file_id IN (SELECT id FROM source_file WHERE path LIKE '%/bwt-history/%')`,
  );
  const newest = Number(r.getRowsJS()[0]?.[0]);
  const trainUntilMs = Math.floor((newest - 8 * 7 * 86_400_000) / 3_600_000) * 3_600_000;
  const t0 = performance.now();
  const result = await waitBacktest(store, {
    trainUntilMs,
    untilMs: newest + 3_600_000,
    horizonHours: 24,
    crossings: 15,
  });
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(
    `\nWait-time forecast backtest (last 8 weeks of cbp/bwt-history, 15 busiest crossings, 24 h), ${s} s`,
  );
  console.log(renderBacktest(result));
}
