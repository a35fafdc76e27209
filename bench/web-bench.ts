import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer, WEB_ROOT } from '../src/api/serve.ts';
import { openStore } from '../src/store/open-store.ts';
import { CHROMIUM, CHROMIUM_ARGS as ARGS } from '../test/web/browser.ts';

/**
 * The dashboard's first page (`/en/`, the North America overview) in headless Chromium on
 * loopback: the JavaScript it loads, gzipped (target ≤ 300 KB), and the time from navigation
 * to the page rendered with its charts drawn (the dashboard's `frontera-ready` mark; target
 * ≤ 1.5 s), median of a few cold loads (fresh browser profile each, server cache warm after the
 * first; a fresh browser context, so a cold cache, each run). Prints figures, asserts nothing.
 */
export async function benchWeb(
  dbPath: string,
  runs = Number(process.env.BENCH_WEB_RUNS ?? 5),
): Promise<void> {
  if (!existsSync(join(WEB_ROOT, 'index.html')) || !existsSync(CHROMIUM)) {
    console.log(
      `\nDashboard: skipped (needs dist/web from \`npm run build\` and Chromium at ${CHROMIUM})`,
    );
    return;
  }
  const store = await openStore(dbPath, { readOnly: true });
  const server = await startServer(store, { port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const times: number[] = [];
    let scripts: string[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
      const page = await context.newPage();
      const loaded: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') loaded.push(new URL(r.url()).pathname);
      });
      await page.goto(`${server.url}/en/`);
      await page.waitForFunction(() => document.body.dataset.state === 'ready', null, {
        timeout: 30_000,
      });
      times.push(
        await page.evaluate(
          () => performance.getEntriesByName('frontera-ready')[0]?.startTime ?? NaN,
        ),
      );
      scripts = loaded;
      await context.close();
    }
    let raw = 0;
    let gz = 0;
    for (const path of new Set(scripts)) {
      const body = await readFile(join(WEB_ROOT, path));
      raw += body.length;
      gz += gzipSync(body).length;
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
    console.log(
      `\nDashboard first page (/en/, North America overview) in headless Chromium on loopback`,
    );
    console.log(
      `  JavaScript loaded : ${new Set(scripts).size} file(s), ${(raw / 1024).toFixed(1)} KiB, ${(gz / 1024).toFixed(1)} KiB gzipped (target ≤ 300 KB)`,
    );
    console.log(
      `  rendered, charts drawn : ${median.toFixed(0)} ms median of ${runs} (first, cold server: ${times[0]?.toFixed(0)} ms; target ≤ 1.5 s)`,
    );
  } finally {
    await browser.close();
    await server.close();
    store.close();
  }
}
