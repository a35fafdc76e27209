import type { Connector } from './connector.ts';
import { DAY_MS } from './sync-calendar.ts';
import type { SyncContext } from './sync-context.ts';

/**
 * Census `country.xlsx`: every partner's monthly trade since 1985 in one workbook. Each new
 * release is a new vintage (read by the `census-country-xlsx` reader).
 */
export const censusCountryConnector: Connector = {
  id: 'census-country',
  title: 'US Census Bureau country.xlsx',
  defaultBaseUrl: 'https://www.census.gov',
  async run(ctx: SyncContext) {
    const url = ctx.url('/foreign-trade/balance/country.xlsx');
    ctx.plan(1);
    try {
      const r = await ctx.get({ url, expect: 'zip', ext: 'xlsx', maxAgeMs: DAY_MS });
      if (r.kind === 'body') await ctx.ingest(r.path, url);
    } catch (e) {
      ctx.fail(e);
    }
  },
};
