import { censusVintages } from '../analytics/census-vintages.ts';
import { compareGroupWithNext, comparePartners, partnerSeries } from './shared-analytics.ts';
import type { TradeMetric } from '../analytics/top-partners.ts';
import { compileTrade } from '../analytics/trade-queries.ts';
import type { Store } from '../store/open-store.ts';
import type { Claim, PartnerRef } from './claim.ts';
import type { SourceRef } from '../analytics/provenance.ts';
import type { At, Measurement, QueryUsed } from './measurement.ts';
import { call, numFigure, usdFigure } from './computed-figure.ts';
import { flowLabel, flowValue } from './flow-value.ts';
import { NotVerifiable } from './not-verifiable.ts';

const metricOf = (flow: Claim['flow']): TradeMetric => (flow === 'two_way' ? 'two_way' : flow);

/**
 * "Mexico buys 2.1 times more US goods than China": the first side's value over the second's
 * for the year, from the partner comparison (or, for an older release, that release's series).
 * "N times more" is read as "N times as much", as it is almost always meant.
 */
export async function measureRatio(store: Store, claim: Claim, at: At): Promise<Measurement> {
  if (claim.subject.kind !== 'partners' || claim.against?.kind !== 'partners')
    throw new NotVerifiable(
      'a ratio needs two partners',
      'a statement naming both sides of the ratio',
    );
  const year = at.year!;
  const a = { partners: claim.subject.partners, flow: claim.flow };
  const b = { partners: claim.against.partners, flow: claim.againstFlow ?? claim.flow };
  const query: QueryUsed[] = [];
  let sources: SourceRef[] = [];
  // One side's dollars: its partners summed, in its flow.
  const side = async (s: { partners: PartnerRef[]; flow: Claim['flow'] }): Promise<bigint> => {
    const codes = s.partners.map((p) => p.code);
    const years = { from: year, to: year };
    let total = 0n;
    if (at.vintage) {
      for (const code of codes) {
        const r = (await partnerSeries(store, code, { vintage: at.vintage, years })).rows.find(
          (x) => Number(x.period) === year,
        );
        if (!r || (r.months ?? 0) < 12)
          throw new NotVerifiable(
            `${year} is not complete in the ${at.vintage} release`,
            `the ${at.vintage} release with all of ${year}`,
          );
        total += flowValue(
          { exports: r.exports ?? 0n, imports: r.imports ?? 0n },
          s.flow,
          claim.balance,
        );
      }
      sources = (await censusVintages(store))
        .filter((v) => v.vintage === at.vintage)
        .map((v) => v.source);
      query.push(
        call(
          `partnerSeries(store, '${codes.join("', '")}', { vintage: '${at.vintage}' })`,
          compileTrade({ kind: 'partner-annual', partners: codes, years, vintage: at.vintage }),
        ),
      );
      return total;
    }
    const metric = metricOf(s.flow);
    const c = await comparePartners(store, codes, { metric, years });
    const row = c.rows.find((r) => r.year === year);
    if (!row || row.months < 12)
      throw new NotVerifiable(
        `${year} is not loaded as a complete year`,
        `a Census country.xlsx release with all of ${year}`,
      );
    for (const v of row.values)
      total += s.flow === 'balance' && claim.balance === 'deficit' ? -(v ?? 0n) : (v ?? 0n);
    sources = c.sources;
    query.push(
      call(
        `comparePartners(store, [${codes.map((x) => `'${x}'`).join(', ')}], { metric: '${metric}', years: { from: ${year}, to: ${year} } })`,
        compileTrade({ kind: 'partner-annual', partners: codes, years }),
      ),
    );
    return total;
  };
  const num = await side(a);
  const den = await side(b);
  const labelA = flowLabel(a.flow, claim.balance, a.partners);
  const labelB = flowLabel(b.flow, claim.balance, b.partners);
  if (den === 0n) throw new NotVerifiable(`${labelB} was zero in ${year}`, 'a non-zero comparison');
  const ratio = Number(num) / Number(den);
  const what = `${labelA} over ${b.flow === a.flow ? labelB.replace(/^US (exports|imports|two-way trade|trade balance|trade deficit|trade surplus) /, '$1 ') : labelB}, ${year}`;
  return {
    value: ratio,
    computed: [
      numFigure(what, ratio, 'times'),
      usdFigure(`${labelA}, ${year}`, num),
      usdFigure(`${labelB}, ${year}`, den),
    ],
    label: what,
    at,
    query,
    sources,
    notes: at.vintage ? [`as published in the ${at.vintage} release of country.xlsx`] : [],
  };
}

/** "Canada and Mexico together buy more than the next ten partners combined." */
export async function measureGroup(store: Store, claim: Claim, at: At): Promise<Measurement> {
  if (claim.subject.kind !== 'partners') throw new Error('measureGroup needs partners');
  const year = at.year!;
  const metric = metricOf(claim.flow);
  const codes = claim.subject.partners.map((p) => p.code);
  const next = claim.next ?? 10;
  const g = await compareGroupWithNext(store, codes, { metric, year, next });
  if (g.notes.some((n) => /year to date/.test(n)))
    throw new NotVerifiable(
      `${year} is loaded for part of the year only`,
      `a Census country.xlsx release with all of ${year}`,
    );
  if (g.ratio === null)
    throw new NotVerifiable('the next partners have no trade', 'a year with trade');
  const names = g.group.map((x) => x.name).join(' and ');
  const what = `${names} together against the next ${g.next.length} countries, ${metric.replace('_', '-')}, ${year} (ratio)`;
  return {
    value: g.ratio,
    computed: [
      numFigure(what, g.ratio, 'times'),
      usdFigure(`${names} together, ${year}`, g.groupTotal),
      usdFigure(
        `next ${g.next.length} (ranks ${g.next[0]?.rank}–${g.next.at(-1)?.rank}) together, ${year}`,
        g.nextTotal,
      ),
    ],
    label: what,
    at,
    query: [
      call(
        `compareGroupWithNext(store, [${codes.map((c) => `'${c}'`).join(', ')}], { metric: '${metric}', year: ${year}, next: ${next} })`,
        compileTrade({ kind: 'partner-ranking', year, months: 12 }),
      ),
    ],
    sources: g.sources,
    notes: [`the next ${g.next.length}: ${g.next.map((n) => n.name).join(', ')}`],
  };
}
