import type { Connector } from './connector.ts';
import { fetchInOrder } from './fetch-in-order.ts';
import { DAY_MS } from './sync-calendar.ts';
import type { SyncContext } from './sync-context.ts';

/** Census-basis goods trade with Mexico, Canada and China, exports and imports. */
export const FRED_SERIES = ['EXPMX', 'IMPMX', 'EXPCA', 'IMPCA', 'EXPCH', 'IMPCH'];

/** FRED series as its CSV download (`fredgraph.csv?id=…`), read by the `fred-series` reader. */
export const fredConnector: Connector = {
  id: 'fred',
  title: 'FRED series (Federal Reserve Bank of St. Louis)',
  defaultBaseUrl: 'https://fred.stlouisfed.org',
  async run(ctx: SyncContext) {
    const series = ctx.config.sources.fred.series ?? FRED_SERIES;
    ctx.plan(series.length);
    const url = (id: string) => ctx.url(`/graph/fredgraph.csv?id=${id}`);
    await fetchInOrder(
      series,
      (id) => ctx.get({ url: url(id), expect: 'csv', maxAgeMs: DAY_MS }),
      async (id, r) => {
        if (!r.ok) return ctx.fail(r.error);
        if (r.value.kind === 'body') await ctx.ingest(r.value.path, url(id));
      },
    );
  },
};
