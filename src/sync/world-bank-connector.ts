import { readFile } from 'node:fs/promises';
import type { Connector } from './connector.ts';
import { DAY_MS } from './sync-calendar.ts';
import type { SyncContext } from './sync-context.ts';
import { SyncError } from './sync-error.ts';

type Obj = Record<string, unknown>;

/**
 * The World Bank answers a bad request with HTTP 200 and a message in place of the paging
 * metadata: `[{"message":[{"id":"120","key":"Invalid value","value":"…"}]}]`.
 */
function readPage(ctx: SyncContext, url: string, text: string): { meta: Obj; rows: unknown[] } {
  const doc: unknown = JSON.parse(text);
  const first = Array.isArray(doc) ? (doc[0] as Obj | undefined) : undefined;
  if (first && Array.isArray(first.message)) {
    const m = (first.message as Obj[]).map(
      (x) => `${String(x.id)} ${String(x.key)}: ${String(x.value)}`,
    );
    throw new SyncError(ctx.source, url, `World Bank API error ${m.join('; ')}`);
  }
  if (!Array.isArray(doc) || typeof first !== 'object' || first === null) {
    throw new SyncError(ctx.source, url, 'expected [paging metadata, [rows]]');
  }
  return { meta: first, rows: Array.isArray(doc[1]) ? (doc[1] as unknown[]) : [] };
}

/**
 * World Bank population (SP.POP.TOTL) from the indicator API, every page joined into one
 * document in the API's own shape and read by the `world-bank-json` reader.
 */
export const worldBankConnector: Connector = {
  id: 'world-bank',
  title: 'World Bank population (SP.POP.TOTL)',
  defaultBaseUrl: 'https://api.worldbank.org',
  async run(ctx: SyncContext) {
    const perPage = ctx.config.sources['world-bank'].perPage;
    const pageUrl = (p: number) =>
      ctx.url(`/v2/country/all/indicator/SP.POP.TOTL?format=json&per_page=${perPage}&page=${p}`);
    const get = async (p: number) => {
      const url = pageUrl(p);
      const r = await ctx.get({ url, expect: 'json', maxAgeMs: 7 * DAY_MS });
      if (r.kind !== 'body') throw new SyncError(ctx.source, url, 'an empty page');
      return readPage(ctx, url, await readFile(r.path, 'utf8'));
    };
    ctx.plan(1);
    try {
      const first = await get(1);
      const pages = Number(first.meta.pages ?? 1);
      ctx.plan(Math.max(0, pages - 1));
      const rest = await Promise.all(Array.from({ length: pages - 1 }, (_v, i) => get(i + 2)));
      const rows = [first, ...rest].flatMap((p) => p.rows);
      const meta = { ...first.meta, page: 1, pages: 1, per_page: rows.length, total: rows.length };
      const path = await ctx.save(Buffer.from(JSON.stringify([meta, rows])), 'json');
      await ctx.ingest(
        path,
        pageUrl(1),
        Array.from({ length: pages }, (_v, i) => pageUrl(i + 1)),
      );
    } catch (e) {
      ctx.fail(e);
    }
  },
};
