import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeFile } from 'node:fs/promises';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createApp } from '../../src/api/create-app.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { exampleScenarioText } from '../../src/tariffs/scenario-file.ts';
import { EXAMPLE_SCENARIO } from '../../src/tariffs/scenario-spec.ts';
import { ingest, scratch, runCli } from '../helpers.ts';
import { TARIFF_FILES } from './tariff-fixture.ts';

describe('tariff endpoints and commands', () => {
  let store: Store;
  let app: OpenAPIHono;
  let cleanup: () => Promise<void>;
  let dir: string;
  let db: string;
  before(async () => {
    const s = await scratch();
    cleanup = s.cleanup;
    dir = s.dir;
    db = join(s.dir, 'tariff.duckdb');
    const writer = await openStore(db);
    await ingest(writer, ...TARIFF_FILES);
    writer.close();
    // Served read-only, as `frontera serve` does: the line frame is a temporary table.
    store = await openStore(db, { readOnly: true });
    app = createApp(store, { dataVersion: 'test' });
  });
  after(async () => {
    store.close();
    await cleanup();
  });

  it('serves the baseline as JSON with dollars as strings, and as CSV', async () => {
    const res = await app.request('/api/tariff/baseline?year=2024');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { kind: string; partners: { officialUsd: string }[] };
    assert.equal(body.kind, 'tariff-baseline');
    assert.ok(body.partners.some((p) => p.officialUsd === '1250534423'));
    const csv = await app.request('/api/tariff/baseline?format=csv');
    assert.match(await csv.text(), /^year,partner_code,partner,imports_usd/);
  });

  it('explains a line with its legal references, read-only, and refuses a bad one', async () => {
    const res = await app.request('/api/tariff/line/8517620090?partner=china&date=2024-07-01');
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      kind: string;
      components: { component: string; reference: string }[];
    };
    assert.equal(body.kind, 'tariff-line');
    assert.ok(
      body.components.some((c) => c.reference === '9903.88.15, U.S. note 20(s)(ii) item 2'),
    );
    assert.equal((await app.request('/api/tariff/line/85176200?partner=china')).status, 400);
    assert.equal((await app.request('/api/tariff/line/8517620090?partner=atlantis')).status, 404);
    assert.equal(
      (await app.request('/api/tariff/line/8517620090?partner=china&date=2023-07-01')).status,
      404,
    );
    const cli = await runCli(db, 'tariff', 'line', '8517620090', '--partner', 'china');
    assert.equal(cli.code, 0, cli.err);
    assert.match(cli.out, /9903\.88\.15, U\.S\. note 20\(s\)\(ii\) item 2/);
    const csv = await runCli(db, 'tariff', 'lines', '--partner', 'china', '--csv');
    assert.match(csv.out.split('\n')[0] ?? '', /^hs_code,value_usd,.*,s301_reference_jul1,/);
    assert.notEqual((await runCli(db, 'tariff', 'lines', '--partner', 'china')).code, 0);
  });

  it('runs a posted scenario', async () => {
    const res = await app.request('/api/tariff/scenario', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(EXAMPLE_SCENARIO),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { kind: string; layers: unknown[]; places: unknown };
    assert.equal(body.kind, 'tariff-scenario');
    assert.equal(body.layers.length, 4);
    assert.equal(body.places, null, 'no TransBorder loaded: no place estimate');
  });

  it('runs a scenario posted as a YAML file, and names the line of a bad field', async () => {
    const yaml = exampleScenarioText('yaml');
    const post = (body: string, query = '') =>
      app.request(`/api/tariff/scenario${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/yaml' },
        body,
      });
    const asJson = await app.request('/api/tariff/scenario?format=csv', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(EXAMPLE_SCENARIO),
    });
    const res = await post(yaml, '?format=csv');
    assert.equal(res.status, 200);
    assert.equal(await res.text(), await asJson.text());
    const bad = await post(yaml.replace('ratePct: 25', 'ratePct: lots'));
    assert.equal(bad.status, 400);
    const { error } = (await bad.json()) as { error: { message: string } };
    assert.match(error.message, /body:\d+:\d+: layers\.0\.ratePct/);
    assert.equal((await post(yaml, '?format=xml')).status, 400);
  });

  it('refuses bad scenarios and unknown partners with 4xx, never 500', async () => {
    const post = (body: string) =>
      app.request('/api/tariff/scenario', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    assert.equal((await post('{"layers": [{"ratePct": "a lot"}]}')).status, 400);
    assert.equal((await post('not json')).status, 400);
    assert.equal(
      (await post(JSON.stringify({ layers: [{ partners: ['atlantis'], ratePct: 5 }] }))).status,
      404,
    );
    assert.equal(
      (await post(JSON.stringify({ layers: [{ ratePct: 5, exempt: ['ieepa_exempt'] }] }))).status,
      400,
    );
    assert.equal(
      (await post(`{"layers": [${'{"ratePct": 1},'.repeat(5000)}{"ratePct": 1}]}`)).status,
      413,
    );
    assert.equal((await app.request('/api/tariff/baseline?year=1999')).status, 404);
  });

  it('serves composition by partner', async () => {
    const res = await app.request('/api/composition/mexico');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { kind: string; totalUsd: string };
    assert.equal(body.kind, 'trade-composition');
    assert.ok(BigInt(body.totalUsd) > 0n);
  });

  it('documents the endpoints in /openapi.json', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: object };
    for (const p of ['/api/tariff/baseline', '/api/tariff/scenario', '/api/composition/{partner}'])
      assert.ok(p in doc.paths, p);
  });

  const cli = (...argv: string[]) => runCli(db, ...argv);

  it('prints the baseline per partner and in total, with the chapters', async () => {
    const r = await cli('tariff', 'baseline', '--year', '2024');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Mexico .*\$1,250,534,423/);
    assert.match(r.out, /All partners loaded/);
    assert.match(r.out, /China: HS chapters with the largest differences/);
    const json = await cli('tariff', 'baseline', '--json');
    const body = JSON.parse(json.out) as { total: { officialUsd: string } };
    assert.equal(body.total.officialUsd, '55668797639');
  });

  it('runs a scenario file and says what is wrong with a bad one', async () => {
    const example = await cli('tariff', 'scenario', '--example');
    const file = join(dir, 'scenario.json');
    await writeFile(file, example.out);
    const r = await cli('tariff', 'scenario', file, '--csv');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^scenario,year,grouping,partner_code/);
    await writeFile(file, '{"layers": [{"ratePct": -5}]}');
    const bad = await cli('tariff', 'scenario', file);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /layers\.0/);
  });
});
