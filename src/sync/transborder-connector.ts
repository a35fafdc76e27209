import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { unzipSync } from 'fflate';
import { parse } from 'node-html-parser';
import type { Connector } from './connector.ts';
import { fetchInOrder } from './fetch-in-order.ts';
import { formatBytes } from './fetch-with-retry.ts';
import { DAY_MS, MONTH_NAMES, monthNumber } from './sync-calendar.ts';
import type { SyncContext } from './sync-context.ts';
import { SyncError } from './sync-error.ts';

const DEFAULT_INDEX = '/topics/transborder-raw-data';
const DEFAULT_SINCE = '2020-01';
const CUT_FILE = /^dot[123]_\d{4}\.csv$/i;
const MONTH_YEAR = new RegExp(`(${MONTH_NAMES.join('|')})[\\s_-]*((?:19|20)\\d{2})`, 'i');

interface MonthlyZip {
  month: string;
  url: string;
}

/**
 * The monthly ZIP files BTS links from its TransBorder raw-data page, found by the month and
 * year in each link's text or file name ("March 2024 TransBorder Raw Data.zip"); annual and
 * other files are left aside. BTS's file paths change with each upload, so they are read
 * from the page rather than guessed.
 */
export function monthlyZips(html: string, pageUrl: string, since: string): MonthlyZip[] {
  const found = new Map<string, MonthlyZip>();
  for (const a of parse(html).querySelectorAll('a')) {
    const href = a.getAttribute('href');
    if (!href || !/\.zip(?:$|[?#])/i.test(href)) continue;
    const m = MONTH_YEAR.exec(a.text) ?? MONTH_YEAR.exec(safeDecode(href));
    if (!m) continue;
    const n = MONTH_NAMES.findIndex((name) => name.toLowerCase() === m[1]!.toLowerCase());
    const month = `${m[2]}-${String(n + 1).padStart(2, '0')}`;
    if (monthNumber(month) < monthNumber(since) || found.has(month)) continue;
    found.set(month, { month, url: new URL(href, pageUrl).toString() });
  }
  return [...found.values()].sort((a, b) => a.month.localeCompare(b.month));
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * BTS North American TransBorder Freight raw data: one ZIP a month holding the dot1, dot2
 * and dot3 CSVs. Each ZIP is cached, its CSVs extracted beside it and ingested one by one
 * with the `bts-transborder` reader, exactly as if the files had been downloaded by hand.
 */
export const transborderConnector: Connector = {
  id: 'bts-transborder',
  title: 'BTS TransBorder Freight raw data (monthly ZIP files)',
  defaultBaseUrl: 'https://www.bts.gov',
  async run(ctx: SyncContext) {
    const indexUrl = ctx.url(ctx.config.sources['bts-transborder'].indexPath ?? DEFAULT_INDEX);
    ctx.plan(1);
    let zips: MonthlyZip[];
    try {
      const page = await ctx.get({ url: indexUrl, expect: 'html', maxAgeMs: DAY_MS });
      if (page.kind !== 'body')
        throw new SyncError(ctx.source, indexUrl, 'the index page is empty');
      zips = monthlyZips(
        await readFile(page.path, 'utf8'),
        indexUrl,
        ctx.options.since ?? DEFAULT_SINCE,
      );
    } catch (e) {
      return ctx.fail(e);
    }
    if (zips.length === 0) ctx.note(`no monthly ZIP files linked from ${indexUrl}`);
    ctx.plan(zips.length);
    await fetchInOrder(
      zips,
      (z) => ctx.get({ url: z.url, expect: 'zip', maxAgeMs: Infinity }),
      async (z, r) => {
        if (!r.ok) return ctx.fail(r.error);
        if (r.value.kind !== 'body') return;
        try {
          // The sizes the ZIP declares are checked before anything is inflated: a ZIP bomb
          // is refused, not expanded (fflate inflates each file into its declared size).
          let inflated = 0;
          const files = unzipSync(new Uint8Array(await readFile(r.value.path)), {
            filter: (f) => {
              if (!CUT_FILE.test(basename(f.name))) return false;
              inflated += f.originalSize;
              if (inflated > ctx.maxInflatedBytes) {
                throw new SyncError(
                  ctx.source,
                  z.url,
                  `the ZIP's files expand to more than the ${formatBytes(ctx.maxInflatedBytes)} allowed (maxInflatedBytes); nothing was extracted`,
                );
              }
              return true;
            },
          });
          const names = Object.keys(files).sort((a, b) => basename(a).localeCompare(basename(b)));
          if (names.length === 0) {
            throw new SyncError(ctx.source, z.url, 'the ZIP holds no dot1/dot2/dot3 CSV file');
          }
          for (const name of names) {
            const path = await ctx.saveDerived(r.value.sha256, basename(name), files[name]!);
            await ctx.ingest(path, `${z.url}#${basename(name)}`);
          }
        } catch (e) {
          ctx.fail(
            e instanceof SyncError
              ? e
              : new SyncError(
                  ctx.source,
                  z.url,
                  `the ZIP could not be opened: ${(e as Error).message}`,
                ),
          );
        }
      },
    );
  },
};
