/**
 * Every page of the dashboard on a 390×844 phone and a 1366×900 desktop, in English and Spanish,
 * in Chromium against the real server over one small database built from bundle files: the page
 * never scrolls sideways, no text in a chart renders under 11 px, nothing sticks out of its
 * card, a desktop's tables are not cut inside their cards, every legend swatch sits beside its
 * own label, every chart has its data table as a text alternative, labels on colour scales
 * (treemap cells, the wait-time heatmap, verdicts) contrast with their fill (WCAG AA, 4.5:1),
 * keyboard focus shows, and nothing is written to the console as an error.
 *
 * Each page is opened once per language and checked at both sizes: English opened on the phone
 * and widened, Spanish opened on the desktop and narrowed (charts redraw at their new width).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serveDashboard, settled, type Dashboard } from './browser.ts';
import { DASHBOARD_FILES } from './dashboard-files.ts';

const FILES = DASHBOARD_FILES;

/** Every route of web/src/route.ts, with what it shows in this database. */
const PAGES = [
  '/',
  '/partner/2010',
  '/product/87',
  '/port/2304',
  '/state/TX',
  '/map?measure=Trucks',
  '/compare?partners=mexico,canada,china',
  '/check?statement=Mexico%20is%20the%20second-largest%20market%20for%20US%20goods&asOf=2023-06-01',
  '/tariffs',
  '/waits/2504',
];

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 900 };

interface Findings {
  scrollWidth: number;
  small: string[];
  cut: string[];
  overflow: string[];
  clipped: string[];
  swatches: string[];
  alternatives: string[];
  contrast: string[];
  charts: number;
}

/** What is wrong with the page as drawn, measured in the page. */
function inspect(): Findings {
  const out: Findings = {
    scrollWidth: document.documentElement.scrollWidth,
    small: [],
    cut: [],
    overflow: [],
    clipped: [],
    swatches: [],
    alternatives: [],
    contrast: [],
    charts: document.querySelectorAll('svg.chart').length,
  };
  const where = (el: Element) =>
    el.closest('[data-figure]')?.getAttribute('data-figure') ?? el.tagName.toLowerCase();
  // Chart text: its computed size times the SVG's scale on screen.
  for (const t of document.querySelectorAll<SVGTextElement>('svg text')) {
    if (!t.textContent?.trim() || t.getBoundingClientRect().width === 0) continue;
    const m = t.getScreenCTM();
    const px = parseFloat(getComputedStyle(t).fontSize) * (m ? Math.hypot(m.a, m.b) : 1);
    if (px < 10.95) out.small.push(`${where(t)}: "${t.textContent}" at ${px.toFixed(1)} px`);
    // Nor cut by the edge of its SVG (a y label wider than the chart's margin).
    const r = t.getBoundingClientRect();
    const box = t.closest('svg')!.getBoundingClientRect();
    if (r.left < box.left - 1 || r.right > box.right + 1)
      out.cut.push(`${where(t)}: "${t.textContent}" cut by the chart's edge`);
  }
  // Nothing reaches out of a card, except inside a box that scrolls or clips.
  for (const card of document.querySelectorAll(
    'figure.fig, .check-verdict, .card, .estimate, .scenario-form fieldset',
  )) {
    const c = card.getBoundingClientRect();
    const stack: Element[] = [...card.children];
    while (stack.length > 0) {
      const el = stack.pop()!;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (
        r.width > 0 &&
        style.position !== 'absolute' &&
        (r.right > c.right + 1 || r.left < c.left - 1)
      )
        out.overflow.push(
          `${where(card)}: <${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> spans ${Math.round(r.left)}–${Math.round(r.right)}, its card ${Math.round(c.left)}–${Math.round(c.right)}`,
        );
      if (style.overflowX === 'visible') stack.push(...el.children);
    }
  }
  // No name cut with an ellipsis ("Germany (Federal Repub…"): names wrap.
  for (const el of document.querySelectorAll('.bar-label, .table th, .table td, .legend li')) {
    if (getComputedStyle(el).textOverflow === 'ellipsis' && el.scrollWidth > el.clientWidth + 1)
      out.cut.push(`${where(el)}: "${el.textContent}" cut with an ellipsis`);
  }
  for (const box of document.querySelectorAll('.table-scroll, .table-wrap, .heat-wrap')) {
    if (box.closest('details:not([open])')) continue;
    if (box.scrollWidth > box.clientWidth + 1)
      out.clipped.push(`${where(box)}: ${box.scrollWidth} px of table in ${box.clientWidth} px`);
  }
  // A swatch and the start of its label share a line, the label right after the swatch.
  for (const sw of document.querySelectorAll('.swatch')) {
    const label = sw.nextSibling;
    const s = sw.getBoundingClientRect();
    if (!label || s.width === 0) continue;
    const range = document.createRange();
    range.selectNodeContents(label);
    const first = range.getClientRects()[0];
    if (!first) continue;
    const apart = Math.abs(first.top + first.height / 2 - (s.top + s.height / 2));
    if (apart > 8 || first.left < s.right - 1 || first.left - s.right > 16)
      out.swatches.push(`${where(sw)}: "${label.textContent ?? ''}" is not beside its swatch`);
  }
  // Every chart names its data table, which holds a row per item.
  for (const svg of document.querySelectorAll('svg.chart')) {
    const id = svg.getAttribute('aria-describedby');
    const table = id ? document.getElementById(id) : null;
    if (!table || table.tagName !== 'TABLE' || table.querySelectorAll('tbody tr').length === 0)
      out.alternatives.push(`${where(svg)}: no data table named by aria-describedby`);
  }
  // Text on a colour scale against its fill (treemap labels on their cell, wait-time figures on
  // their heatmap cell): WCAG relative luminance, AA for small text (4.5:1).
  const pairs: [Element, string, string][] = [];
  for (const t of document.querySelectorAll('svg.treemap text')) {
    const rect = t.parentElement?.querySelector('rect');
    if (rect) pairs.push([t, getComputedStyle(t).fill, getComputedStyle(rect).fill]);
  }
  for (const td of document.querySelectorAll('.heat td, .verdict, .estimate-badge')) {
    if (td.textContent?.trim())
      pairs.push([td, getComputedStyle(td).color, getComputedStyle(td).backgroundColor]);
  }
  const paint = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  for (const [el, ink, fill] of pairs) {
    const lum = [ink, fill]
      .map((c) => {
        paint.clearRect(0, 0, 1, 1);
        paint.fillStyle = c;
        paint.fillRect(0, 0, 1, 1);
        return [...paint.getImageData(0, 0, 1, 1).data.slice(0, 3)].map((v) => {
          const x = v / 255;
          return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
        });
      })
      .map(([r, g, b]) => 0.2126 * r! + 0.7152 * g! + 0.0722 * b!);
    const ratio = (Math.max(...lum) + 0.05) / (Math.min(...lum) + 0.05);
    if (ratio < 4.5)
      out.contrast.push(
        `${where(el)}: "${el.textContent}" at ${ratio.toFixed(2)}:1 (${ink} on ${fill})`,
      );
  }
  return out;
}

describe('every page on a phone and a desktop, in both languages', { timeout: 180_000 }, () => {
  let web: Dashboard;

  before(async () => {
    web = await serveDashboard(FILES, 'layout');
  });
  after(() => web?.close());

  /** The page as drawn at this size: charts redrawn at their box's width, then measured. */
  const check = async (label: string, size: typeof PHONE) => {
    await web.page.setViewportSize(size);
    // Two frames: the resize observers redraw, then the redrawn charts are laid out.
    await web.page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    // The test runner's transform names inner functions with `__name`, which the page lacks.
    const f = (await web.page.evaluate(
      `(() => { const __name = (f) => f; return (${inspect.toString()})(); })()`,
    )) as Findings;
    const at = `${label} at ${size.width}×${size.height}`;
    assert.ok(f.scrollWidth <= size.width, `${at}: the page is ${f.scrollWidth} px wide`);
    assert.deepEqual(f.small, [], `${at}: chart text under 11 px`);
    assert.deepEqual(f.cut, [], `${at}: text cut`);
    assert.deepEqual(f.overflow, [], `${at}: out of its card`);
    if (size.width >= 1000) assert.deepEqual(f.clipped, [], `${at}: a table cut in its card`);
    assert.deepEqual(f.swatches, [], `${at}: a legend parted from its swatch`);
    assert.deepEqual(f.alternatives, [], `${at}: a chart without a text alternative`);
    assert.deepEqual(f.contrast, [], `${at}: label contrast on a colour scale`);
    return f;
  };

  for (const [lang, first, second] of [
    ['en', PHONE, DESKTOP],
    ['es', DESKTOP, PHONE],
  ] as const) {
    it(`fits every page in ${lang} at 390 and 1366 px`, async () => {
      let charts = 0;
      for (const path of PAGES) {
        const url = `/${lang}${path === '/' ? '/' : path}`;
        await web.page.setViewportSize(first);
        await web.open(url);
        charts += (await check(url, first)).charts;
        await check(url, second);
      }
      // The pages drew their charts: line charts, treemaps, the port map, the state map.
      assert.ok(charts >= 10, `only ${charts} charts drawn`);
      assert.deepEqual(web.errors, [], 'console errors');
    });
  }

  it('shows where keyboard focus is', async () => {
    await web.page.setViewportSize(PHONE);
    await web.open('/es/partner/2010');
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await web.page.keyboard.press('Tab');
      const o = await web.page.evaluate(() => {
        const el = document.activeElement!;
        const s = getComputedStyle(el);
        return { tag: el.tagName, style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
      });
      assert.notEqual(o.style, 'none', `${o.tag} focused without an outline`);
      assert.ok(o.width >= 2, `${o.tag} focused with a ${o.width} px outline`);
      seen.push(o.tag);
    }
    assert.ok(seen.includes('A'), seen.join(','));
  });

  it('shows Spanish money in bars as mmd, the full figure in the tooltip', async () => {
    await web.page.setViewportSize(PHONE);
    await web.open('/es/partner/2010');
    const value = web.page.locator('[data-figure=states] [data-role=value]').first();
    assert.match((await value.textContent()) ?? '', /^\d[\d,]*\.\d (mmd|mdd)$/);
    assert.match((await value.getAttribute('title')) ?? '', / de dólares$/);
    // The four container measures have distinct short names, the full one in the tooltip.
    const labels = await web.page
      .locator('[data-figure=crossings] .bar-label')
      .evaluateAll((els) => els.map((e) => [e.textContent?.trim(), e.getAttribute('title')]));
    const names = labels.map(([l]) => l);
    assert.equal(new Set(names).size, names.length, names.join(' | '));
    assert.ok(
      labels.some(
        ([l, t]) => l === 'Cont. camión llenos' && t === 'Contenedores de camión cargados',
      ),
      JSON.stringify(labels),
    );
    assert.equal(await settled(web.page), 'ready');
  });
});
