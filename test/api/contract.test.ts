/**
 * The API's contract on real answers: every route of the app is asked real questions over a
 * database of bundle files (several per route where the answer's shape varies — a partner with
 * and without a land border, a port on each border, products at each level, refusals), and each
 * JSON body must parse under the very zod schema /openapi.json publishes for that route and
 * status. The schemas are strict, so a field a handler adds without declaring it, or a required
 * field it stops sending, fails here. /openapi.json itself must describe every JSON response by
 * its shape (named properties, no others allowed), never a placeholder.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OpenAPIHono, z } from '@hono/zod-openapi';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { createApp } from '../../src/api/create-app.ts';
import { errorSchema } from '../../src/api/response-common.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { exampleScenarioText } from '../../src/tariffs/scenario-file.ts';
import { EXAMPLE_SCENARIO } from '../../src/tariffs/scenario-spec.ts';
import { fixtureDatabase } from '../fixture-database.ts';
import { forecastDatabase } from '../forecast/forecast-fixture.ts';
import { DASHBOARD_FILES, SPANISH_FILES } from '../web/dashboard-files.ts';
import { API_FILES } from './api-fixture.ts';

/**
 * The databases other suites build (test/fixture-database.ts shares them): the dashboard's
 * (test/web/layout.test.ts, in its order), the Spanish pages' (Mexican states, Spanish names),
 * the API suites' (two Census releases, for revisions) and the forecast's (months of CBP pulls).
 */
const DATABASES = {
  web: () => fixtureDatabase(DASHBOARD_FILES),
  es: () => fixtureDatabase(DASHBOARD_FILES, { after: SPANISH_FILES }),
  api: () => fixtureDatabase(API_FILES),
  forecast: () => forecastDatabase(),
};

interface Case {
  /** The route as /openapi.json names it. */
  route: string;
  method?: 'get' | 'post';
  url: string;
  status: number;
  body?: string;
  type?: string;
  /** The database asked (default: the dashboard's). */
  db?: keyof typeof DATABASES;
}

const q = encodeURIComponent;
const json = 'application/json';
const CASES: Case[] = [
  { route: '/api/status', url: '/api/status', status: 200 },
  { route: '/api/partners', url: '/api/partners', status: 200 },
  // A partner with land borders (border panels), one without, an aggregate; refusals.
  ...['mexico', 'canada', 'china', 'european%20union'].map((p) => ({
    route: '/api/profile/partner/{partner}',
    url: `/api/profile/partner/${p}`,
    status: 200,
  })),
  { route: '/api/profile/partner/{partner}', url: '/api/profile/partner/atlantis', status: 404 },
  {
    route: '/api/profile/partner/{partner}',
    url: '/api/profile/partner/mexico?year=1900',
    status: 400,
  },
  {
    route: '/api/profile/partner/{partner}',
    url: '/api/profile/partner/mexico?year=2030',
    status: 404,
  },
  ...['TX', 'MI', 'HI'].map((s) => ({
    route: '/api/profile/state/{state}',
    url: `/api/profile/state/${s}`,
    status: 200,
  })),
  { route: '/api/profile/state/{state}', url: '/api/profile/state/ZZ', status: 404 },
  { route: '/api/profile/state/{state}', url: '/api/profile/state/TX?month=2015-13', status: 400 },
  ...['NL', 'chihuahua', 'BC'].map((s) => ({
    route: '/api/profile/mexican-state/{state}',
    url: `/api/profile/mexican-state/${s}`,
    status: 200,
    db: 'es' as const,
  })),
  {
    route: '/api/profile/mexican-state/{state}',
    url: '/api/profile/mexican-state/Texas',
    status: 404,
    db: 'es',
  },
  { route: '/api/names/us-states', url: '/api/names/us-states', status: 200, db: 'es' },
  {
    route: '/api/names/products',
    url: '/api/names/products?codes=0804,080440,870323,99',
    status: 200,
    db: 'es',
  },
  { route: '/api/names/products', url: '/api/names/products?codes=0804', status: 200 },
  // A Mexican and a Canadian land port, a port with crossings only, an unknown one.
  ...['2304', '3004', '2402', '0901'].map((p) => ({
    route: '/api/profile/port/{port}',
    url: `/api/profile/port/${p}`,
    status: 200,
  })),
  { route: '/api/profile/port/{port}', url: '/api/profile/port/nowhere%20at%20all', status: 404 },
  // A chapter, a heading, a subheading, a 10-digit line.
  ...['87', '8703', '870323', '8473301180'].map((p) => ({
    route: '/api/profile/product/{product}',
    url: `/api/profile/product/${p}`,
    status: 200,
  })),
  { route: '/api/top/partners', url: '/api/top/partners', status: 200 },
  { route: '/api/top/partners', url: '/api/top/partners?metric=balance&limit=3', status: 200 },
  { route: '/api/top/partners', url: '/api/top/partners?metric=tonnage', status: 400 },
  { route: '/api/top/states', url: '/api/top/states?partner=mexico&flow=export', status: 200 },
  { route: '/api/top/ports', url: '/api/top/ports', status: 200 },
  { route: '/api/top/ports', url: '/api/top/ports?measure=trucks&border=mexico', status: 200 },
  { route: '/api/top/ports', url: '/api/top/ports?measure=camels', status: 400 },
  { route: '/api/top/products', url: '/api/top/products?partner=mexico&level=2', status: 200 },
  { route: '/api/top/products', url: '/api/top/products?level=5', status: 400 },
  { route: '/api/compare', url: '/api/compare?partners=mexico,canada,china', status: 200 },
  { route: '/api/compare', url: '/api/compare?partners=mexico', status: 400 },
  {
    route: '/api/compare/group',
    url: '/api/compare/group?partners=mexico,canada&next=3',
    status: 200,
  },
  { route: '/api/series/{partner}', url: '/api/series/mexico', status: 200 },
  { route: '/api/series/{partner}', url: '/api/series/canada?frequency=monthly', status: 200 },
  { route: '/api/revisions/{partner}', url: '/api/revisions/mexico', status: 404 },
  { route: '/api/revisions/{partner}', url: '/api/revisions/mexico', status: 200, db: 'api' },
  {
    route: '/api/revisions/{partner}',
    url: '/api/revisions/canada?flow=import_general&year=2017',
    status: 200,
    db: 'api',
  },
  { route: '/api/map/ports', url: '/api/map/ports', status: 200 },
  { route: '/api/map/ports', url: '/api/map/ports?measure=peatones', status: 200 },
  {
    route: '/api/waits/history/{place}',
    url: '/api/waits/history/2504?from=2025-10-01&to=2025-10-02',
    status: 200,
  },
  { route: '/api/waits/history/{place}', url: '/api/waits/history/2504?lane=boats', status: 400 },
  { route: '/api/waits/profile/{place}', url: '/api/waits/profile/2504?minHours=1', status: 200 },
  {
    route: '/api/waits/compare/{city}',
    url: `/api/waits/compare/${q('San Diego')}?at=${q('wednesday 07:00')}`,
    status: 200,
  },
  { route: '/api/waits/now/{place}', url: '/api/waits/now/2504', status: 200 },
  {
    route: '/api/waits/forecast',
    url: '/api/waits/forecast?place=250401&lane=passenger:standard&asOf=2026-01-10T15:30Z',
    status: 200,
    db: 'forecast',
  },
  {
    route: '/api/waits/forecast',
    url: '/api/waits/forecast?place=250401&at=2026-03-01T00:00Z',
    status: 404,
    db: 'forecast',
  },
  { route: '/api/waits/forecast', url: '/api/waits/forecast?place=250401&at=x', status: 400 },
  { route: '/api/tariff/baseline', url: '/api/tariff/baseline?year=2024', status: 200 },
  {
    route: '/api/tariff/scenario',
    method: 'post',
    url: '/api/tariff/scenario',
    status: 200,
    body: JSON.stringify(EXAMPLE_SCENARIO),
    type: json,
  },
  {
    route: '/api/tariff/scenario',
    method: 'post',
    url: '/api/tariff/scenario',
    status: 200,
    body: exampleScenarioText('yaml'),
    type: 'application/yaml',
  },
  {
    route: '/api/tariff/scenario',
    method: 'post',
    url: '/api/tariff/scenario',
    status: 400,
    body: '{"name": "x"',
    type: json,
  },
  {
    route: '/api/tariff/scenario',
    method: 'post',
    url: '/api/tariff/scenario',
    status: 413,
    body: JSON.stringify({ name: 'x'.repeat(70_000) }),
    type: json,
  },
  {
    route: '/api/tariff/line/{hts10}',
    url: '/api/tariff/line/8473301180?partner=china',
    status: 200,
  },
  {
    route: '/api/tariff/line/{hts10}',
    url: '/api/tariff/line/7208510030?partner=mexico&date=2024-07-01',
    status: 200,
  },
  {
    route: '/api/tariff/line/{hts10}',
    url: '/api/tariff/line/7208510030?partner=mexico&date=2025-04-01',
    status: 404,
  },
  { route: '/api/tariff/line/{hts10}', url: '/api/tariff/line/84733?partner=china', status: 400 },
  { route: '/api/composition/{partner}', url: '/api/composition/mexico', status: 200 },
  { route: '/api/composition/{partner}', url: '/api/composition/china?flow=export', status: 404 },
  // Verdicts of each kind, a comparison, a Spanish statement, one out of scope.
  ...[
    'Mexico is the second-largest market for US goods',
    'In 2023 the US exported $323 billion of goods to Mexico.',
    'US imports from China were larger than imports from Mexico in 2023.',
    'Las exportaciones a México sumaron 323 mil millones de dólares en 2023.',
    'Trucks wait three hours at Laredo.',
    'The US trade deficit with Canada was $100 billion in 1990.',
  ].map((s) => ({
    route: '/api/check',
    url: `/api/check?statement=${q(s)}&asOf=2024-06-01`,
    status: 200,
  })),
  { route: '/api/check', url: '/api/check?statement=x&asOf=2024-02-30', status: 400 },
  {
    route: '/api/check/text',
    method: 'post',
    url: '/api/check/text',
    status: 200,
    body: JSON.stringify({
      text: 'In 2023 the US exported $323 billion of goods to Mexico. Mexico is the largest US trading partner. The sky is blue.',
      asOf: '2024-06-01',
      lang: 'es',
    }),
    type: json,
  },
  {
    route: '/api/check/text',
    method: 'post',
    url: '/api/check/text',
    status: 400,
    body: JSON.stringify({ text: '' }),
    type: json,
  },
];

type Schema = Record<string, unknown>;
type RouteConfig = {
  method: string;
  path: string;
  responses: Record<string, { content?: Record<string, { schema: z.ZodType }> }>;
};

describe('API contract: every route answers in the shape /openapi.json publishes', () => {
  const stores: Store[] = [];
  const apps = new Map<string, OpenAPIHono>();
  let app: OpenAPIHono;
  let doc: {
    paths: Record<string, Record<string, { responses: Record<string, Schema> }>>;
    components: { schemas: Record<string, Schema> };
  };
  const answers = new Map<Case, { status: number; body: unknown }>();

  before(async () => {
    // One app per database, each asked all its questions.
    for (const [name, db] of Object.entries(DATABASES)) {
      const store = await openStore(await db(), { readOnly: true });
      stores.push(store);
      apps.set(name, createApp(store, { dataVersion: 'contract' }));
    }
    app = apps.get('web')!;
    doc = (await (await app.request('/openapi.json')).json()) as typeof doc;
    for (const c of CASES) {
      const res = await apps.get(c.db ?? 'web')!.request(c.url, {
        method: (c.method ?? 'get').toUpperCase(),
        ...(c.body !== undefined ? { body: c.body, headers: { 'content-type': c.type! } } : {}),
      });
      answers.set(c, { status: res.status, body: await res.json() });
    }
  });
  after(() => stores.forEach((s) => s.close()));

  /** The zod schema the app registered for a route's JSON answer with this status. */
  const schemaOf = (route: string, method: string, status: number): z.ZodType | undefined => {
    for (const d of app.openAPIRegistry.definitions) {
      if (d.type !== 'route') continue;
      const r = d.route as unknown as RouteConfig;
      if (r.path === route && r.method === method)
        return r.responses[String(status)]?.content?.[json]?.schema;
    }
    return undefined;
  };

  it('answers each question with the status expected', () => {
    const wrong = CASES.filter((c) => answers.get(c)!.status !== c.status).map(
      (c) =>
        `${c.url}: ${answers.get(c)!.status} ${JSON.stringify(answers.get(c)!.body).slice(0, 200)}`,
    );
    assert.deepEqual(wrong, []);
  });

  it("validates every real answer against its route's published schema for that status", () => {
    const failures: string[] = [];
    for (const c of CASES) {
      const { status, body } = answers.get(c)!;
      const schema = schemaOf(c.route, c.method ?? 'get', status);
      if (!schema) {
        failures.push(`${c.url}: no JSON schema published for ${status}`);
        continue;
      }
      const r = schema.safeParse(body);
      if (!r.success)
        failures.push(
          `${c.url} (${status}): ${r.error.issues
            .slice(0, 3)
            .map((i) => `${i.path.join('.')}: ${i.message}`)
            .join('; ')}`,
        );
    }
    assert.deepEqual(failures, []);
  });

  it('validates every real answer against the JSON Schema /openapi.json itself publishes', () => {
    // The published document, read as JSON Schema 2020-12 (OpenAPI 3.1's dialect): what a
    // client generating code from /openapi.json relies on, not only the zod it came from.
    const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    ajv.addSchema({ $id: 'openapi', ...doc });
    const pointer = (...parts: string[]) =>
      parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
    const failures: string[] = [];
    const validators = new Map<string, ValidateFunction>();
    for (const c of CASES) {
      const { status, body } = answers.get(c)!;
      const ref = `openapi#/${pointer('paths', c.route, c.method ?? 'get', 'responses', String(status), 'content', json, 'schema')}`;
      let validate = validators.get(ref);
      if (!validate) validators.set(ref, (validate = ajv.compile({ $ref: ref })));
      if (!validate(body))
        failures.push(
          `${c.url} (${status}): ${(validate.errors ?? [])
            .slice(0, 3)
            .map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)
            .join('; ')}`,
        );
    }
    assert.deepEqual(failures, []);
  });

  it('asks every route of /openapi.json, and every route a successful question', () => {
    const asked = new Set(CASES.map((c) => `${c.method ?? 'get'} ${c.route}`));
    const ok = new Set(
      CASES.filter((c) => c.status === 200).map((c) => `${c.method ?? 'get'} ${c.route}`),
    );
    const routes = Object.entries(doc.paths).flatMap(([p, ms]) =>
      Object.keys(ms).map((m) => `${m} ${p}`),
    );
    assert.ok(routes.length >= 29, `${routes.length} routes`);
    assert.deepEqual(
      routes.filter((r) => !asked.has(r) || !ok.has(r)),
      [],
    );
  });

  it('publishes every JSON response by its shape, never a placeholder', () => {
    const resolve = (s: Schema): Schema =>
      typeof s.$ref === 'string'
        ? resolve(doc.components.schemas[s.$ref.replace('#/components/schemas/', '')]!)
        : s;
    const placeholders: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(op.responses)) {
          const content = response.content as Record<string, { schema: Schema }> | undefined;
          if (!content) {
            // Only a request nobody is left to answer has no body.
            if (status !== '499') placeholders.push(`${method} ${path} ${status}: no content`);
            continue;
          }
          const body = content[json];
          if (!body) continue;
          const s = resolve(body.schema);
          const props = Object.keys((s.properties as Schema | undefined) ?? {});
          if (s.type !== 'object' || s.additionalProperties !== false || props.length === 0)
            placeholders.push(`${method} ${path} ${status}: ${JSON.stringify(s).slice(0, 80)}`);
          if (status === '200' && !props.includes('integers'))
            placeholders.push(`${method} ${path} 200: no 'integers' note`);
          if (status !== '200' && !props.includes('error'))
            placeholders.push(`${method} ${path} ${status}: not the error body`);
        }
      }
    }
    assert.deepEqual(placeholders, []);
  });

  it('refuses a real answer with a field its schema does not declare, or without one it requires', () => {
    const c = CASES.find((x) => x.url === '/api/profile/partner/mexico')!;
    const schema = schemaOf(c.route, 'get', 200)!;
    const body = answers.get(c)!.body as Record<string, Record<string, unknown>>;
    assert.equal(schema.safeParse(body).success, true);
    const extra = { ...body, totals: { ...body.totals, tonnage: '1' } };
    assert.equal(schema.safeParse(extra).success, false);
    const { rates: _rates, ...missing } = body;
    assert.equal(schema.safeParse(missing).success, false);
    // Dollars are exact strings, not numbers.
    const float = { ...body, totals: { ...body.totals, exports: 3.2e11 } };
    assert.equal(schema.safeParse(float).success, false);
  });

  it('lists partners in code order, the same list at every opening', () => {
    // The directory's SQL has no order (a full outer join): the list came out in a different
    // order from one opening of the same database to the next.
    const c = CASES.find((x) => x.url === '/api/partners')!;
    const codes = (answers.get(c)!.body as { partners: { code: string }[] }).partners.map(
      (p) => p.code,
    );
    assert.ok(codes.length > 200);
    assert.deepEqual(codes, [...codes].sort());
  });

  it('answers unknown endpoints and wrong methods with the published error body', async () => {
    for (const [url, method, status] of [
      ['/api/nothing-here', 'GET', 404],
      ['/api/check/text', 'GET', 405],
      ['/api/status', 'DELETE', 405],
    ] as const) {
      const res = await app.request(url, { method });
      assert.equal(res.status, status);
      assert.equal(errorSchema.safeParse(await res.json()).success, true, url);
    }
  });
});
