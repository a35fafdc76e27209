import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { openStore } from '../../src/store/open-store.ts';
import { query, scratch } from '../helpers.ts';

describe('opening a database made before trade_product had geo_level and geo', () => {
  it('adds the new columns, keeping the rows (their grain empty) and the view working', async () => {
    const { dir, cleanup } = await scratch();
    try {
      const path = join(dir, 'old.duckdb');
      const db = await DuckDBInstance.create(path);
      const c = await db.connect();
      await c.run(`CREATE TABLE trade_product_all (source_file_id INTEGER NOT NULL, flow VARCHAR,
        partner_code VARCHAR, partner_name VARCHAR, hs_code VARCHAR, hs_level SMALLINT,
        period_start DATE, period_end DATE, value_usd BIGINT, duty_usd BIGINT,
        current BOOLEAN NOT NULL DEFAULT true)`);
      await c.run(`INSERT INTO trade_product_all VALUES
        (1, 'export', '2010', 'Mexico', '87', 2, DATE '2024-01-01', DATE '2024-01-01', 5, NULL, true)`);
      c.closeSync();
      db.closeSync();
      const store = await openStore(path);
      try {
        assert.deepEqual(await query(store, `SELECT hs_code, geo_level, geo FROM trade_product`), [
          { hs_code: '87', geo_level: null, geo: null },
        ]);
      } finally {
        store.close();
      }
    } finally {
      await cleanup();
    }
  });
});
