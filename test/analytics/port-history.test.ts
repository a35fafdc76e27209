import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { createGunzip } from 'node:zlib';
import { portSplitsInData } from '../../src/analytics/port-history.ts';
import { portProfile } from '../../src/analytics/port-profile.ts';
import { topPorts } from '../../src/analytics/top-places.ts';
import type { Store } from '../../src/store/open-store.ts';
import { dataFile, ingest, memoryStore, scalar, scratch } from '../helpers.ts';

/**
 * Issue 12 item 6: BTS split Ysleta (2401) out of El Paso (2402) in March 2020. The fixture is
 * every Texas and California row of the real crossings file (both borders' busiest states, with
 * ports that start late for other reasons: Boquillas 2015, Cross Border Xpress 2017).
 */
describe('port code changes', () => {
  let store: Store;
  let cleanup: () => Promise<void>;

  before(async () => {
    const s = await scratch();
    cleanup = s.cleanup;
    const lines: string[] = [];
    const rl = createInterface({
      input: createReadStream(
        dataFile('bts/border-crossing/Border_Crossing_Entry_Data.csv.gz'),
      ).pipe(createGunzip()),
    });
    for await (const line of rl) {
      const state = line.split(',')[1];
      if (lines.length === 0 || state === 'Texas' || state === 'California') lines.push(line);
    }
    const file = join(s.dir, 'crossings-tx-ca.csv');
    await writeFile(file, lines.join('\n') + '\n');
    store = await memoryStore();
    const r = await ingest(
      store,
      dataFile('bts/transborder/codes/schedule_d_port_codes.json'),
      file,
    );
    assert.ok(
      r.every((x) => x.status === 'loaded'),
      JSON.stringify(r),
    );
  });
  after(async () => {
    store?.close();
    await cleanup?.();
  });

  it('finds the El Paso → Ysleta split in the crossings themselves, and no other', async () => {
    const found = await portSplitsInData(store);
    assert.deepEqual(
      [...new Set(found.map((f) => `${f.from}>${f.to}@${f.month}`))],
      ['2402>2401@2020-03'],
    );
    const trucks = found.find((f) => f.evidence.measure === 'Trucks')!;
    assert.deepEqual(trucks.evidence, {
      measure: 'Trucks',
      fromBefore: 785591n,
      fromAfter: 168764n,
      toAfter: 586896n,
    });
  });

  it("flags the split in El Paso's profile, with its source, and offers the combined series", async () => {
    const p = await portProfile(store, 'El Paso', { year: 2021 });
    assert.equal(p.history.changes.length, 1);
    const c = p.history.changes[0]!;
    assert.deepEqual([c.from.code, c.to.code, c.month], ['2402', '2401', '2020-03']);
    assert.deepEqual(c.foundIn, ['reference', 'data']);
    assert.match(c.source ?? '', /BTS Border Crossing Entry Data/);
    assert.ok(
      p.notes.some((n) =>
        /^BTS split Ysleta \(2401\) out of El Paso \(2402\) from 2020-03: .*Trucks: El Paso 785,591 in the twelve months before, 168,764 in the twelve after; Ysleta 586,896/.test(
          n,
        ),
      ),
      p.notes.join('\n'),
    );
    // The combined series is the two ports summed, year by year.
    const combined = p.history.combined!;
    assert.deepEqual(
      combined.ports.map((x) => x.code),
      ['2402', '2401'],
    );
    const trucks = (year: number) =>
      combined.yearly.find((y) => y.year === year)?.byMeasure.find((m) => m.measure === 'Trucks')
        ?.count;
    const sum = await scalar(
      store,
      `SELECT sum(count) FROM crossings WHERE port_code IN ('2401', '2402') AND measure = 'Trucks' AND year(month) = 2021`,
    );
    assert.equal(trucks(2021), sum);
    assert.equal(trucks(2021), 848933n);
    // El Paso alone falls by three quarters; the combined series does not.
    const alone = p.crossings!.yearly.find((y) => y.year === 2021)!.byMeasure;
    assert.equal(alone.find((m) => m.measure === 'Trucks')!.count, 179983n);
    assert.equal(trucks(2019), 792441n);
    // Ysleta's profile carries the same change.
    const ysleta = await portProfile(store, '2401');
    assert.equal(ysleta.history.changes[0]?.from.code, '2402');
  });

  it('a ranking of ports by a crossing measure flags the change from its year on', async () => {
    const r21 = await topPorts(store, { measure: 'Trucks', border: 'mexico', year: 2021 });
    assert.ok(r21.rows.some((r) => r.key === '2402'));
    assert.ok(
      r21.notes.includes(
        'BTS split Ysleta (2401) out of El Paso (2402) from 2020-03: compare years across it with the two ports combined (frontera profile port 2402)',
      ),
      r21.notes.join('\n'),
    );
    const r19 = await topPorts(store, { measure: 'Trucks', border: 'mexico', year: 2019 });
    assert.ok(!r19.notes.some((n) => /Ysleta/.test(n)), r19.notes.join('\n'));
  });

  it('leaves a port without a code change alone', async () => {
    const p = await portProfile(store, 'Laredo');
    assert.deepEqual(p.history, { changes: [], combined: null });
    const cbx = await portProfile(store, '2582');
    assert.deepEqual(cbx.history.changes, []);
  });
});
