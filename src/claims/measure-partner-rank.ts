import type { RankedPartner, TradeMetric } from '../analytics/top-partners.ts';
import { rankPartners } from './shared-analytics.ts';
import { compileTrade } from '../analytics/trade-queries.ts';
import type { Store } from '../store/open-store.ts';
import type { Claim } from './claim.ts';
import { shortUsd } from './format-figure.ts';
import type { At, Measurement } from './measurement.ts';
import { call, numFigure, usdFigure } from './computed-figure.ts';
import { flowValue } from './flow-value.ts';
import { NotVerifiable } from './not-verifiable.ts';

const RANK_WORDS: Record<Claim['flow'], string> = {
  exports: 'US export market',
  imports: 'source of US imports',
  two_way: 'US trading partner',
  balance: 'US trade balance',
};

/**
 * "Mexico is the second-largest market for US goods": the partner's place among countries
 * (aggregates never ranked, ties share a place) by exports, imports, two-way trade, or the
 * size of the deficit or surplus.
 */
export async function measurePartnerRank(store: Store, claim: Claim, at: At): Promise<Measurement> {
  if (claim.subject.kind !== 'partners') throw new Error('measurePartnerRank needs partners');
  const [partner, ...more] = claim.subject.partners;
  if (!partner || more.length > 0)
    throw new NotVerifiable(
      'a rank is a place of one country; the statement names a group',
      'a statement about one partner',
    );
  if (partner.code < '1000')
    throw new NotVerifiable(
      `${partner.name} is a Census aggregate, and aggregates are not ranked among countries`,
      'a statement about one country',
    );
  const year = at.year!;
  const metric: TradeMetric = claim.flow === 'two_way' ? 'two_way' : claim.flow;
  const ranking = await rankPartners(store, { year, metric, limit: 100_000 });
  if (ranking.months < 12)
    throw new NotVerifiable(
      `${year} is loaded for ${ranking.months} month(s) only; a rank for the year needs all twelve`,
      `a Census country.xlsx release with all of ${year}`,
    );
  const value = (r: RankedPartner) => flowValue(r, claim.flow, claim.balance);
  const rows = [...ranking.rows].sort((a, b) =>
    value(a) === value(b) ? a.code.localeCompare(b.code) : value(a) > value(b) ? -1 : 1,
  );
  const ranks = new Map<string, number>();
  rows.forEach((r, i) =>
    ranks.set(
      r.code,
      i > 0 && value(rows[i - 1]!) === value(r) ? ranks.get(rows[i - 1]!.code)! : i + 1,
    ),
  );
  const rank = ranks.get(partner.code);
  if (rank === undefined)
    throw new NotVerifiable(
      `${partner.name} has no Census trade in ${year}`,
      `Census trade with ${partner.name} in ${year}`,
    );
  const what =
    claim.flow === 'balance'
      ? `${partner.name}'s place among countries by the size of the US ${claim.balance ?? 'balance'} with them, ${year}`
      : `${partner.name}'s place as a ${RANK_WORDS[claim.flow]}, ${year}`;
  const top = rows
    .slice(0, 3)
    .map((r) => `#${ranks.get(r.code)} ${r.name} (${shortUsd(Number(value(r)))})`)
    .join(', ');
  return {
    value: rank,
    computed: [
      numFigure(what, rank, 'rank'),
      usdFigure(
        `${partner.name}, ${claim.flow === 'balance' ? (claim.balance ?? 'balance') : claim.flow.replace('_', '-')}, ${year}`,
        value(rows.find((r) => r.code === partner.code)!),
      ),
    ],
    label: what,
    at,
    query: [
      call(
        `rankPartners(store, { year: ${year}, metric: '${metric}' })`,
        compileTrade({ kind: 'partner-ranking', year, months: 12 }),
      ),
    ],
    sources: ranking.sources,
    notes: [`of ${ranking.countries} countries; first three: ${top}`],
  };
}
