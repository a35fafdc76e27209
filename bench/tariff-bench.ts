import type { DuckDBConnection } from '@duckdb/node-api';
import type { Store } from '../src/store/open-store.ts';
import { parseScenario } from '../src/tariffs/scenario-spec.ts';
import { tariffBaseline } from '../src/tariffs/tariff-baseline.ts';
import { tariffScenario } from '../src/tariffs/tariff-scenario.ts';
import { medianOf } from './profile-bench.ts';

/** The three layers of the issue's performance target, over every 2024 HS10 line loaded. */
const SCENARIO = parseScenario({
  name: 'bench: three layers',
  year: 2024,
  layers: [
    { partners: ['2010', '1220'], ratePct: 25, exempt: ['usmca_claimed'] },
    { partners: ['5700'], products: { section301Lists: ['1', '2', '3', '4A'] }, ratePct: 10 },
    { kind: 'section232', ratePct: 50 },
  ],
});

type Run = (...a: unknown[]) => Promise<unknown>;

/** Records the statements one call sends to DuckDB, to replay them raw. */
async function record(store: Store, f: () => Promise<unknown>) {
  const recorded: { sql: string; params: unknown; types: unknown }[] = [];
  const conn = store.conn as DuckDBConnection & {
    runAndReadAll: DuckDBConnection['runAndReadAll'];
  };
  const original = conn.runAndReadAll.bind(conn) as Run;
  conn.runAndReadAll = (async (sql: string, params?: unknown, types?: unknown) => {
    recorded.push({ sql, params, types });
    return original(sql, params, types);
  }) as DuckDBConnection['runAndReadAll'];
  try {
    await f();
  } finally {
    conn.runAndReadAll = original as DuckDBConnection['runAndReadAll'];
  }
  return {
    recorded,
    replay: async () => {
      for (const q of recorded) await original(q.sql, q.params, q.types);
    },
  };
}

/**
 * The tariff engine on the whole bundle: the baseline table (engine against official duty),
 * then the line frame (every join of the engine, built once per loaded state of the store)
 * and a three-layer scenario on top of it, each beside the raw DuckDB time of the same SQL.
 */
export async function benchTariff(store: Store, runs = 15): Promise<void> {
  let baseline;
  try {
    baseline = await tariffBaseline(store, { year: 2024 });
  } catch (e) {
    console.log(`\nTariff engine: skipped (${(e as Error).message})`);
    return;
  }
  console.log('\nTariff baseline 2024: engine against Census calculated duty (CAL_DUT_YR)');
  for (const p of [...baseline.partners, baseline.total]) {
    const err =
      p.errorPct === null ? '–' : `${p.errorPct >= 0 ? '+' : ''}${p.errorPct.toFixed(1)}%`;
    console.log(
      `  ${p.partner.name.padEnd(20)} engine ${`$${p.engine.total.toLocaleString('en-US')}`.padStart(18)}  official ${`$${(p.officialUsd ?? 0n).toLocaleString('en-US')}`.padStart(18)}  ${err.padStart(7)}${p.withinTolerance === false ? '  (outside ±10%: see README.md, "The baseline against the official figure")' : ''}`,
    );
  }

  const rebuild = () => {
    store.memo.delete('tariff-frame:2024');
    return tariffBaseline(store, { year: 2024 });
  };
  const frame = await record(store, rebuild);
  const frameOurs = await medianOf(5, rebuild);
  const frameRaw = await medianOf(5, frame.replay);

  for (let i = 0; i < 3; i++) await tariffScenario(store, SCENARIO);
  const scenario = await record(store, () => tariffScenario(store, SCENARIO));
  const ours = await medianOf(runs, () => tariffScenario(store, SCENARIO));
  const raw = await medianOf(runs, scenario.replay);
  const lines = baseline.total.lines.toLocaleString('en-US');
  console.log(
    `\nTariff engine over ${lines} HS10 lines (2024, ${baseline.partners.length} partners)`,
  );
  console.log(
    `  line frame + baseline (cold): ${frameOurs.toFixed(0)} ms; raw DuckDB, same ${frame.recorded.length} queries: ${frameRaw.toFixed(0)} ms`,
  );
  console.log(
    `  three-layer scenario        : ${ours.toFixed(1)} ms (target ≤ 200 ms), median of ${runs}`,
  );
  console.log(
    `  raw DuckDB, same ${String(scenario.recorded.length).padStart(2)} queries : ${raw.toFixed(1)} ms`,
  );
  console.log(`  ratio                       : ${(ours / raw).toFixed(2)}×`);
}
