import { readFile } from 'node:fs/promises';
import type { Connector } from './connector.ts';
import { fetchInOrder } from './fetch-in-order.ts';
import { DAY_MS, monthNumber, monthOfDate, monthText } from './sync-calendar.ts';
import type { SyncContext } from './sync-context.ts';
import { SyncError } from './sync-error.ts';

const RESOURCE = '/resource/keg4-3bc2.json';
const DEFAULT_SINCE = '1996-01';

const q = (v: string) => encodeURIComponent(v);

/** A year's rows: counted first, then read in pages that can be fetched side by side. */
async function fetchYear(ctx: SyncContext, year: number, from: string, to: string) {
  const pageSize = ctx.config.sources['bts-crossings'].pageSize;
  const where = `date between '${from}-01T00:00:00' and '${to}-01T00:00:00'`;
  const maxAgeMs = year >= ctx.now().getUTCFullYear() - 1 ? DAY_MS : Infinity;
  const countUrl = ctx.url(`${RESOURCE}?$select=${q('count(*) AS n')}&$where=${q(where)}`);
  const counted = await ctx.get({ url: countUrl, expect: 'json', maxAgeMs });
  if (counted.kind !== 'body') throw new SyncError(ctx.source, countUrl, 'no count returned');
  const n = Number((JSON.parse(await readFile(counted.path, 'utf8')) as { n?: string }[])[0]?.n);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new SyncError(ctx.source, countUrl, 'the count of rows is not a number');
  }
  const pages = Math.ceil(n / pageSize);
  ctx.plan(pages);
  // `$order=:id` keeps Socrata's paging stable: no row is skipped or served twice.
  const urls = Array.from({ length: pages }, (_v, i) =>
    ctx.url(
      `${RESOURCE}?$where=${q(where)}&$order=${q(':id')}&$limit=${pageSize}&$offset=${i * pageSize}`,
    ),
  );
  const bodies = await Promise.all(urls.map((url) => ctx.get({ url, expect: 'json', maxAgeMs })));
  const paths = bodies.map((b, i) => {
    if (b.kind !== 'body') throw new SyncError(ctx.source, urls[i]!, 'an empty page');
    return b.path;
  });
  return { n, paths, urls, countUrl };
}

/** Joins a year's cached pages into one array, checking that none went missing. */
async function joinPages(ctx: SyncContext, y: Awaited<ReturnType<typeof fetchYear>>) {
  const rows: unknown[] = [];
  for (const [i, path] of y.paths.entries()) {
    const page: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (!Array.isArray(page))
      throw new SyncError(ctx.source, y.urls[i]!, 'a page is not a JSON array');
    for (const row of page as unknown[]) rows.push(row);
  }
  if (rows.length !== y.n) {
    throw new SyncError(
      ctx.source,
      y.countUrl,
      `the pages hold ${rows.length} rows, the count said ${y.n}: the dataset changed while it was read; run the sync again`,
    );
  }
  return rows;
}

/**
 * BTS Border Crossing Entry Data through Socrata's SODA API (`keg4-3bc2`), a year at a time.
 * A year's pages are cached one by one, then joined into one JSON array — the same format as
 * a page — and ingested as one file, so the year replaces the same months of an older CSV or
 * sync whole, never page by page.
 */
export const borderCrossingConnector: Connector = {
  id: 'bts-crossings',
  title: 'BTS Border Crossing Entry Data (Socrata)',
  defaultBaseUrl: 'https://data.bts.gov',
  async run(ctx: SyncContext) {
    const since = ctx.options.since ?? DEFAULT_SINCE;
    const last = monthNumber(monthOfDate(ctx.now()));
    const years: { year: number; from: string; to: string }[] = [];
    for (let y = Number(since.slice(0, 4)); y * 12 <= last; y++) {
      years.push({
        year: y,
        from: monthText(Math.max(y * 12, monthNumber(since))),
        to: monthText(Math.min(y * 12 + 11, last)),
      });
    }
    ctx.plan(years.length);
    const none: number[] = [];
    await fetchInOrder(
      years,
      (y) => fetchYear(ctx, y.year, y.from, y.to),
      async (y, r) => {
        if (!r.ok) return ctx.fail(r.error);
        if (r.value.n === 0) return void none.push(y.year);
        try {
          const rows = await joinPages(ctx, r.value);
          const path = await ctx.save(Buffer.from(JSON.stringify(rows)), 'json');
          await ctx.ingest(path, r.value.urls[0] ?? r.value.countUrl, [
            r.value.countUrl,
            ...r.value.urls,
          ]);
        } catch (e) {
          ctx.fail(e);
        }
      },
    );
    if (none.length > 0) ctx.note(`no rows published for ${none.join(', ')}`);
  },
};
