/**
 * The "Check a claim" page in Chromium: a statement in the URL is checked on load, the verdict on
 * screen is the API's verdict (translated), the claim as understood, the computed figure, the
 * tolerance rule and the sources are shown, and the form puts a new statement in the URL.
 * Screenshots go to test-output/ (not committed).
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { Server } from '../../src/api/serve.ts';
import { startApi } from '../api/api-fixture.ts';
import { launchBrowser, requireBuiltDashboard, settled } from './browser.ts';

const SHOTS = join(import.meta.dirname, '..', '..', 'test-output');
const AS_OF = '2023-06-01';

const VERDICT_NAMES = {
  en: {
    accurate: 'Accurate',
    approximately_accurate: 'Approximately accurate',
    inaccurate: 'Inaccurate',
    not_verifiable: 'Not verifiable',
  },
  es: {
    accurate: 'Correcta',
    approximately_accurate: 'Aproximadamente correcta',
    inaccurate: 'Incorrecta',
    not_verifiable: 'No verificable',
  },
} as const;
type Verdict = keyof (typeof VERDICT_NAMES)['en'];

describe('check a claim in Chromium', { timeout: 180_000 }, () => {
  let server: Server;
  let stop: () => Promise<void>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  const errors: string[] = [];

  const text = async (selector: string) =>
    ((await page.locator(selector).first().textContent()) ?? '').trim();
  const apiVerdict = async (statement: string): Promise<Verdict> => {
    const q = new URLSearchParams({ statement, asOf: AS_OF });
    const r = await fetch(`${server.url}/api/check?${q.toString()}`);
    assert.equal(r.status, 200);
    return ((await r.json()) as { verdict: Verdict }).verdict;
  };
  /** Opens the page for a statement and checks the verdict shown is the API's. */
  const checkOnScreen = async (lang: 'en' | 'es', statement: string, shot: string) => {
    const q = new URLSearchParams({ statement, asOf: AS_OF });
    await page.goto(`${server.url}/${lang}/check?${q.toString()}`);
    assert.equal(await settled(page), 'ready');
    const verdict = await apiVerdict(statement);
    assert.equal(await page.getAttribute('[data-verdict]', 'data-verdict'), verdict);
    assert.equal(await text('[data-role=verdict]'), VERDICT_NAMES[lang][verdict]);
    assert.equal(await page.inputValue('[data-control=statement]'), statement);
    assert.equal(await page.inputValue('[data-control=asOf]'), AS_OF);
    await page.screenshot({ path: join(SHOTS, `web-check-${shot}.png`), fullPage: true });
    return verdict;
  };

  before(async () => {
    requireBuiltDashboard();
    ({ server, stop } = await startApi());
    browser = await launchBrowser();
    page = browser.page;
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await mkdir(SHOTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await stop?.();
  });

  it('shows a true statement as accurate, with the claim, the exact figure, rule and sources', async () => {
    const verdict = await checkOnScreen(
      'en',
      'In 2022 the US exported $324.4 billion of goods to Mexico.',
      'en-accurate',
    );
    assert.equal(verdict, 'accurate');
    assert.equal(await text('[data-nav=check]'), 'Check a claim');
    assert.equal(await text('h1'), 'Check a claim');
    const claim = await text('[data-figure=claim]');
    assert.match(claim, /Value/);
    assert.match(claim, /Mexico/);
    assert.match(claim, /Exports/);
    assert.match(claim, /2022/);
    assert.match(await text('[data-role=asserted]'), /\$324\.4 billion/);
    assert.equal(await page.getAttribute('tr[data-computed=usd]', 'data-value'), '324377863297');
    assert.match(await text('tr[data-computed=usd]'), /\$324,377,863,297/);
    assert.match(await text('[data-role=tolerance]'), /accurate when/);
    assert.match(await text('figure.fig [data-role=source]'), /^Source: .+, vintage 2023-03/);
  });

  it('shows a false statement as inaccurate and the same check in Spanish', async () => {
    const s = 'US exports to Mexico were $276 billion in 2022.';
    assert.equal(await checkOnScreen('en', s, 'en-inaccurate'), 'inaccurate');
    assert.equal(await checkOnScreen('es', s, 'es-inaccurate'), 'inaccurate');
    assert.equal(await text('[data-nav=check]'), 'Verificar una afirmación');
    assert.match(await text('tr[data-computed=usd]'), /324\.4 mil millones de dólares/);
    assert.match(await text('figure.fig [data-role=source]'), /^Fuente: .+, versión 2023-03/);
  });

  it('says what would decide a statement the data cannot', async () => {
    const s = 'Estados Unidos es el principal socio comercial de México.';
    assert.equal(await checkOnScreen('es', s, 'es-not-verifiable'), 'not_verifiable');
    assert.match(await text('[data-role=would-decide]'), /INEGI|Banxico/);
  });

  it('puts a statement typed in the form in the URL, so a link reproduces the check', async () => {
    await page.goto(`${server.url}/en/check`);
    assert.equal(await settled(page), 'ready');
    assert.ok((await page.locator('.check-examples a').count()) > 0);
    await page.screenshot({ path: join(SHOTS, 'web-check-empty.png'), fullPage: true });
    const s = 'US exports to Mexico were $276 billion in 2022.';
    await page.fill('[data-control=statement]', s);
    await page.fill('[data-control=asOf]', AS_OF);
    await page.click('.check-form button[type=submit]');
    await page.waitForURL(/statement=/);
    assert.equal(await settled(page), 'ready');
    const url = new URL(page.url());
    assert.equal(url.pathname, '/en/check');
    assert.equal(url.searchParams.get('statement'), s);
    assert.equal(url.searchParams.get('asOf'), AS_OF);
    assert.equal(await page.getAttribute('[data-verdict]', 'data-verdict'), 'inaccurate');
  });

  it('shows a refused statement beside the form', async () => {
    await page.goto(`${server.url}/en/check?statement=Mexico&asOf=2023-13-45`);
    assert.equal(await settled(page), 'ready');
    assert.match(await text('.error-message'), /asOf/);
  });

  it('logs no errors in the browser', () => {
    // 400s the page asked for are expected; anything else is not.
    assert.deepEqual(
      errors.filter((e) => !/status of 400/.test(e)),
      [],
    );
  });
});
