/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core) against the real
 * server over a database built from the bundle files: every page loads, the language switches
 * and is remembered, a year can be picked, a port on the map opens its profile, and the figures
 * on screen are the API's figures, formatted. Screenshots go to test-output/ (not committed)
 * with FRONTERA_SHOTS=1.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dataFile, REFERENCE_FILES } from '../helpers.ts';
import { serveDashboard, settled, type Dashboard } from './browser.ts';
import { dollars, dollarsShortEs } from './dollars.ts';

const FILES = [
  ...REFERENCE_FILES,
  dataFile('reference/hs/harmonized-system.csv'),
  dataFile('reference/hs/sections.csv'),
  dataFile('reference/bec/HS2022_to_BEC4_UNSD.csv'),
  dataFile('reference/bec/BEC4_descriptions.csv'),
  dataFile('reference/bec/BEC4_to_SNA_enduse_HANDAUTHORED.csv'),
  dataFile('census/country-2023-03.xlsx'),
  dataFile('bts/border-crossing/Border_Crossing_Entry_Data.csv.gz'),
  dataFile('bts/transborder/2015-01/dot1_0115.csv'),
  dataFile('bts/transborder/2015-01/dot2_0115.csv'),
  dataFile('bts/transborder/2015-01/dot3_0115.csv'),
  dataFile('cbp/bwtnew-2022-06-29.json'),
  ...['2010', '1220', '5700', '0003'].map((c) =>
    dataFile(`census/api-extracts/imports-hs10-2024/2024-hs10-imports${c}.parquet`),
  ),
];

/** Counts group thousands with commas in both languages (en-US, es-MX). */
const counted = (v: string) => BigInt(v).toLocaleString('en-US');

describe('dashboard in Chromium', { timeout: 120_000 }, () => {
  let web: Dashboard;

  const api = async <T>(path: string): Promise<T> => {
    const r = await fetch(`${web.server.url}${path}`);
    assert.equal(r.status, 200, `${path}: ${r.status}`);
    return (await r.json()) as T;
  };

  /** Every figure on the page names its source and vintage and offers CSV. */
  const checkFigures = async () => {
    const figures = await web.page.locator('figure.fig').count();
    assert.ok(figures > 0, 'no figures');
    assert.equal(await web.page.locator('figure.fig [data-role=source]').count(), figures);
    assert.equal(await web.page.locator('figure.fig a[data-role=csv]').count(), figures);
    for (const s of await web.page.locator('figure.fig [data-role=source]').allTextContents()) {
      assert.match(s, /^(Source|Sources|Fuente|Fuentes): .+, (vintage|versión) \S+/, s);
    }
  };

  before(async () => {
    web = await serveDashboard(FILES);
  });
  after(() => web?.close());

  it('opens the overview in English with the API’s figures', async () => {
    await web.page.goto(`${web.server.url}/`);
    await settled(web.page);
    assert.match(new URL(web.page.url()).pathname, /^\/(en|es)\/$/);
    await web.open('/en/');
    type Profile = {
      year: number;
      totals: Record<string, string>;
      rates: { twoWay: { perDay: number } };
    };
    const mx = await api<Profile>('/api/profile/partner/2010');
    assert.equal(
      await web.text('[data-stat="2010-twoWay"] .stat-value'),
      dollars('en', mx.totals.twoWay!),
    );
    assert.equal(
      await web.text('[data-stat="2010-perDay"]'),
      dollars('en', mx.rates.twoWay.perDay),
    );
    const top = await api<{ rows: { code: string; twoWay: string }[] }>(
      `/api/top/partners?metric=two-way&year=${mx.year}&limit=10`,
    );
    const bars = await web.page
      .locator('[data-figure=top-partners] li [data-role=value]')
      .allTextContents();
    assert.deepEqual(
      bars,
      top.rows.map((r) => dollars('en', r.twoWay)),
    );
    assert.equal(await web.page.locator('[data-figure=series] svg path[data-series]').count(), 3);
    await checkFigures();
    const csv = await web.page
      .locator('[data-figure=top-partners] a[data-role=csv]')
      .getAttribute('href');
    const res = await fetch(`${web.server.url}${csv}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
    await web.shot('overview-en');
  });

  it('shows $324.4 billion / 324.4 mil millones de dólares for 2022 exports to Mexico', async () => {
    await web.open('/en/?metric=exports&year=2022');
    assert.equal(await web.text('[data-stat="2010-exports"] .stat-value'), '$324.4 billion');
    await web.open('/es/?metric=exports&year=2022');
    assert.equal(
      await web.text('[data-stat="2010-exports"] .stat-value'),
      '324.4 mil millones de dólares',
    );
  });

  it('switches to Spanish, keeps it in the URL and remembers it', async () => {
    await web.open('/en/?year=2021');
    await web.page.locator('a[data-lang=es]').click();
    assert.equal(await settled(web.page), 'ready');
    const url = new URL(web.page.url());
    assert.equal(url.pathname, '/es/');
    assert.equal(url.searchParams.get('year'), '2021');
    assert.equal(await web.page.locator('html').getAttribute('lang'), 'es');
    assert.equal(await web.text('[data-nav=overview]'), 'América del Norte');
    const mx = await api<{ totals: Record<string, string> }>('/api/profile/partner/2010?year=2021');
    assert.equal(
      await web.text('[data-stat="2010-twoWay"] .stat-value'),
      dollars('es', mx.totals.twoWay!),
    );
    assert.equal(await web.page.evaluate(() => localStorage.getItem('frontera.lang')), 'es');
    await web.page.goto(`${web.server.url}/`);
    await settled(web.page);
    assert.equal(new URL(web.page.url()).pathname, '/es/', 'the language is remembered');
    await checkFigures();
    await web.shot('overview-es');
  });

  it('picks a year and shows that year’s figures', async () => {
    await web.open('/es/');
    await web.page.locator('select[data-control=year]').selectOption('2019');
    assert.equal(await settled(web.page), 'ready');
    assert.equal(new URL(web.page.url()).searchParams.get('year'), '2019');
    for (const code of ['2010', '1220', '5700']) {
      const p = await api<{ totals: Record<string, string> }>(
        `/api/profile/partner/${code}?year=2019`,
      );
      assert.equal(
        await web.text(`[data-stat="${code}-twoWay"] .stat-value`),
        dollars('es', p.totals.twoWay!),
      );
    }
    assert.match(await web.text('[data-figure=top-partners] h3'), /2019/);
    await web.shot('overview-es-2019');
  });

  it('ranks a partial year as year to date, beside the same months a year earlier', async () => {
    await web.open('/en/?year=2023');
    const top = await api<{
      period: { yearToDate: boolean; comparedWith: { label: string } | null };
      rows: { code: string; twoWay: string; prior: string }[];
    }>('/api/top/partners?metric=two-way&year=2023&limit=10');
    assert.equal(top.period.yearToDate, true);
    assert.equal(top.period.comparedWith?.label, 'January 2022');
    assert.equal(
      await web.text('[data-figure=top-partners] h3'),
      'Top 10 US trading partners by two-way trade, 2023 year to date (January)',
    );
    assert.match(
      await web.text('[data-figure=top-partners] .fig-note'),
      /Published so far for 2023: January only\. Partners are ranked on those months, not on a year/,
    );
    const bars = await web.page
      .locator('[data-figure=top-partners] li [data-role=value]')
      .allTextContents();
    assert.deepEqual(
      bars,
      top.rows.map((r) => `${dollars('en', r.twoWay)} (2022: ${dollars('en', r.prior)})`),
    );
    assert.match(await web.text('[data-figure=group] h3'), /2023 year to date \(January\)$/);
    assert.match(await web.text('[data-figure=rates] h3'), /2023 year to date \(January\)$/);
    await web.open('/es/?year=2023');
    assert.match(
      await web.text('[data-figure=top-partners] h3'),
      /2023, en lo que va del año \(enero\)$/,
    );
    await web.shot('overview-en-2023-ytd');
  });

  it('shows a partner profile', async () => {
    await web.open('/en/partner/2010?year=2022');
    const p = await api<{
      totals: Record<string, string>;
      border: { crossings: { byMeasure: { measure: string; count: string }[] } };
    }>('/api/profile/partner/2010?year=2022');
    for (const k of ['exports', 'imports', 'twoWay', 'balance'])
      assert.equal(await web.text(`[data-stat=${k}] .stat-value`), dollars('en', p.totals[k]!), k);
    const crossings = await web.page
      .locator('[data-figure=crossings] [data-role=value]')
      .allTextContents();
    assert.deepEqual(
      crossings,
      p.border.crossings.byMeasure.map((m) => counted(m.count)),
    );
    const products = await api<{ rows: { key: string; value: string }[] }>(
      '/api/top/products?partner=2010&level=2&limit=99',
    );
    assert.ok(products.rows.length > 50);
    assert.equal(
      await web.page.locator('[data-figure=products] a.tm-cell').count(),
      products.rows.length,
    );
    const autos = web.page.locator('[data-figure=products] a.tm-cell[data-key="87"] title');
    assert.match(
      (await autos.textContent()) ?? '',
      new RegExp(`\\${dollars('en', products.rows.find((r) => r.key === '87')!.value)}`),
    );
    assert.ok((await web.page.locator('[data-figure=modes] .split-bar span').count()) > 3);
    // General imports (the partner's totals) and imports for consumption (Census product
    // lines) are named as such on the one page that shows both.
    assert.match(await web.text('[data-stat=imports]'), /^US general imports/);
    assert.match(
      await web.text('[data-figure=products] h3'),
      /^US imports for consumption from Mexico by HS chapter/,
    );
    // The TransBorder panels state their own month, and that it is not the profile's year.
    assert.match(await web.text('[data-figure=modes] h3'), /January 2015$/);
    for (const f of ['modes', 'states', 'ports'])
      assert.equal(
        await web.text(`[data-figure=${f}] .fig-note`),
        'TransBorder freight is not loaded for 2022: this panel shows January 2015.',
      );
    await checkFigures();
    await web.shot('partner-mexico');
  });

  it('shows a state profile', async () => {
    await web.open('/en/state/TX');
    const s = await api<{ totals: Record<string, string> }>('/api/profile/state/TX');
    assert.equal(await web.text('[data-stat=total] .stat-value'), dollars('en', s.totals.total!));
    assert.equal(
      await web.text('[data-stat=exports] .stat-value'),
      dollars('en', s.totals.exports!),
    );
    await checkFigures();
    await web.shot('state-texas');
  });

  it('shows a product profile', async () => {
    await web.open('/es/product/87');
    const p = await api<{ census: { partner: { code: string }; valueUsd: string }[] }>(
      '/api/profile/product/87',
    );
    // A bar shows the amount short (`14.4 mmd`), its tooltip the amount in words.
    const values = await web.page
      .locator('[data-figure=product-census] [data-role=value]')
      .evaluateAll((els) => els.map((e) => [e.textContent, e.getAttribute('title')]));
    const expected = [...p.census]
      .sort((a, b) => Number(BigInt(b.valueUsd) - BigInt(a.valueUsd)))
      .map((r) => [dollarsShortEs(r.valueUsd), dollars('es', r.valueUsd)]);
    assert.deepEqual(values, expected);
    await checkFigures();
    await web.shot('product-87-es');
  });

  it('compares partners', async () => {
    await web.open('/en/compare?partners=mexico,canada&metric=exports&years=2015-2022');
    const c = await api<{ cagr: { code: string; cagr: number }[] }>(
      '/api/compare?partners=mexico,canada&metric=exports&years=2015-2022',
    );
    const shown = await web.page.locator('[data-figure=cagr] [data-role=value]').allTextContents();
    assert.deepEqual(
      shown,
      c.cagr.map((x) => `${x.cagr > 0 ? '+' : ''}${x.cagr.toFixed(1)}%`),
    );
    assert.equal(
      await web.page.locator('[data-figure=compare-series] svg path[data-series]').count(),
      2,
    );
    await checkFigures();
    await web.shot('compare');
  });

  it('places every port on the map and opens a port’s profile on click', async () => {
    await web.open('/en/map?measure=Trucks&year=2024&border=mexico');
    type MapPorts = { ports: { code: string; border: string; count: string | null }[] };
    const m = await api<MapPorts>('/api/map/ports?measure=Trucks&year=2024');
    const mexican = m.ports.filter((p) => p.border === 'mexico');
    assert.equal(await web.page.locator('svg.port-map a.port').count(), mexican.length);
    await checkFigures();
    await web.shot('map-mexico-trucks-2024');
    await web.open('/en/map?measure=Trucks&year=2024');
    assert.equal(await web.page.locator('svg.port-map a.port').count(), m.ports.length);
    await web.shot('map-trucks-2024');

    await web.page.locator('select[data-control=year]').selectOption('2019');
    assert.equal(await settled(web.page), 'ready');
    assert.equal(new URL(web.page.url()).searchParams.get('year'), '2019');
    const m19 = await api<MapPorts>('/api/map/ports?measure=Trucks&year=2019');
    const top19 = await web.page
      .locator('[data-figure=port-ranking] [data-role=value]')
      .first()
      .textContent();
    assert.equal(top19, counted(m19.ports[0]!.count!));

    await web.open('/en/map?measure=Trucks&year=2024&border=mexico');
    await web.page.locator('svg.port-map a.port[data-port="2304"] circle').click();
    assert.equal(await settled(web.page), 'ready');
    const url = new URL(web.page.url());
    assert.equal(url.pathname, '/en/port/2304');
    assert.equal(url.searchParams.get('year'), '2024');
    const laredo = m.ports.find((p) => p.code === '2304')!;
    assert.equal(await web.text('[data-stat=measure] .stat-value'), counted(laredo.count!));
    const profile = await api<{
      crossings: { yearly: { year: number; byMeasure: { measure: string; count: string }[] }[] };
    }>('/api/profile/port/2304?year=2024');
    const trucks = profile.crossings.yearly
      .find((y) => y.year === 2024)!
      .byMeasure.find((x) => x.measure === 'Trucks')!;
    assert.equal(trucks.count, laredo.count);
    await checkFigures();
    await web.shot('port-laredo');
  });

  it('flags El Paso’s port code change and draws the combined series', async () => {
    await web.open('/en/port/2402?measure=Trucks');
    assert.match(
      await web.text('[data-figure=crossings-yearly] .fig-note'),
      /^BTS split Ysleta \(2401\) out of El Paso \(2402\) from March 2020: until then El Paso includes Ysleta\./,
    );
    assert.equal(
      await web.page
        .locator('[data-figure=crossings-yearly] svg path[data-series=combined]')
        .count(),
      1,
    );
    await web.shot('port-el-paso');
    // A port with no code change has neither.
    await web.open('/en/port/2304?measure=Trucks');
    assert.equal(
      await web.page
        .locator('[data-figure=crossings-yearly] svg path[data-series=combined]')
        .count(),
      0,
    );
  });

  it('explains an unknown name with candidates', async () => {
    await web.page.goto(`${web.server.url}/en/partner/mexic`);
    assert.equal(await settled(web.page), 'error');
    assert.match(await web.text('.error-message'), /mexic/);
    assert.ok((await web.page.locator('.error a[href="/en/partner/2010"]').count()) === 1);
  });

  it('loaded nothing from outside and logged no errors', () => {
    assert.deepEqual(web.foreign, []);
    assert.deepEqual(
      web.errors.filter((e) => !/404/.test(e)),
      [],
    );
  });
});
