import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/api/create-app.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { cliDatabase, dataFile } from '../helpers.ts';

const FILES = [
  'reference/hs/harmonized-system.csv',
  'reference/es/eu-cn-2026/messages_es.yaml',
  'bts/transborder/codes/schedule_d_port_codes.json',
  'bts/transborder/codes/port_coordinates.json',
  'reference/us-states/us-state-ansi-fips.csv',
].map(dataFile);

interface Body {
  kind?: string;
  error?: { message: string; candidates?: { code: string }[] };
  notes?: string[];
  product?: { code: string; descriptionEs: string | null };
  port?: { code: string; alias?: { city: string; source: string } };
}

describe('search in Spanish: EU CN product names and Mexican border cities (CLI and API)', () => {
  let cli: Awaited<ReturnType<typeof cliDatabase>>;
  let store: Store;
  let get: (path: string) => Promise<{ status: number; body: Body }>;
  let app: () => ReturnType<typeof createApp>;
  before(async () => {
    cli = await cliDatabase(...FILES);
    store = await openStore(cli.db, { readOnly: true });
    const server = createApp(store, { dataVersion: 'test' });
    app = () => server;
    get = async (path) => {
      const r = await server.request(`http://127.0.0.1${path}`);
      return { status: r.status, body: (await r.json()) as Body };
    };
  });
  after(async () => {
    store.close();
    await cli.cleanup();
  });

  it('loads the EU CN Spanish names with their source file', async () => {
    const r = await cli.run('status', '--json');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /eu-cn-names/);
    assert.match(r.out, /messages_es\.yaml/);
    const n = await cli.run(
      'sql',
      '--csv',
      "SELECT level, count(*) AS n FROM hs_product_name WHERE lang = 'es' GROUP BY 1 ORDER BY 1",
    );
    assert.equal(n.out.trim().split('\n').slice(1).join(';'), '2,97;4,1228;6,5612');
  });

  it('refuses a broken translation file by name, keeping the names already loaded', async () => {
    const bad = join(cli.dir, 'messages_es.yaml');
    // A real line of the file, then one cut in the middle of its quoted text.
    await writeFile(bad, "'LIVE ANIMALS': 'ANIMALES VIVOS'\n'MEAT AND EDIBLE': 'CARNE Y\n");
    const r = await cli.run('ingest', bad);
    assert.equal(r.code, 1);
    assert.match(r.err, /messages_es\.yaml/);
    const n = await cli.run('sql', '--csv', 'SELECT count(*) AS n FROM hs_product_name');
    assert.equal(n.out.trim().split('\n')[1], String(97 + 1228 + 5612));
  });

  it('finds products by Spanish words: aguacates → 0804.40, petróleo crudo → 2709', async () => {
    const a = await get('/api/profile/product/aguacates');
    assert.equal(a.status, 200);
    assert.equal(a.body.product?.code, '080440');
    assert.equal(a.body.product?.descriptionEs, 'Aguacates (paltas)');
    assert.ok(a.body.notes?.some((n) => /EU's Combined Nomenclature/.test(n)));
    const p = await get(`/api/profile/product/${encodeURIComponent('petróleo crudo')}`);
    assert.equal(p.body.product?.code, '2709');
    // 2710 says "excepto los aceites crudos": it is not crude oil.
    const c = await cli.run('profile', 'product', 'petroleo crudo');
    assert.equal(c.code, 0, c.err);
    assert.match(c.out, /2709/);
    assert.doesNotMatch(c.out, /\b2710\b/);
  });

  it('names HS codes in Spanish for pages, a US line by its HS6 (GET /api/names/products)', async () => {
    const r = (await (
      await app().request('http://127.0.0.1/api/names/products?codes=0804400000,2709,99')
    ).json()) as { names: Record<string, { code: string; name: string }>; sources: unknown[] };
    assert.deepEqual(r.names['0804400000'], { code: '080440', name: 'Aguacates (paltas)' });
    assert.equal(r.names['2709']?.name, 'Aceites crudos de petróleo o de mineral bituminoso');
    assert.equal(r.names['99'], undefined, 'chapter 99 is not in the EU nomenclature');
    assert.equal(r.sources.length, 1);
    const bad = await app().request('http://127.0.0.1/api/names/products?codes=87x');
    assert.equal(bad.status, 400);
  });

  it('finds ports by the Mexican city across the border, naming the alias source', async () => {
    for (const [city, code] of [
      ['Nuevo Laredo', '2304'],
      ['Reynosa', '2305'],
      ['Matamoros', '2301'],
      ['Nogales Sonora', '2604'],
      ['Piedras Negras', '2303'],
    ] as const) {
      const r = await get(`/api/profile/port/${encodeURIComponent(city)}`);
      assert.equal(r.status, 200, city);
      assert.equal(r.body.port?.code, code, city);
      assert.match(r.body.port?.alias?.source ?? '', /CBP and BTS/);
      assert.ok(r.body.notes?.some((n) => n.includes(`asked as "${city}"`)));
    }
    // A city across from several ports is a choice between them, never a guess.
    const t = await get('/api/profile/port/Tijuana');
    assert.equal(t.status, 404);
    assert.match(t.body.error?.message ?? '', /Tijuana is across the border from each/);
    // (Cross Border Xpress, 2582, is named only by the BTS crossing data, not loaded here.)
    assert.deepEqual(t.body.error?.candidates?.map((x) => x.code).sort(), ['2504', '2506']);
    const j = await cli.run('profile', 'port', 'Ciudad Juárez');
    assert.equal(j.code, 1);
    assert.match(j.err, /El Paso, TX \(2402\)/);
    assert.match(j.err, /Ysleta, TX \(2401\)/);
    assert.match(j.err, /sister-city table/);
    const m = await cli.run('profile', 'port', 'mexicali');
    assert.match(m.err, /Calexico, CA \(2503\).*Calexico-East, CA \(2507\)/);
  });
});
