/**
 * The tariff page in Chromium against the real server over the bundle's 2024 HS10 imports, the
 * 2024 tariff schedule and the TransBorder month: the baseline on screen is the API's, the
 * example scenario runs with the API's figures, a layer switched off changes the URL and the
 * totals, the treemap and the state map draw what the API returned, and the page speaks Spanish.
 * Screenshots go to test-output/ (not committed) with FRONTERA_SHOTS=1.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EXAMPLE_SCENARIO } from '../../src/tariffs/scenario-spec.ts';
import { dataFile, REFERENCE_FILES } from '../helpers.ts';
import { TARIFF_FILES } from '../tariffs/tariff-fixture.ts';
import { serveDashboard, settled, type Dashboard } from './browser.ts';
import { dollars } from './dollars.ts';

/** Loaded after TARIFF_FILES (whose database the tariff suites share). */
const MORE_FILES = [
  ...REFERENCE_FILES,
  ...['dot2', 'dot3'].map((d) => dataFile(`bts/transborder/2015-01/${d}_0115.csv`)),
];

type Totals = { valueUsd: string; addedUsd: string; newRatePct: number };
type Place = { partnerCode: string; key: string; name: string | null; addedUsd: string };
type Scenario = {
  total: Totals;
  layers: { addedUsd: string }[];
  partners: ({ partner: { code: string } } & Totals)[];
  products: ({ partnerCode: string; hsCode: string } & Totals)[];
  places: { method: string; months: string[]; states: Place[]; ports: Place[] };
};
type Baseline = {
  partners: {
    partner: { code: string };
    engine: { total: string };
    officialUsd: string;
    errorPct: number;
  }[];
};

/** The page asks for 200 product rows, so the treemap has enough to show. */
const example = (layers = [0, 1, 2, 3]) => ({
  ...EXAMPLE_SCENARIO,
  limit: 200,
  layers: layers.map((i) => EXAMPLE_SCENARIO.layers[i]!),
});

/** Places summed over Mexico and Canada, largest first. */
function ranked(places: Place[]): { key: string; total: bigint }[] {
  const sums = new Map<string, bigint>();
  for (const p of places) sums.set(p.key, (sums.get(p.key) ?? 0n) + BigInt(p.addedUsd));
  return [...sums]
    .map(([key, total]) => ({ key, total }))
    .sort((a, b) => (b.total > a.total ? 1 : b.total < a.total ? -1 : 0));
}

describe('tariff page in Chromium', { timeout: 180_000 }, () => {
  let web: Dashboard;
  let full: Scenario;

  const post = async (body: unknown): Promise<Scenario> => {
    const r = await fetch(`${web.server.url}/api/tariff/scenario`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(r.status, 200);
    return (await r.json()) as Scenario;
  };
  const partnerAdded = (code: string) =>
    web.text(`[data-figure=scenario-partners] tr[data-partner="${code}"] td[data-col=added]`);

  before(async () => {
    web = await serveDashboard(TARIFF_FILES, 'web-tariffs', MORE_FILES);
    full = await post(example());
  });
  after(() => web?.close());

  it('shows the baseline: Mexico’s engine duty and Census’s are the API’s, with the API’s CSV', async () => {
    await web.open('/en/tariffs');
    const r = await fetch(`${web.server.url}/api/tariff/baseline?year=2024`);
    const b = (await r.json()) as Baseline;
    const mx = b.partners.find((p) => p.partner.code === '2010')!;
    const row = '[data-figure=tariff-baseline] tr[data-partner="2010"]';
    assert.equal(await web.text(`${row} th`), 'Mexico');
    assert.equal(await web.text(`${row} td[data-col=engine]`), dollars('en', mx.engine.total));
    assert.equal(await web.text(`${row} td[data-col=official]`), dollars('en', mx.officialUsd));
    assert.equal(
      await web.text(`${row} td[data-col=error]`),
      `${mx.errorPct > 0 ? '+' : ''}${mx.errorPct.toFixed(1)}%`,
    );
    const csv = await web.page
      .locator('[data-figure=tariff-baseline] a[data-role=csv]')
      .getAttribute('href');
    const res = await fetch(`${web.server.url}${csv}`);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
    assert.match(await res.text(), /^year,partner_code,partner,imports_usd/);
    // Every figure names its sources and vintages and offers a CSV.
    const figures = await web.page.locator('figure.fig').count();
    assert.ok(figures >= 6, `${figures} figures`);
    assert.equal(await web.page.locator('figure.fig a[data-role=csv]').count(), figures);
    for (const s of await web.page.locator('figure.fig [data-role=source]').allTextContents())
      assert.match(s, /^Sources?: .+, vintage \S+/, s);
    await web.shot('en');
  });

  it('runs the example scenario: the body is EXAMPLE_SCENARIO and each partner’s added duty the API’s', async () => {
    await web.open('/en/tariffs');
    const sent = JSON.parse(await web.text('[data-role=scenario-json]')) as unknown;
    assert.deepEqual(sent, example(), 'the page’s preset is the example scenario');
    assert.ok(full.partners.length >= 4);
    for (const p of full.partners)
      assert.equal(await partnerAdded(p.partner.code), dollars('en', p.addedUsd), p.partner.code);
    assert.equal(
      await web.text('[data-stat=added] .stat-value'),
      dollars('en', full.total.addedUsd),
    );
    const layers = await web.page
      .locator('[data-figure=scenario-layers] td[data-col=added]')
      .allTextContents();
    assert.deepEqual(
      layers,
      full.layers.map((l) => dollars('en', l.addedUsd)),
    );
  });

  it('switches a layer off and changes a rate: the URL and the totals follow', async () => {
    await web.open('/en/tariffs');
    await web.page.locator('[data-control=layer-2]').uncheck();
    await web.page.waitForURL(/layers=0,1,3/);
    assert.equal(await settled(web.page), 'ready');
    assert.equal(new URL(web.page.url()).searchParams.get('layers'), '0,1,3');
    assert.equal(await web.page.locator('[data-control=layer-2]').isChecked(), false);
    const reduced = await post(example([0, 1, 3]));
    assert.notEqual(reduced.total.addedUsd, full.total.addedUsd);
    assert.equal(
      await web.text('[data-stat=added] .stat-value'),
      dollars('en', reduced.total.addedUsd),
    );
    assert.equal(
      await partnerAdded('5700'),
      dollars('en', reduced.partners.find((p) => p.partner.code === '5700')!.addedUsd),
    );
    assert.equal(await web.page.locator('[data-figure=scenario-layers] tbody tr').count(), 3);

    await web.page.fill('[data-control=r0]', '30');
    await web.page.locator('[data-role=scenario-form] button[type=submit]').click();
    await web.page.waitForURL(/r0=30/);
    assert.equal(await settled(web.page), 'ready');
    const body = example([0, 1, 3]);
    const raised = await post({
      ...body,
      layers: [{ ...body.layers[0]!, ratePct: 30 }, ...body.layers.slice(1)],
    });
    assert.equal(
      await web.text('[data-stat=added] .stat-value'),
      dollars('en', raised.total.addedUsd),
    );
    await web.shot('en-layers-0-1-3');
  });

  it('draws one treemap rectangle per affected product, coloured by added duty, with its legend', async () => {
    await web.open('/en/tariffs');
    const cells = web.page.locator('[data-figure=scenario-treemap] a.tm-cell');
    assert.equal(full.products.length, 200);
    assert.equal(await cells.count(), full.products.length);
    const legend = await web.page
      .locator('[data-figure=scenario-treemap] [data-role=color-legend] li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-color')));
    assert.ok(legend.length >= 3, 'a legend of several bins');
    const fills = await cells
      .locator('rect')
      .evaluateAll((rs) => rs.map((r) => r.getAttribute('fill')));
    assert.ok(
      fills.every((f) => legend.includes(f)),
      'every rectangle wears a legend colour',
    );
    assert.ok(new Set(fills).size >= 3, 'coloured by rate, not one colour');
    const top = full.products[0]!;
    const title = await web.text(
      `[data-figure=scenario-treemap] a.tm-cell[data-key="${top.partnerCode}-${top.hsCode}"] title`,
    );
    assert.ok(title.startsWith(top.hsCode), title);
    assert.ok(title.includes(dollars('en', top.addedUsd)), title);
    assert.ok(title.includes(dollars('en', top.valueUsd)), title);
    // A click shows the product's duties on 1 July with their legal references (issue 14).
    const china = full.products.find((p) => p.partnerCode === '5700')!;
    await web.page
      .locator(`[data-figure=scenario-treemap] a.tm-cell[data-key="5700-${china.hsCode}"]`)
      .click();
    const refs = web.page.locator('[data-figure=scenario-treemap] [data-role=line-refs]');
    await refs.locator('h4').waitFor();
    assert.ok((await refs.locator('h4').textContent())?.startsWith(china.hsCode));
    assert.match((await refs.textContent()) ?? '', /MFN .*— HTS /);
    assert.match(new URL(web.page.url()).pathname, /\/en\/tariffs$/, 'the click stays on the page');

    await web.page
      .locator('[data-figure=scenario-treemap] select[data-control=group]')
      .selectOption('chapter');
    assert.equal(await settled(web.page), 'ready');
    assert.equal(new URL(web.page.url()).searchParams.get('group'), 'chapter');
    assert.equal(await cells.count(), full.products.length);
    assert.ok(
      (await web.page
        .locator('[data-figure=scenario-treemap] .tm-group[data-group="27"]')
        .count()) === 1,
    );
  });

  it('maps the estimate by state and names the API’s top state and port, labelled as an estimate', async () => {
    await web.open('/en/tariffs');
    assert.ok((await web.page.locator('svg.state-map path').count()) >= 50);
    const states = ranked(full.places.states);
    const top = states[0]!;
    const first = web.page.locator('[data-figure=scenario-state-ranking] li').first();
    assert.equal(await first.getAttribute('data-key'), top.key);
    assert.equal(
      await first.locator('[data-role=value]').textContent(),
      dollars('en', top.total.toString()),
    );
    const name = ((await first.locator('.bar-label').textContent()) ?? '').trim();
    assert.match(
      await web.text(`svg.state-map a[data-state="${top.key}"] title`),
      new RegExp(`^${name}: `),
    );
    assert.notEqual(
      await web.page.locator(`svg.state-map a[data-state="${top.key}"] path`).getAttribute('fill'),
      null,
    );
    const port = ranked(full.places.ports)[0]!;
    assert.equal(
      await web.page.locator('[data-figure=scenario-ports] li').first().getAttribute('data-key'),
      port.key,
    );
    assert.equal(await web.text('[data-role=estimate] .estimate-badge'), 'Estimate');
    assert.equal(await web.text('[data-role=method]'), full.places.method);
    assert.deepEqual(full.places.months, ['2015-01']);
    assert.match(await web.text('[data-role=months]'), /TransBorder months used: January 2015/);
  });

  it('speaks Spanish at /es/tariffs', async () => {
    await web.open('/es/tariffs');
    assert.equal(await web.text('[data-nav=tariffs]'), 'Aranceles');
    assert.equal(await web.text('h1'), 'Aranceles: la línea base y escenarios');
    assert.equal(
      await web.text('[data-figure=tariff-baseline] tr[data-partner="2010"] th'),
      'México',
    );
    assert.equal(await web.text('[data-stat=added] .stat-label'), 'Arancel adicional');
    assert.equal(
      await partnerAdded('2010'),
      dollars('es', full.partners.find((p) => p.partner.code === '2010')!.addedUsd),
    );
    assert.match(
      await web.text('[data-role=scenario-form] [data-layer="0"] .layer-name'),
      /^\+25% a México y Canadá/,
    );
    assert.equal(
      await web.text('[data-role=scenario-form] button[type=submit]'),
      'Calcular escenario',
    );
    assert.equal(await web.text('[data-role=estimate] .estimate-badge'), 'Estimación');
    assert.match(await web.text('[data-role=months]'), /enero de 2015/);
    for (const s of await web.page.locator('figure.fig [data-role=source]').allTextContents())
      assert.match(s, /^Fuentes?: .+, versión \S+/, s);
    await web.shot('es');
  });

  it('loaded nothing from outside and logged no errors', () => {
    assert.deepEqual(web.foreign, []);
    assert.deepEqual(web.errors, []);
  });
});
