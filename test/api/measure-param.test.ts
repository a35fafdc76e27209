import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createApp } from '../../src/api/create-app.ts';
import type { Store } from '../../src/store/open-store.ts';
import { fixtureStore } from '../fixture-database.ts';
import { dataFile, REFERENCE_FILES } from '../helpers.ts';

// The API takes a crossing measure as the CLI does (resolve-measure.ts): English or Spanish,
// any case, accents optional; an unknown one is a 400 listing the twelve BTS publishes.
describe('API crossing measure parameter', () => {
  let store: Store;
  let app: OpenAPIHono;
  before(async () => {
    store = await fixtureStore([
      dataFile('bts/border-crossing/Border_Crossing_Entry_Data_2024_sample.csv'),
      ...REFERENCE_FILES,
    ]);
    app = createApp(store, { dataVersion: 'test' });
  });
  after(() => store.close());

  const get = async (path: string) => {
    const r = await app.request(path);
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  const rows = (b: Record<string, unknown>) =>
    JSON.stringify((b as { rows?: unknown; ports?: unknown }).rows ?? b.ports);

  it('ranks ports by a measure named in any case, in English or Spanish', async () => {
    const exact = await get('/api/top/ports?measure=Personal%20Vehicles&year=2024&border=mexico');
    assert.equal(exact.status, 200);
    for (const asked of [
      'personal%20vehicles',
      'VEH%C3%8DCULOS%20PARTICULARES',
      'vehiculos%20particulares',
    ]) {
      const r = await get(`/api/top/ports?measure=${asked}&year=2024&border=mexico`);
      assert.equal(r.status, 200, asked);
      assert.equal(rows(r.body), rows(exact.body), asked);
    }
  });

  it('sizes the port map by a Spanish measure', async () => {
    const exact = await get('/api/map/ports?measure=Trucks&year=2024');
    const es = await get('/api/map/ports?measure=camiones&year=2024');
    assert.equal(es.status, 200);
    assert.equal(es.body.measure, 'Trucks');
    assert.equal(JSON.stringify(es.body), JSON.stringify(exact.body));
  });

  it('refuses an unknown measure with a 400 listing the valid ones', async () => {
    for (const path of [
      '/api/top/ports?measure=camels&year=2024',
      '/api/map/ports?measure=camels',
    ]) {
      const r = await get(path);
      assert.equal(r.status, 400, path);
      const error = r.body.error as { message: string; parameter: string; accepted: string[] };
      assert.equal(error.parameter, 'measure');
      assert.match(error.message, /camels/);
      assert.match(error.message, /Trucks \(Camiones\)/);
      assert.equal(error.accepted.length, 12);
    }
  });
});
