import type { Connector } from './connector.ts';
import type { SyncContext } from './sync-context.ts';

/**
 * CBP Border Wait Times (`bwtnew`): the current reading of every land port. Always fetched
 * afresh; each response is appended to `wait_times`: an observation already stored (same
 * port, crossing, lane and update time) saying the same is not stored twice, one saying
 * something new is kept as its latest revision. Under `watch cbp` each pull is first kept in
 * the watch folder, named by its pull time in UTC like `cbp/bwt-history/`, and loaded from
 * there by the same reader.
 */
export const cbpWaitTimesConnector: Connector = {
  id: 'cbp',
  title: 'CBP Border Wait Times (bwtnew)',
  defaultBaseUrl: 'https://bwt.cbp.gov',
  async run(ctx: SyncContext) {
    const url = ctx.url('/api/bwtnew');
    ctx.plan(1);
    try {
      const r = await ctx.get({ url, expect: 'json', maxAgeMs: 0 });
      if (r.kind !== 'body') return;
      const keep = ctx.options.keepDir;
      await ctx.ingest(keep ? await ctx.keep(r.path, keep, 'bwtnew', '.json') : r.path, url);
    } catch (e) {
      ctx.fail(e);
    }
  },
};
