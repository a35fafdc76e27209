import type { Connector } from './connector.ts';
import type { SyncContext } from './sync-context.ts';

/**
 * CBP Border Wait Times (`bwtnew`): the current reading of every land port. Always fetched
 * afresh; each response is appended to `wait_times`: an observation already stored (same
 * port, crossing, lane and update time) saying the same is not stored twice, one saying
 * something new is kept as its latest revision.
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
      if (r.kind === 'body') await ctx.ingest(r.path, url);
    } catch (e) {
      ctx.fail(e);
    }
  },
};
