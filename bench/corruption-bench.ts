import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SOURCES } from '../src/sources/registry.ts';
import { ingestFile } from '../src/store/ingest-file.ts';
import { openStore } from '../src/store/open-store.ts';
import { CORRUPTIONS, runCorruptions } from '../test/store/corruption-cases.ts';

/**
 * The corruption suite (test/store/corruption-cases.ts) against a database file holding the
 * Border Crossing sample: each kind of damage, how it was refused, and whether anything in the
 * database moved.
 */
export async function benchCorruptions(dir: string, data: string): Promise<void> {
  const here = join(dir, 'corruptions');
  await mkdir(here);
  const store = await openStore(join(here, 'store.duckdb'));
  try {
    await ingestFile(
      store,
      join(data, 'bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv'),
      SOURCES,
    );
    const fingerprint = async () =>
      (
        await store.conn.runAndReadAll(
          `SELECT (SELECT count(*) FROM source_file)::VARCHAR, (SELECT count(*) FROM crossings_all)::VARCHAR,
                  (SELECT sum(count) FROM crossings_all)::VARCHAR, (SELECT count(*) FROM trade_country_month_all)::VARCHAR,
                  (SELECT count(*) FROM trade_product_all)::VARCHAR, (SELECT count(*) FROM population_all)::VARCHAR`,
        )
      ).getRowsJS();
    const t = performance.now();
    const results = await runCorruptions(store, here, data, fingerprint);
    const elapsed = performance.now() - t;
    const refused = results.filter((r) => r.refused).length;
    console.log(
      `\nCorruption suite: ${CORRUPTIONS.length} kinds of damaged file built from bundle files`,
    );
    for (const r of results) {
      const p = r.problem;
      const where = p
        ? [
            p.code,
            p.line === undefined ? '' : `line ${p.line}`,
            p.column ?? '',
            p.value === undefined ? '' : JSON.stringify(p.value.slice(0, 40)),
          ]
            .filter(Boolean)
            .join(' ')
        : '';
      console.log(
        `  ${r.refused ? 'refused' : 'MISSED '} ${r.name.padEnd(42)} ${r.refused ? where : r.miss}`,
      );
    }
    console.log(
      `  refused with file/line/value, database unchanged: ${refused} of ${results.length} (${(elapsed / 1000).toFixed(1)} s)`,
    );
  } finally {
    store.close();
  }
}
