/**
 * The wait-times page in Chromium over about 110 real CBP pulls (`test/analytics/wait-fixture.ts`):
 * its heatmap shows the API's typical waits, its latest-against-typical table the API's rows,
 * every figure names its files and span, the page reads on a 390 px phone (no sideways scroll,
 * text ≥ 11 px) and in Spanish, and the port page links to it. Then, over six weeks of every
 * pull (`test/forecast/forecast-fixture.ts`), the forecast panel shows the API's figures for
 * every lane, on a phone and a desktop, and the best hour comes from the forecast.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type Server } from '../../src/api/serve.ts';
import type { Store } from '../../src/store/open-store.ts';
import { openStore } from '../../src/store/open-store.ts';
import { waitDatabase } from '../analytics/wait-fixture.ts';
import { forecastDatabase } from '../forecast/forecast-fixture.ts';
import { launchBrowser, requireBuiltDashboard, settled, type Chromium } from './browser.ts';

/**
 * One Chromium for both suites of this file, closed after the last (a launch and close costs
 * about a second of CPU). The suites' servers listen on different ports, so nothing stored for
 * one origin (the remembered language) reaches the other.
 */
let shared: Promise<Chromium> | undefined;
const sharedBrowser = () => (shared ??= launchBrowser());
after(async () => {
  await (await shared?.catch(() => undefined))?.close();
});

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
  const onError = (e: Error) => errors.push(e.message);

  before(async () => {
    requireBuiltDashboard();
    w = await waitDatabase();
    store = await w.open();
    server = await startServer(store, { port: 0 });
    browser = await sharedBrowser();
    browser.page.on('pageerror', onError);
  });
  after(async () => {
    browser?.page.off('pageerror', onError);
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
      /From history: the hour with the lowest median wait/,
    );
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
      /Mejor hora para cruzar en las próximas 24 horas/,
    );
    // Time zones as a Mexican reader names them, not by their IANA identifiers.
    const body = await browser.page.locator('main').innerText();
    assert.match(body, /hora del Pacífico/);
    assert.doesNotMatch(body, /America\/Los_Angeles/);
    await open('/en/port/2504');
    assert.equal(
      await browser.page.locator('[data-role=waits-link]').getAttribute('href'),
      '/en/waits/2504',
    );
  });
});

type ForecastJson = {
  origin: string;
  lanes: {
    portNumber: string;
    laneType: string;
    laneKind: string;
    hours: { hourUtc: string; forecastMinutes: number; lowMinutes: number; highMinutes: number }[];
  }[];
};

describe('the forecast on the wait-times page in Chromium', { timeout: 300_000 }, () => {
  let store: Store;
  let server: Server;
  let browser: Chromium;
  const errors: string[] = [];
  const onError = (e: Error) => errors.push(e.message);

  before(async () => {
    requireBuiltDashboard();
    store = await openStore(await forecastDatabase(), { readOnly: true });
    server = await startServer(store, { port: 0 });
    browser = await sharedBrowser();
    browser.page.on('pageerror', onError);
  });
  after(async () => {
    browser?.page.off('pageerror', onError);
    await server?.close();
    store?.close();
  });

  for (const [width, height] of [
    [390, 844],
    [1360, 900],
  ] as const)
    it(`shows the API's forecast for every lane, and the best hour from it, at ${width} px`, async () => {
      const page = browser.page;
      await page.setViewportSize({ width, height });
      await page.goto(`${server.url}/en/waits/2504`);
      assert.equal(await settled(page), 'ready');
      const api = (await (
        await fetch(`${server.url}/api/waits/forecast?place=2504`)
      ).json()) as ForecastJson;
      assert.ok(api.lanes.length >= 4, `${api.lanes.length} lanes forecast`);
      const fig = page.locator('[data-figure=waits-forecast]');
      for (const l of api.lanes) {
        const lane = fig.locator(`[data-lane="${l.portNumber}:${l.laneType}:${l.laneKind}"]`);
        assert.equal(await lane.locator('svg.chart').count(), 1);
        const rows = await lane.locator('tbody tr').evaluateAll((trs) =>
          trs.map((tr) => ({
            hourUtc: tr.getAttribute('data-hour'),
            forecastMinutes: Number(tr.querySelector('[data-col=forecast]')!.textContent),
            lowMinutes: Number(tr.querySelector('[data-col=low]')!.textContent),
            highMinutes: Number(tr.querySelector('[data-col=high]')!.textContent),
          })),
        );
        assert.deepEqual(
          rows,
          l.hours.slice(0, 24).map((x) => ({
            hourUtc: x.hourUtc,
            forecastMinutes: x.forecastMinutes,
            lowMinutes: x.lowMinutes,
            highMinutes: x.highMinutes,
          })),
        );
        // The best hour of a forecast lane is its lowest forecast hour, with the interval.
        const min = l.hours
          .slice(0, 24)
          .reduce((a, x) => (x.forecastMinutes < a.forecastMinutes ? x : a));
        const best = page.locator(
          `[data-figure=waits-best] tr[data-lane="${l.portNumber}|${l.laneType}/${l.laneKind}"]`,
        );
        if ((await best.count()) === 0) continue;
        assert.equal(await best.getAttribute('data-basis'), 'forecast');
        assert.equal(await best.locator('[data-col=best]').getAttribute('data-hour'), min.hourUtc);
        assert.equal(
          await best.locator('[data-col=interval]').innerText(),
          `${min.lowMinutes}–${min.highMinutes} min`,
        );
        assert.match(await best.locator('[data-col=basis]').innerText(), /forecast/);
      }
      assert.ok(
        (await page.locator('[data-figure=waits-best] tr[data-basis=forecast]').count()) > 0,
      );
      const cap = await fig.locator(':scope > figcaption').innerText();
      assert.match(cap, /CBP Border Wait Times \(bwt\.xml\)/);
      assert.match(cap, /History: [\d,]+ readings/);
      assert.match(cap, /\d+ files in bwt-history, rss-.* … rss-/);
      assert.match(
        (await fig.locator('a.csv').getAttribute('href'))!,
        /^\/api\/waits\/forecast\?place=2504&format=csv/,
      );
      assert.match(
        await fig.locator('.waits-forecast-panel .sources').innerText(),
        /rss-2026-01-10/,
      );
      assert.match(
        await page.locator('[data-figure=waits-best] figcaption').innerText(),
        /lowest forecast hour of the next 24 hours/,
      );
      // Legible: nothing scrolls sideways, no chart or panel text renders under 11 px.
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scroll <= width, `page is ${scroll} px wide`);
      const smallest = await fig.evaluate((el) => {
        const sizes: number[] = [];
        // SVG text is drawn at its font size times the view box's scale.
        for (const svg of el.querySelectorAll('svg')) {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          for (const t of svg.querySelectorAll('text'))
            sizes.push(parseFloat(getComputedStyle(t).fontSize) * scale);
        }
        for (const t of el.querySelectorAll('figcaption, summary, .legend, .sources, figcaption *'))
          sizes.push(parseFloat(getComputedStyle(t).fontSize));
        return Math.min(...sizes);
      });
      assert.ok(smallest >= 11, `smallest forecast text ${smallest} px`);
      assert.deepEqual(errors, []);
    });

  it('speaks Spanish', async () => {
    await browser.page.goto(`${server.url}/es/waits/2504`);
    assert.equal(await settled(browser.page), 'ready');
    assert.match(
      await browser.page.locator('[data-figure=waits-forecast] h3').first().innerText(),
      /Espera pronosticada, próximas 24 horas/,
    );
    assert.match(
      await browser.page
        .locator('[data-figure=waits-best] tr[data-basis=forecast]')
        .first()
        .innerText(),
      /pronóstico \(intervalo del 80 %\)/,
    );
  });
});
