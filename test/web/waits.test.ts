/**
 * The wait-times page in Chromium over about 110 real CBP pulls (`test/analytics/wait-fixture.ts`):
 * its heatmap shows the API's typical waits, its latest-against-typical table the API's rows,
 * every figure names its files and span, the page reads on a 390 px phone (no sideways scroll,
 * text ≥ 11 px) and in Spanish, and the port page links to it. No forecast is drawn.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type Server } from '../../src/api/serve.ts';
import type { Store } from '../../src/store/open-store.ts';
import { waitDatabase } from '../analytics/wait-fixture.ts';
import { launchBrowser, requireBuiltDashboard, settled, type Chromium } from './browser.ts';

type Profile = {
  minHours: number;
  lanesProfiled: {
    portNumber: string;
    laneType: string;
    laneKind: string;
    hourOfWeek: { weekday: number; hour: number; median: number }[];
  }[];
};

describe('wait-times page in Chromium', { timeout: 120_000 }, () => {
  let w: Awaited<ReturnType<typeof waitDatabase>>;
  let store: Store;
  let server: Server;
  let browser: Chromium;
  const errors: string[] = [];

  before(async () => {
    requireBuiltDashboard();
    w = await waitDatabase();
    store = await w.open();
    server = await startServer(store, { port: 0 });
    browser = await launchBrowser();
    browser.page.on('pageerror', (e) => errors.push(e.message));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    await w?.cleanup();
  });

  const open = async (path: string) => {
    await browser.page.goto(`${server.url}${path}`);
    assert.equal(await settled(browser.page), 'ready', path);
  };

  it("shows the API's typical waits in the heatmap, every crossing's latest against typical, sources and span, on a phone", async () => {
    const page = browser.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await open('/en/waits/2504?crossing=250401&lane=passenger/standard');
    const api = (await (await fetch(`${server.url}/api/waits/profile/2504`)).json()) as Profile;
    const lane = api.lanesProfiled.find(
      (l) => l.portNumber === '250401' && l.laneKind === 'standard' && l.laneType === 'passenger',
    )!;
    const shown = await page.$$eval('[data-role=heatmap] td', (tds) =>
      tds.map((td) => ({
        weekday: Number(td.getAttribute('data-weekday')),
        hour: Number(td.getAttribute('data-hour')),
        value: td.getAttribute('data-value'),
        text: td.textContent,
      })),
    );
    assert.equal(shown.length, 7 * 24);
    for (const c of shown) {
      const want = lane.hourOfWeek.find((x) => x.weekday === c.weekday && x.hour === c.hour);
      assert.equal(c.value, want ? String(want.median) : '', `${c.weekday} ${c.hour}`);
      assert.equal(c.text, want ? String(Math.round(want.median)) : '·');
    }
    assert.ok(lane.hourOfWeek.some((x) => x.weekday === 1 && x.hour === 7));
    const legend = await page
      .locator('[data-figure=waits-heatmap] [data-role=color-legend]')
      .innerText();
    assert.match(legend, /Median wait, minutes/);
    assert.match(legend, new RegExp(`fewer than ${api.minHours} hours of history`));
    // Latest against typical: one row per crossing and lane the API lists.
    const now = (await (await fetch(`${server.url}/api/waits/now/2504`)).json()) as {
      rows: unknown[];
    };
    assert.equal(await page.locator('[data-figure=waits-now] tbody tr').count(), now.rows.length);
    // Every figure names its files and the span of history, with a CSV link to the API.
    for (const id of ['waits-now', 'waits-heatmap', 'waits-best']) {
      const cap = await page.locator(`[data-figure=${id}] figcaption`).innerText();
      assert.match(cap, /CBP Border Wait Times \(bwt\.xml\)/, id);
      assert.match(cap, /History: [\d,]+ readings/, id);
      assert.match(cap, /\d+ files in bwt-history, rss-.* … rss-/, id);
      const href = await page.locator(`[data-figure=${id}] a.csv`).getAttribute('href');
      assert.match(href!, /^\/api\/waits\/.*format=csv/, id);
    }
    assert.match(
      await page.locator('[data-figure=waits-best] figcaption').innerText(),
      /From history, not a forecast/,
    );
    assert.equal(await page.locator('[data-figure*=forecast]').count(), 0, 'no forecast yet');
    // Legible on a 390 px phone: nothing scrolls sideways, no text under 11 px.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `page is ${width} px wide`);
    const smallest = await page.$$eval(
      '[data-role=heatmap] td, [data-role=heatmap] th, [data-role=color-legend] li',
      (els) => Math.min(...els.map((e) => parseFloat(getComputedStyle(e).fontSize))),
    );
    assert.ok(smallest >= 11, `smallest heatmap text ${smallest} px`);
    assert.deepEqual(errors, []);
  });

  it('speaks Spanish and is linked from the port page', async () => {
    await browser.page.setViewportSize({ width: 1360, height: 900 });
    await open('/es/waits/2504');
    assert.match(
      await browser.page.locator('h1').innerText(),
      /Tiempos de espera de la CBP en San Ysidro/,
    );
    assert.match(
      await browser.page.locator('[data-figure=waits-best] h3').innerText(),
      /Mejor hora para cruzar en las próximas 24 horas, según el historial/,
    );
    await open('/en/port/2504');
    assert.equal(
      await browser.page.locator('[data-role=waits-link]').getAttribute('href'),
      '/en/waits/2504',
    );
  });
});
