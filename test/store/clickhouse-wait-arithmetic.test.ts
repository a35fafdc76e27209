import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fingerprint } from '../../src/analytics/clickhouse-dialect.ts';
import type { Exec } from '../../src/analytics/clickhouse-sql.ts';
import {
  quantileCont,
  WAIT_TARIFF_TRANSLATIONS,
} from '../../src/analytics/clickhouse-wait-tariff-queries.ts';
import { runQuery } from '../../src/analytics/compiled-query.ts';
import { instantQuery } from '../../src/analytics/wait-period.ts';
import { EngineRefusal } from '../../src/store/engine-refusal.ts';
import { openStore } from '../../src/store/open-store.ts';

/**
 * What the ClickHouse wait translations compute outside SQL, against DuckDB itself: the
 * parity test's one CBP pull has one reading per lane and hour, so it cannot show that the
 * interpolated percentiles, the hourly means or the local-time instants match. Here DuckDB
 * computes each on many inputs and the translation must give the same double, bit for bit.
 */
describe('ClickHouse wait translations: the arithmetic done outside SQL is DuckDB’s', () => {
  it('interpolates percentiles and divides means exactly as quantile_cont and avg do', async () => {
    const store = await openStore(':memory:');
    try {
      // Deterministic "random" sets of hourly means (sums of whole minutes over counts).
      let seed = 7;
      const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const sets = Array.from({ length: 120 }, (_, i) =>
        Array.from({ length: 1 + (i % 23) }, () => {
          const n = 1 + Math.floor(next() * 5);
          const total = Math.floor(next() * 400 * n);
          return { total, n };
        }),
      );
      const rows = sets.flatMap((s, g) => s.map((v) => `(${g}, ${v.total}::INTEGER, ${v.n})`));
      const r = await store.conn.runAndReadAll(
        `WITH v(g, total, n) AS (VALUES ${rows.join(', ')}),
              m AS (SELECT g, (SELECT avg(x) FROM (SELECT unnest(list_concat(
                       [total // n + total % n], list_transform(range(n - 1), i -> total // n)))
                       ::INTEGER AS x)) AS minutes, total, n FROM v)
         SELECT g, list(minutes ORDER BY minutes) AS mins, list(total) AS totals, list(n) AS ns,
                quantile_cont(minutes, 0.5) AS median, quantile_cont(minutes, 0.8) AS p80
         FROM m GROUP BY g ORDER BY g`,
      );
      const got = r.getRowObjectsJS();
      assert.equal(got.length, sets.length);
      for (const row of got) {
        const totals = row.totals as number[];
        const ns = (row.ns as number[]).map(Number);
        // DuckDB's avg of the readings of an hour = their exact sum over their count.
        const means = totals.map((t, i) => Number(t) / ns[i]!).sort((a, b) => a - b);
        assert.deepEqual(means, row.mins, `group ${String(row.g)}`);
        assert.equal(quantileCont(means, 0.5), row.median, `median of group ${String(row.g)}`);
        assert.equal(quantileCont(means, 0.8), row.p80, `p80 of group ${String(row.g)}`);
      }
    } finally {
      store.close();
    }
  });

  it('turns local times into the instants DuckDB gives, and refuses near a clock change', async () => {
    const store = await openStore(':memory:');
    const t = WAIT_TARIFF_TRANSLATIONS['wait-instant']!;
    const noServer = Object.assign(() => Promise.reject(new Error('no server')), {
      table: (n: string) => n,
    }) as Exec;
    try {
      const cases: [string, string, boolean][] = [];
      for (const zone of [
        'America/Los_Angeles',
        'America/Phoenix',
        'America/New_York',
        'America/Detroit',
      ])
        for (const day of [
          '2022-06-29',
          '2025-01-01',
          '2025-03-08',
          '2025-03-10',
          '2025-11-01',
          '2025-11-03',
          '2025-12-31',
          '2024-02-29',
        ])
          for (const time of ['00:00:00', '07:00', '13:45', '23:30'])
            cases.push([zone, `${day} ${time}`, time === '00:00:00']);
      cases.push(['America/Chicago', '2025-02-30 00:00:00', false]);
      assert.ok(
        t.written.includes(fingerprint(instantQuery('UTC', '2025-01-01 00:00', false).sql)),
      );
      for (const [zone, local, end] of cases) {
        const q = instantQuery(zone, local, end);
        const [duck] = await runQuery(store, q);
        const [ch] = await t.run(q, noServer);
        assert.deepEqual(ch, duck, `${local} in ${zone}${end ? ' (end of day)' : ''}`);
      }
      // 2:30 on 9 March 2025 never happened in Chicago; 1:30 on 2 November happened twice.
      for (const local of ['2025-03-09 02:30', '2025-11-02 01:30'])
        await assert.rejects(
          t.run(instantQuery('America/Chicago', local, false), noServer),
          EngineRefusal,
        );
    } finally {
      store.close();
    }
  });
});
