import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { createApp } from '../../src/api/create-app.ts';
import { CoverageError, LookupError } from '../../src/analytics/lookup-error.ts';
import { mexicanStateProfile } from '../../src/analytics/mexican-state-profile.ts';
import { resolveMexicanState } from '../../src/analytics/resolve-mexican-state.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { cliDatabase, dataFile } from '../helpers.ts';

const DOT1 = dataFile('bts/transborder/2015-01/dot1_0115.csv');
const DOT2 = dataFile('bts/transborder/2015-01/dot2_0115.csv');
const FILES = [
  DOT1,
  DOT2,
  'bts/transborder/codes/mexican_state_codes.json',
  'bts/transborder/codes/mode_codes.json',
  'bts/transborder/codes/state_codes.json',
  'bts/transborder/codes/schedule_d_port_codes.json',
  'reference/us-states/us-state-ansi-fips.csv',
  'reference/hs/harmonized-system.csv',
  'reference/es/iso-codes/iso_3166-2.json',
  'reference/es/iso-codes/iso_3166-2_es.po',
].map((f) => (f.startsWith('/') ? f : dataFile(f)));

/** Direct SQL over the raw BTS CSV files, as published: the figures the profile must match. */
async function raw(sql: string): Promise<Record<string, string>[]> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const r = await conn.runAndReadAll(
    sql
      .replace('DOT1', `read_csv('${DOT1}', all_varchar = true)`)
      .replace('DOT2', `read_csv('${DOT2}', all_varchar = true)`),
  );
  const rows = r
    .getRowObjectsJS()
    .map((o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)])));
  conn.closeSync();
  db.closeSync();
  return rows;
}

const EXPORTS_TO = (state: string) =>
  `TRDTYPE = '1' AND COUNTRY = '2010' AND MEXSTATE = '${state}'`;

describe('Mexican state profile (TransBorder MEXSTATE, January 2015)', () => {
  let cli: Awaited<ReturnType<typeof cliDatabase>>;
  let store: Store;
  before(async () => {
    cli = await cliDatabase(...FILES);
    store = await openStore(cli.db, { readOnly: true });
  });
  after(async () => {
    store.close();
    await cli.cleanup();
  });

  it('resolves states by BTS code, ISO code and English or Spanish name, accents aside', async () => {
    for (const asked of ['NL', 'MX-NLE', 'nuevo leon', 'Nuevo León'])
      assert.equal((await resolveMexicanState(store, asked)).code, 'NL', asked);
    assert.equal((await resolveMexicanState(store, 'Ciudad de México')).code, 'DF');
    assert.equal((await resolveMexicanState(store, 'CDMX')).code, 'DF');
    assert.equal((await resolveMexicanState(store, 'Coahuila')).code, 'CO');
    assert.equal((await resolveMexicanState(store, 'Baja California')).code, 'BC');
    await assert.rejects(resolveMexicanState(store, 'Ontario'), LookupError);
  });

  it("resolves INEGI's two-digit state codes, the ones Mexican users know", async () => {
    // 19 is Nuevo León, 09 Ciudad de México (BTS's DF), 02 Baja California, 32 Zacatecas.
    for (const [inegi, bts] of <[string, string][]>[
      ['19', 'NL'],
      ['09', 'DF'],
      ['02', 'BC'],
      ['05', 'CO'],
      ['32', 'ZA'],
    ])
      assert.equal((await resolveMexicanState(store, inegi)).code, bts, inegi);
    await assert.rejects(resolveMexicanState(store, '33'), LookupError);
    const app = createApp(store, { dataVersion: 'test' });
    const res = await app.request('http://127.0.0.1/api/profile/mexican-state/19');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { state: { code: string; nameEs: string } };
    assert.equal(body.state.code, 'NL');
    assert.equal(body.state.nameEs, 'Nuevo León');
  });

  it("matches direct SQL on dot1 and dot2 for Nuevo León's exports by mode, US state, port and HS2", async () => {
    const p = await mexicanStateProfile(store, 'Nuevo León');
    assert.equal(p.month, '2015-01');
    assert.equal(p.state.iso, 'MX-NLE');
    assert.equal(p.state.nameEs, 'Nuevo León');
    const [total] = await raw(`SELECT sum(VALUE::BIGINT) AS v FROM DOT1 WHERE ${EXPORTS_TO('NL')}`);
    assert.equal(p.exports, BigInt(total!.v!));
    assert.equal(p.exports, 1_497_088_986n);
    const split = async (table: string, col: string) =>
      new Map(
        (
          await raw(
            `SELECT ${col} AS k, sum(VALUE::BIGINT) AS v FROM ${table} WHERE ${EXPORTS_TO('NL')} GROUP BY 1`,
          )
        ).map((r) => [r.k, BigInt(r.v!)]),
      );
    for (const [key, table, col] of [
      ['byMode', 'DOT1', 'DISAGMOT'],
      ['byUsState', 'DOT1', 'USASTATE'],
      ['byPort', 'DOT1', 'DEPE'],
      ['byHs2', 'DOT2', 'COMMODITY2'],
    ] as const) {
      const want = await split(table, col);
      assert.deepEqual(new Map(p[key].map((s) => [s.key, s.total])), want, key);
      assert.ok(
        p[key].every((s) => s.imports === null),
        `${key}: no imports carry a state`,
      );
    }
    // The HS2 cut (dot2) states the same exports as dot1.
    assert.equal(
      p.byHs2.reduce((a, s) => a + s.total, 0n),
      p.exports,
    );
    assert.equal(p.byPort[0]?.label, 'Laredo');
    assert.equal(p.byUsState[0]?.label, 'Texas');
    assert.ok(p.notes.some((n) => /imports from Mexico carry no Mexican state/.test(n)));
    assert.ok(p.sources.some((s) => s.path.endsWith('dot1_0115.csv')));
    assert.ok(p.sources.some((s) => s.path.endsWith('dot2_0115.csv')));
  });

  it('ranks every state by US exports against direct SQL, the unknown codes unranked', async () => {
    const p = await mexicanStateProfile(store, 'CH');
    const want = await raw(
      `SELECT MEXSTATE AS k, sum(VALUE::BIGINT) AS v FROM DOT1
       WHERE TRDTYPE = '1' AND COUNTRY = '2010' GROUP BY 1 ORDER BY 2 DESC, 1`,
    );
    assert.deepEqual(
      p.states.map((s) => [s.state.code, s.exports]),
      want.map((r) => [r.k, BigInt(r.v!)]),
    );
    const ranked = want.filter((r) => r.k !== 'XX' && r.k !== 'OT');
    assert.equal(p.rank, ranked.findIndex((r) => r.k === 'CH') + 1);
    assert.equal(p.rank, 1);
    assert.equal(p.states.find((s) => s.state.code === 'XX')?.rank, null);
  });

  it('refuses a month that is not loaded, naming the loaded one', async () => {
    await assert.rejects(
      mexicanStateProfile(store, 'NL', { month: '2024-01' }),
      (e: Error) => e instanceof CoverageError && /2015-01/.test(e.message),
    );
  });

  it('is served at /api/profile/mexican-state/{state} and by frontera profile mexican-state', async () => {
    const app = createApp(store, { dataVersion: 'test' });
    const ok = await app.request('http://127.0.0.1/api/profile/mexican-state/Jalisco');
    assert.equal(ok.status, 200);
    const body = (await ok.json()) as { kind: string; exports: string; state: { code: string } };
    assert.equal(body.kind, 'mexican-state-profile');
    assert.equal(body.state.code, 'JA');
    const [ja] = await raw(`SELECT sum(VALUE::BIGINT) AS v FROM DOT1 WHERE ${EXPORTS_TO('JA')}`);
    assert.equal(body.exports, ja!.v);
    const names = (await (await app.request('http://127.0.0.1/api/names/us-states')).json()) as {
      names: Record<string, string>;
    };
    assert.equal(names.names.SC, 'Carolina del Sur');
    assert.equal(names.names.NM, 'Nuevo México');
    const doc = (await (await app.request('http://127.0.0.1/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    for (const p of [
      '/api/profile/mexican-state/{state}',
      '/api/names/us-states',
      '/api/names/products',
    ])
      assert.ok(doc.paths[p], `${p} is documented in /openapi.json`);
    const missing = await app.request('http://127.0.0.1/api/profile/mexican-state/Atlantis');
    assert.equal(missing.status, 404);

    const r = await cli.run('profile', 'mexican-state', 'Tamaulipas');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Tamaulipas \(TM, MX-TAM\) — US exports to the state, 2015-01/);
    assert.match(r.out, /\$1,138,816,364/);
    const bad = await cli.run('profile', 'mexican-state', 'Quebec');
    assert.equal(bad.code, 1);
    assert.match(bad.err, /unknown Mexican state "Quebec"/);
  });
});
