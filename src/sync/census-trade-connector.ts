import type { Connector } from './connector.ts';
import { fetchInOrder } from './fetch-in-order.ts';
import { DAY_MS, monthNumber, monthOfDate, monthText } from './sync-calendar.ts';
import type { HsLevel, SyncContext } from './sync-context.ts';

type Dataset = 'hs' | 'statehs' | 'porths';
type Direction = 'exports' | 'imports';

/**
 * The variables requested per endpoint (Census "Guide to International Trade Datasets" and
 * each endpoint's variables.json): partner, commodity, and the month's values. Port data are
 * general imports only; calculated duty is published with the national `hs` imports.
 */
const VARIABLES: Record<Dataset, Record<Direction, string[]>> = {
  hs: {
    exports: ['CTY_CODE', 'CTY_NAME', 'E_COMMODITY', 'ALL_VAL_MO'],
    imports: ['CTY_CODE', 'CTY_NAME', 'I_COMMODITY', 'GEN_VAL_MO', 'CON_VAL_MO', 'CAL_DUT_MO'],
  },
  statehs: {
    exports: ['STATE', 'CTY_CODE', 'CTY_NAME', 'E_COMMODITY', 'ALL_VAL_MO'],
    imports: ['STATE', 'CTY_CODE', 'CTY_NAME', 'I_COMMODITY', 'GEN_VAL_MO', 'CON_VAL_MO'],
  },
  porths: {
    exports: ['PORT', 'PORT_NAME', 'CTY_CODE', 'CTY_NAME', 'E_COMMODITY', 'ALL_VAL_MO'],
    imports: ['PORT', 'PORT_NAME', 'CTY_CODE', 'CTY_NAME', 'I_COMMODITY', 'GEN_VAL_MO'],
  },
};
const DATASETS: Dataset[] = ['hs', 'statehs', 'porths'];
const DIRECTIONS: Direction[] = ['exports', 'imports'];
/** State and port data are published down to HS6; only the national data go to HS10. */
const DEEPEST: Record<Dataset, HsLevel[]> = {
  hs: ['HS2', 'HS4', 'HS6', 'HS10'],
  statehs: ['HS2', 'HS4', 'HS6'],
  porths: ['HS2', 'HS4', 'HS6'],
};

export const DEFAULT_PARTNERS = ['2010', '1220', '5700', 'all'];
export const DEFAULT_LEVELS: HsLevel[] = ['HS2', 'HS4', 'HS6', 'HS10'];
const DEFAULT_SINCE = '2013-01';

interface Query {
  url: string;
  year: number;
}

/** The queries for the options: one a year per endpoint, flow, partner and HS level. */
export function censusQueries(ctx: SyncContext): Query[] {
  const since = ctx.options.since ?? DEFAULT_SINCE;
  const partners = ctx.options.partners ?? DEFAULT_PARTNERS;
  const levels = ctx.options.levels ?? DEFAULT_LEVELS;
  // The latest month that can have been released; an unreleased month is simply absent.
  const last = monthNumber(monthOfDate(ctx.now())) - 1;
  const out: Query[] = [];
  for (let y = Number(since.slice(0, 4)); y * 12 <= last; y++) {
    const from = monthText(Math.max(y * 12, monthNumber(since)));
    const to = monthText(Math.min(y * 12 + 11, last));
    const time = from === to ? from : `from ${from} to ${to}`;
    for (const dataset of DATASETS) {
      for (const direction of DIRECTIONS) {
        for (const partner of partners) {
          // Every partner at HS2 is a national (`hs`) pull; states and ports go by partner.
          if (partner === 'all' && dataset !== 'hs') continue;
          const lv =
            partner === 'all' ? ['HS2'] : levels.filter((l) => DEEPEST[dataset].includes(l));
          for (const level of lv) {
            const params = [
              `get=${VARIABLES[dataset][direction].join(',')}`,
              `time=${encodeURIComponent(time)}`,
              `COMM_LVL=${level}`,
              partner === 'all' ? 'SUMMARY_LVL=DET' : `CTY_CODE=${partner}`,
            ];
            out.push({
              url: ctx.url(
                `/data/timeseries/intltrade/${direction}/${dataset}?${params.join('&')}`,
              ),
              year: y,
            });
          }
        }
      }
    }
  }
  return out;
}

/**
 * US Census Bureau International Trade API (`hs`, `statehs`, `porths`; exports and imports;
 * monthly). Without a key the API allows about 500 calls a day per address: every attempt is
 * counted in the database and the sync stops before the limit, resuming on the next run
 * with what is left (cached answers are not asked for again). Responses are saved as the API
 * sent them and read by the `census-api-json` reader.
 */
export const censusTradeConnector: Connector = {
  id: 'census-api',
  title: 'US Census Bureau International Trade API',
  defaultBaseUrl: 'https://api.census.gov',
  async run(ctx: SyncContext) {
    const queries = censusQueries(ctx);
    ctx.plan(queries.length);
    const thisYear = ctx.now().getUTCFullYear();
    const key = ctx.options.censusKey;
    let empty = 0;
    const { remaining, quota } = await fetchInOrder(
      queries,
      (q) =>
        ctx.get({
          url: q.url,
          fetchUrl: key ? `${q.url}&key=${encodeURIComponent(key)}` : undefined,
          expect: 'json',
          allowEmpty: true,
          // Recent years gain months and revisions; older ones are asked for once.
          maxAgeMs: q.year >= thisYear - 1 ? DAY_MS : Infinity,
        }),
      async (q, r) => {
        if (!r.ok) return ctx.fail(r.error);
        if (r.value.kind === 'body') await ctx.ingest(r.value.path, q.url);
        else empty++;
      },
    );
    if (empty > 0) ctx.note(`${empty} queries had no data (HTTP 204)`);
    if (quota) {
      ctx.stoppedByQuota(
        `${quota.message}; ${remaining} of ${queries.length} queries remain: run frontera sync again tomorrow to resume, or set CENSUS_API_KEY`,
      );
    }
  },
};
