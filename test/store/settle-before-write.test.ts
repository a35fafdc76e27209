import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ScanTarget } from '../../src/model/extract.ts';
import { btsBorderCrossing } from '../../src/sources/bts-border-crossing.ts';
import { SOURCES } from '../../src/sources/registry.ts';
import type { Source } from '../../src/sources/source.ts';
import { ingestFile } from '../../src/store/ingest-file.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { dataFile, query, scratch } from '../helpers.ts';

const SAMPLE = dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv');
const AT = { now: () => new Date('2026-01-01T00:00:00Z') };

/** The Border Crossing reader without its `repeatsExpected` hint: settled after writing. */
const settledAfter: Source = {
  ...btsBorderCrossing,
  async read(s) {
    const fx = await btsBorderCrossing.read(s);
    for (const x of fx.extracts) {
      if (x.kind === 'rows') continue;
      x.targets = x.targets.map(({ repeatsExpected: _hint, ...t }): ScanTarget => t);
    }
    return fx;
  },
};

/**
 * The Border Crossing file's repeats are settled on its staged rows, before they are written
 * (load-scan.ts); every other file's after. Both ways must store the same rows, marks,
 * counts and notes.
 */
describe('repeats settled before writing store what settling after stores', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let file: string;

  before(async () => {
    ({ dir, cleanup } = await scratch());
    const [header, ...rows] = (await readFile(SAMPLE, 'utf8')).split('\n').filter(Boolean);
    const f = (line: string) => line.split(',');
    // Whole repeats (one stated three times), and keys stated twice with other values: the
    // larger first, the larger second, and a tie with the same figure in another port name.
    const first = f(rows[0]!);
    const larger = [...first];
    larger[6] = String(Number(first[6]) + 5);
    const smaller = f(rows[1]!);
    smaller[6] = String(Math.max(0, Number(smaller[6]) - 1));
    const renamed = f(rows[2]!);
    renamed[0] = `${renamed[0]} (renamed)`;
    const extra = [
      rows[10]!,
      rows[20]!,
      rows[20]!,
      rows[3000]!,
      larger.join(','),
      smaller.join(','),
      renamed.join(','),
    ];
    file = join(dir, 'repeats.csv');
    await writeFile(
      file,
      [header, ...rows.slice(0, 5000), ...extra, ...rows.slice(5000)].join('\n'),
    );
  });
  after(() => cleanup());

  async function load(sources: readonly Source[]) {
    const store: Store = await openStore(':memory:');
    try {
      const outcome = await ingestFile(store, file, sources, AT);
      const stored = await query(
        store,
        `SELECT md5(string_agg(CAST(t AS VARCHAR), '|' ORDER BY rowid)) AS digest, count(*) AS n,
                count(*) FILTER (WHERE set_aside = 'conflict') AS aside
         FROM crossings_all t`,
      );
      const counted = await query(
        store,
        `SELECT table_name, rows, repeated_rows, conflicts, conflict_examples FROM source_file_table ORDER BY 1`,
      );
      const view = await query(store, `SELECT sum(count) AS total FROM crossings`);
      return { outcome: { rows: outcome.rows, notes: outcome.notes }, stored, counted, view };
    } finally {
      store.close();
    }
  }

  it('stores the same rows in the same order, with the same marks, counts and notes', async () => {
    const before = await load(SOURCES);
    const afterward = await load([settledAfter, ...SOURCES]);
    assert.deepEqual(before, afterward);
    // And the file's repeats were found: four rows repeated whole, three keys in conflict.
    assert.equal(before.stored[0]?.aside, '3');
    const crossings = before.counted.find((c) => c.table_name === 'crossings');
    assert.equal(crossings?.repeated_rows, '4');
    assert.equal(crossings?.conflicts, '3');
    assert.match(before.outcome.notes.join('\n'), /4 rows repeated whole, counted once/);
  });
});
