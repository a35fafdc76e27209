import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { WEB_ROOT } from '../../src/api/serve.ts';

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

/** A headless Chromium with a fresh profile folder, removed on close. */
export async function launchBrowser(): Promise<{
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}> {
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
