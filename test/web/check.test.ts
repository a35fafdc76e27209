/**
 * The "Check a claim" page in Chromium: a statement in the URL is checked on load, the verdict on
 * screen is the API's verdict (translated), the claim as understood, the computed figure, the
 * tolerance rule and the sources are shown, and the form puts a new statement in the URL.
 * Screenshots go to test-output/ (not committed) with FRONTERA_SHOTS=1.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { API_FILES } from '../api/api-fixture.ts';
import { serveDashboard, settled, type Dashboard } from './browser.ts';

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
  let web: Dashboard;

  const apiVerdict = async (statement: string): Promise<Verdict> => {
    const q = new URLSearchParams({ statement, asOf: AS_OF });
    const r = await fetch(`${web.server.url}/api/check?${q.toString()}`);
    assert.equal(r.status, 200);
    return ((await r.json()) as { verdict: Verdict }).verdict;
  };
  /** Opens the page for a statement and checks the verdict shown is the API's. */
  const checkOnScreen = async (lang: 'en' | 'es', statement: string, shot: string) => {
    const q = new URLSearchParams({ statement, asOf: AS_OF });
    await web.open(`/${lang}/check?${q.toString()}`);
    const verdict = await apiVerdict(statement);
    assert.equal(await web.page.getAttribute('[data-verdict]', 'data-verdict'), verdict);
    assert.equal(await web.text('[data-role=verdict]'), VERDICT_NAMES[lang][verdict]);
    assert.equal(await web.page.inputValue('[data-control=statement]'), statement);
    assert.equal(await web.page.inputValue('[data-control=asOf]'), AS_OF);
    await web.shot(shot);
    return verdict;
  };

  before(async () => {
    web = await serveDashboard(API_FILES, 'web-check');
  });
  after(() => web?.close());

  it('shows a true statement as accurate, with the claim, the exact figure, rule and sources', async () => {
    const verdict = await checkOnScreen(
      'en',
      'In 2022 the US exported $324.4 billion of goods to Mexico.',
      'en-accurate',
    );
    assert.equal(verdict, 'accurate');
    assert.equal(await web.text('[data-nav=check]'), 'Check a claim');
    assert.equal(await web.text('h1'), 'Check a claim');
    const claim = await web.text('[data-figure=claim]');
    assert.match(claim, /Value/);
    assert.match(claim, /Mexico/);
    assert.match(claim, /Exports/);
    assert.match(claim, /2022/);
    assert.match(await web.text('[data-role=asserted]'), /\$324\.4 billion/);
    assert.equal(
      await web.page.getAttribute('tr[data-computed=usd]', 'data-value'),
      '324377863297',
    );
    assert.match(await web.text('tr[data-computed=usd]'), /\$324,377,863,297/);
    assert.match(await web.text('[data-role=tolerance]'), /accurate when/);
    assert.match(await web.text('figure.fig [data-role=source]'), /^Source: .+, vintage 2023-03/);
  });

  it('shows a false statement as inaccurate and the same check in Spanish', async () => {
    const s = 'US exports to Mexico were $276 billion in 2022.';
    assert.equal(await checkOnScreen('en', s, 'en-inaccurate'), 'inaccurate');
    assert.equal(await checkOnScreen('es', s, 'es-inaccurate'), 'inaccurate');
    assert.equal(await web.text('[data-nav=check]'), 'Verificar una afirmación');
    assert.match(await web.text('tr[data-computed=usd]'), /324\.4 mil millones de dólares/);
    assert.match(await web.text('figure.fig [data-role=source]'), /^Fuente: .+, versión 2023-03/);
  });

  it('says what would decide a statement the data cannot', async () => {
    const s = 'Estados Unidos es el principal socio comercial de México.';
    assert.equal(await checkOnScreen('es', s, 'es-not-verifiable'), 'not_verifiable');
    assert.match(await web.text('[data-role=would-decide]'), /INEGI|Banxico/);
  });

  it('puts a statement typed in the form in the URL, so a link reproduces the check', async () => {
    await web.open('/en/check');
    assert.ok((await web.page.locator('.check-examples a').count()) > 0);
    await web.shot('empty');
    const s = 'US exports to Mexico were $276 billion in 2022.';
    await web.page.fill('[data-control=statement]', s);
    await web.page.fill('[data-control=asOf]', AS_OF);
    await web.page.click('.check-form button[type=submit]');
    await web.page.waitForURL(/statement=/);
    assert.equal(await settled(web.page), 'ready');
    const url = new URL(web.page.url());
    assert.equal(url.pathname, '/en/check');
    assert.equal(url.searchParams.get('statement'), s);
    assert.equal(url.searchParams.get('asOf'), AS_OF);
    assert.equal(await web.page.getAttribute('[data-verdict]', 'data-verdict'), 'inaccurate');
  });

  it('shows a refused statement beside the form', async () => {
    await web.open('/en/check?statement=Mexico&asOf=2023-13-45');
    assert.match(await web.text('.error-message'), /asOf/);
  });

  it('logs no errors in the browser', () => {
    // 400s the page asked for are expected; anything else is not.
    assert.deepEqual(
      web.errors.filter((e) => !/status of 400/.test(e)),
      [],
    );
  });
});
