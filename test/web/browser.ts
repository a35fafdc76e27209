import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startServer, WEB_ROOT, type Server } from '../../src/api/serve.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { fixtureDatabase } from '../fixture-database.ts';

/** Debian's Chromium (`apt-get install chromium`), driven by playwright-core. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/** The built dashboard must exist: `npm install` builds it (prepare), as does `npm run build`. */
export function requireBuiltDashboard(): void {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) {
    throw new Error(
      `the dashboard is not built: ${join(WEB_ROOT, 'index.html')} is missing. ` +
        'Run `npm run build` (npm install / npm ci run it through the prepare script).',
    );
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium), as .ci/run does`,
    );
  }
}

/** Screenshots of the browser tests go to test-output/ (not committed). */
export const SHOTS = join(import.meta.dirname, '..', '..', 'test-output');

/**
 * Screenshots are taken only with FRONTERA_SHOTS=1 (`FRONTERA_SHOTS=1 npm test`): each is a
 * full-page raster and PNG encode in Chromium, about 0.3 s of CPU, and they check nothing (the
 * browser suites took 23 of them, 2 to 4 s of CPU in all, on every `npm test`).
 */
export const TAKE_SHOTS = process.env.FRONTERA_SHOTS === '1';

export interface Chromium {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/** A headless Chromium with a fresh profile folder, removed on close. */
export async function launchBrowser(): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), 'frontera-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1360, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the dashboard has drawn the current view (body[data-state] = ready | error). */
export async function settled(page: Page): Promise<string> {
  await page.waitForFunction(
    () => document.body.dataset.state === 'ready' || document.body.dataset.state === 'error',
    null,
    { timeout: 15_000 },
  );
  return page.evaluate(() => document.body.dataset.state ?? '');
}

/** The real server over a database built from bundle files, and a Chromium looking at it. */
export interface Dashboard {
  store: Store;
  server: Server;
  browser: Chromium;
  page: Page;
  /** Uncaught page errors and console errors, in order. */
  errors: string[];
  /** Every URL the browser asked for that is not the server's (nor data: or blob:). */
  foreign: string[];
  /** Goes to a path on the server and waits until the view is drawn, which must be `ready`. */
  open: (path: string) => Promise<void>;
  /** The trimmed text of the first element the selector matches ('' when it has none). */
  text: (selector: string) => Promise<string>;
  /** A full-page screenshot to test-output/<prefix>-<name>.png, when TAKE_SHOTS. */
  shot: (name: string) => Promise<void>;
  /** Closes the browser, then the server and the store. */
  close: () => Promise<void>;
}

/**
 * Serves a database holding `files` (then `after`), built once and shared with other suites
 * (../fixture-database.ts), read-only on a loopback port and opens Chromium, recording errors
 * and outside requests. Screenshots are named `<shots>-<name>.png`. What was started is closed
 * again when setting up fails.
 */
export async function serveDashboard(
  files: string[],
  shots = 'web',
  after: string[] = [],
): Promise<Dashboard> {
  requireBuiltDashboard();
  let store: Store | undefined;
  let server: Server | undefined;
  let browser: Chromium | undefined;
  const close = async () => {
    await browser?.close();
    await server?.close();
    store?.close();
  };
  const errors: string[] = [];
  const foreign: string[] = [];
  try {
    const db = await fixtureDatabase(files, { after });
    store = await openStore(db, { readOnly: true });
    server = await startServer(store, { port: 0 });
    browser = await launchBrowser();
    browser.page.on('pageerror', (e) => errors.push(e.message));
    browser.page.on('console', (m) => {
      // A forecast refused for too little history is a 404 the waits page shows as its reason;
      // Chromium still logs the status of any failed fetch, which is not an error of the page.
      const refusedForecast =
        m.text().startsWith('Failed to load resource: the server responded with a status of 404') &&
        m.location().url.includes('/api/waits/forecast');
      if (m.type() === 'error' && !refusedForecast) errors.push(m.text());
    });
    // Offline: nothing but the server itself (no CDN fonts, scripts or tiles).
    const origin = server.url;
    browser.context.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))
        foreign.push(u);
    });
    if (TAKE_SHOTS) await mkdir(SHOTS, { recursive: true });
  } catch (e) {
    await close();
    throw e;
  }
  const page = browser.page;
  return {
    store,
    server,
    browser,
    page,
    errors,
    foreign,
    open: async (path) => {
      await page.goto(`${server.url}${path}`);
      assert.equal(await settled(page), 'ready', `${path} did not render`);
    },
    text: async (selector) => ((await page.locator(selector).first().textContent()) ?? '').trim(),
    shot: async (name) => {
      if (TAKE_SHOTS)
        await page.screenshot({ path: join(SHOTS, `${shots}-${name}.png`), fullPage: true });
    },
    close,
  };
}
