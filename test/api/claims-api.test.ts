/**
 * The claim checker over HTTP: GET /api/check for one statement, POST /api/check/text for an
 * article; the same ClaimCheck the CLI prints, with exact dollars as strings.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Server } from '../../src/api/serve.ts';
import { startApi } from './api-fixture.ts';

type Check = {
  kind: string;
  verdict: string;
  asOf: string;
  language: string;
  claim: { kind: string; parts: { kind: string; flow: string; qualifier: string }[] };
  computed: { value: string | number; display: string; label: string }[];
  tolerance: string[];
  sources: { source: string; vintage: string }[];
  explanation: string;
  wouldDecide: string | null;
  integers: string;
};

describe('claim checker API', { timeout: 120_000 }, () => {
  let server: Server;
  let stop: () => Promise<void>;

  const check = async (statement: string, asOf = '2023-06-01', lang?: string) => {
    const r = await fetch(
      `${server.url}/api/check?${new URLSearchParams({ statement, asOf, ...(lang ? { lang } : {}) }).toString()}`,
    );
    assert.equal(r.status, 200, statement);
    return (await r.json()) as Check;
  };

  before(async () => {
    ({ server, stop } = await startApi());
  });
  after(() => stop());

  it('finds a true statement accurate, with the exact computed figure and its sources', async () => {
    const c = await check('In 2022 the US exported $324.4 billion of goods to Mexico.');
    assert.equal(c.kind, 'claim-check');
    assert.equal(c.verdict, 'accurate');
    assert.equal(c.language, 'en');
    assert.equal(c.asOf, '2023-06-01');
    assert.equal(c.claim.parts[0]?.kind, 'value');
    assert.equal(c.claim.parts[0]?.flow, 'exports');
    assert.ok(
      c.computed.some((f) => f.value === '324377863297'),
      JSON.stringify(c.computed),
    );
    assert.ok(c.tolerance.length > 0);
    assert.ok(c.sources.some((s) => s.source === 'census-country-xlsx'));
    assert.ok(c.explanation.length > 0);
    assert.equal(c.wouldDecide, null);
    assert.match(c.integers, /strings/);
  });

  it('explains a Spanish statement in Spanish, and either language on request', async () => {
    const es =
      'Las exportaciones de Estados Unidos a México sumaron 324 mil millones de dólares en 2022.';
    const c = await check(es);
    assert.equal(c.verdict, 'accurate');
    assert.match(c.explanation, /La afirmación dice «324 mil millones de dólares»/);
    assert.match(c.explanation, /Exacta según la regla/);
    assert.match(c.tolerance[0] ?? '', /^un valor dicho sin matiz: exacta cuando/);
    // The figure the dashboard shows is labelled in the statement's language too.
    assert.equal(c.computed[0]?.label, 'exportaciones de EE. UU. a Mexico, 2022');
    assert.match(c.computed[0]?.display ?? '', /324\.4 mil millones de dólares/);
    const en = await check(es, '2023-06-01', 'en');
    assert.match(en.explanation, /Accurate under the rule/);
    assert.equal(en.computed[0]?.label, 'US exports to Mexico, 2022');
    const out = await check('Las remesas a México sumaron 58 mil millones de dólares en 2022.');
    assert.equal(out.verdict, 'not_verifiable');
    assert.match(out.explanation, /^No verificable: la afirmación trata de remesas/);
    assert.match(out.wouldDecide ?? '', /Banxico/);
    const forced = await check(
      'Remittances to Mexico reached $58 billion in 2022.',
      '2023-06-01',
      'es',
    );
    assert.match(forced.explanation, /^No verificable/);
    assert.equal((await fetch(`${server.url}/api/check?statement=x&lang=fr`)).status, 400);
  });

  it('finds a false statement inaccurate', async () => {
    const c = await check('US exports to Mexico were $276 billion in 2022.');
    assert.equal(c.verdict, 'inaccurate');
    assert.ok(c.computed.length > 0);
  });

  it('says what would decide a statement the data cannot', async () => {
    const c = await check('US exports to Freedonia reached $2 billion in 2022.');
    assert.equal(c.verdict, 'not_verifiable');
    assert.ok(c.wouldDecide && c.wouldDecide.length > 0, JSON.stringify(c));
  });

  it('checks Spanish statements', async () => {
    const c = await check(
      'En 2022 las exportaciones a México sumaron 324.4 mil millones de dólares.',
    );
    assert.equal(c.language, 'es');
    assert.equal(c.verdict, 'accurate');
  });

  it('refuses bad parameters with a 400 naming them', async () => {
    for (const [q, parameter] of [
      ['statement=', 'statement'],
      [`statement=${'x'.repeat(1001)}`, 'statement'],
      ['asOf=2023-01-01', 'statement'],
      ['statement=Mexico&asOf=2023-13-45', 'asOf'],
      ['statement=Mexico&asOf=yesterday', 'asOf'],
      ['statement=Mexico&asOf=2023-02-29', 'asOf'],
      ['statement=Mexico&asOf=2024-04-31', 'asOf'],
    ] as const) {
      const r = await fetch(`${server.url}/api/check?${q}`);
      assert.equal(r.status, 400, q);
      const body = (await r.json()) as { error: { parameter: string; message: string } };
      assert.equal(body.error.parameter, parameter, q);
      assert.match(body.error.message, new RegExp(parameter));
    }
  });

  it('checks every statement of a text in one POST', async () => {
    const post = (body: string) =>
      fetch(`${server.url}/api/check/text`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const r = await post(
      JSON.stringify({
        text: 'In 2022 the US exported $324.4 billion of goods to Mexico.\n\n- US exports to Mexico were $276 billion in 2022.',
        asOf: '2023-06-01',
      }),
    );
    assert.equal(r.status, 200);
    const report = (await r.json()) as {
      kind: string;
      checks: Check[];
      summary: Record<string, number>;
    };
    assert.equal(report.kind, 'text-check');
    assert.deepEqual(
      report.checks.map((c) => c.verdict),
      ['accurate', 'inaccurate'],
    );
    assert.equal(report.summary.accurate, 1);
    assert.equal((await post('{not json')).status, 400);
    assert.equal((await post(JSON.stringify({ text: 'x'.repeat(20_001) }))).status, 400);
  });

  it('documents the endpoints in /openapi.json', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, { get?: { parameters: { name: string }[] }; post?: object }>;
    };
    assert.deepEqual(doc.paths['/api/check']?.get?.parameters.map((p) => p.name).sort(), [
      'asOf',
      'lang',
      'statement',
    ]);
    assert.ok(doc.paths['/api/check/text']?.post);
  });
});
