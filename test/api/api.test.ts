import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Server } from '../../src/api/serve.ts';
import { startApi } from './api-fixture.ts';

describe('HTTP API', () => {
  let server: Server;
  let stop: () => Promise<void>;
  const logs: string[] = [];
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(server.url + path, { headers });
  const json = async (path: string) => {
    const r = await get(path);
    return {
      status: r.status,
      body: (await r.json()) as Record<string, unknown> & { error?: Record<string, unknown> },
    };
  };

  before(async () => {
    ({ server, stop } = await startApi((l) => logs.push(l)));
  });
  after(() => stop());

  it('listens on loopback by default', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves a partner profile with exact dollars, its sources and vintages', async () => {
    const { status, body } = await json('/api/profile/partner/m%C3%A9xico?year=2022');
    assert.equal(status, 200);
    assert.equal((body.totals as Record<string, string>).exports, '324377863297');
    const sources = body.sources as { source: string; vintage: string }[];
    assert.ok(sources.some((s) => s.source === 'census-country-xlsx' && s.vintage === '2023-03'));
    assert.match(String(body.integers), /strings/);
  });

  it('documents every endpoint in an OpenAPI 3.1 document generated from the validating schemas', async () => {
    const { body } = await json('/openapi.json');
    assert.equal(body.openapi, '3.1.0');
    const paths = body.paths as Record<
      string,
      { get: { parameters?: { name: string; schema: { enum?: string[] } }[] } }
    >;
    for (const p of [
      '/api/status',
      '/api/profile/partner/{partner}',
      '/api/profile/state/{state}',
      '/api/profile/port/{port}',
      '/api/profile/product/{product}',
      '/api/top/partners',
      '/api/top/states',
      '/api/top/ports',
      '/api/top/products',
      '/api/compare',
      '/api/compare/group',
      '/api/series/{partner}',
      '/api/revisions/{partner}',
      '/api/map/ports',
    ]) {
      assert.ok(paths[p], `missing ${p}`);
    }
    const metric = paths['/api/top/partners']!.get.parameters!.find((x) => x.name === 'metric');
    assert.deepEqual(metric?.schema.enum, ['exports', 'imports', 'two-way', 'balance']);
  });

  it('answers a bad parameter with a 400 naming it and the accepted values', async () => {
    const r = await json('/api/top/partners?metric=profit');
    assert.equal(r.status, 400);
    assert.equal(r.body.error?.parameter, 'metric');
    assert.deepEqual(r.body.error?.accepted, ['exports', 'imports', 'two-way', 'balance']);
    const big = await json('/api/top/partners?limit=100000000000000000000');
    assert.equal(big.status, 400);
    assert.equal(big.body.error?.parameter, 'limit');
    const long = await json(`/api/profile/partner/${'x'.repeat(500)}`);
    assert.equal(long.status, 400);
  });

  it('answers an unknown name with a 404 listing close candidates, and an uncovered year with what is covered', async () => {
    const r = await json('/api/profile/partner/Mexco');
    assert.equal(r.status, 404);
    assert.equal((r.body.error?.candidates as { code: string }[])[0]?.code, '2010');
    const y = await json('/api/profile/partner/mexico?year=2099');
    assert.equal(y.status, 404);
    assert.match(String(y.body.error?.message), /covers 1985–2023/);
  });

  it('never turns hostile input into a 500', async () => {
    for (const path of [
      "/api/profile/partner/'%3B%20DROP%20TABLE%20source_file%3B--",
      '/api/profile/port/..%2F..%2Fetc%2Fpasswd',
      '/../../etc/passwd',
      '/api/profile/product/%00',
      '/api/series/mexico?vintage=%27or%271',
      '/api/compare?partners=,,,,',
      '/api/top/ports?measure=%F0%9F%9A%9A&year=2024',
      '/api/profile/state/%E2%80%AE',
    ]) {
      const r = await get(path);
      assert.ok(r.status < 500, `${path} → ${r.status}`);
    }
  });

  it('downloads the main table as CSV and as Parquet with exact dollars', async () => {
    const csv = await get('/api/top/partners?metric=exports&year=2022&limit=3&format=csv');
    assert.match(csv.headers.get('content-disposition') ?? '', /partner-ranking\.csv/);
    assert.match((await csv.text()).split('\n')[1]!, /^1,1220,Canada,356112629910,/);
    const pq = await get('/api/top/partners?metric=exports&year=2022&limit=3&format=parquet');
    const file = join(tmpdir(), `frontera-test-${process.pid}.parquet`);
    await writeFile(file, new Uint8Array(await pq.arrayBuffer()));
    const c = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = (
      await c.runAndReadAll(`SELECT partner_code, exports_usd FROM '${file}' ORDER BY rank`)
    ).getRowsJS();
    assert.deepEqual(rows[0], ['1220', 356112629910n]);
  });

  it('validates cached answers with ETags and compresses them', async () => {
    const first = await get('/api/profile/partner/canada', { 'accept-encoding': 'gzip' });
    const etag = first.headers.get('etag');
    assert.ok(etag);
    assert.match(first.headers.get('cache-control') ?? '', /max-age/);
    assert.equal(first.headers.get('content-encoding'), 'gzip');
    await first.arrayBuffer();
    const again = await get('/api/profile/partner/canada', { 'if-none-match': etag });
    assert.equal(again.status, 304);
  });

  it('lists every partner once, in code order (not in the order a join happened to finish)', async () => {
    const { status, body } = await json('/api/partners');
    assert.equal(status, 200);
    const codes = (body.partners as { code: string }[]).map((p) => p.code);
    assert.ok(codes.length > 200, `${codes.length} partners`);
    assert.deepEqual(codes, [...new Set(codes)].sort());
    const mexico = (body.partners as { code: string; nameEs: string | null }[]).find(
      (p) => p.code === '2010',
    );
    assert.equal(mexico?.nameEs, 'México');
  });

  it('writes one log line per request', () => {
    assert.ok(logs.some((l) => /^GET \/api\/profile\/partner\/[^ ]+ 200 [\d.]+ms$/.test(l)));
  });
});
