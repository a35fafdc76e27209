import { censusVintages } from '../analytics/census-vintages.ts';
import { cagr, change, rates, share } from '../analytics/growth.ts';
import { CoverageError } from '../analytics/lookup-error.ts';
import { provenance, readProvenance } from '../analytics/provenance.ts';
import { rankPartners } from './shared-analytics.ts';
import { compileTrade } from '../analytics/trade-queries.ts';
import type { Store } from '../store/open-store.ts';
import type { Claim } from './claim.ts';
import { call, numFigure, usdFigure } from './computed-figure.ts';
import { flowLabel, flowValue, type Totals } from './flow-value.ts';
import type { At, ComputedFigure, Measurement } from './measurement.ts';
import { NotVerifiable } from './not-verifiable.ts';
import { partnerYears } from './partner-years.ts';

/**
 * Value, growth, rate, share and per-capita claims about one partner, a group or the world,
 * from the partner profiles of the year (the current vintage) or, for an older release, from
 * the partner series of that release.
 */
export async function measurePartner(store: Store, claim: Claim, at: At): Promise<Measurement> {
  if (claim.subject.kind !== 'partners') throw new Error('measurePartner needs partners');
  const partners = claim.subject.partners;
  const year = at.year!;
  const label = flowLabel(claim.flow, claim.balance, partners);
  const { yearly, profiles, query } = await partnerYears(
    store,
    partners.map((p) => p.code),
    year,
    at.vintage,
  );
  const notes: string[] = [];
  const result = async (
    value: number,
    computed: ComputedFigure[],
    what: string,
    population = false,
  ): Promise<Measurement> => {
    const sources = at.vintage
      ? (await censusVintages(store)).filter((v) => v.vintage === at.vintage).map((v) => v.source)
      : [
          ...(await readProvenance(
            store,
            compileTrade({ kind: 'partner-monthly', partners: partners.map((p) => p.code) })
              .reads ?? [],
          )),
        ];
    if (population) sources.push(...(await provenance(store, ['population'])));
    if (at.vintage) notes.push(`as published in the ${at.vintage} release of country.xlsx`);
    return { value, computed, label: what, at, query, sources, notes };
  };

  if (at.month) {
    if (claim.kind !== 'value')
      throw new NotVerifiable(
        `a ${claim.kind.replace('_', ' ')} for one month is not computed`,
        'a yearly statement, or the monthly series (frontera series --monthly)',
      );
    let t: Totals = { exports: 0n, imports: 0n };
    for (const p of profiles) {
      const m = p.monthly.find((x) => x.month === at.month);
      if (!m || m.exports === null)
        throw new CoverageError(
          `Census trade with ${p.partner.name}`,
          at.month,
          `${p.coverage.first} – ${p.coverage.last}`,
        );
      t = { exports: t.exports + (m.exports ?? 0n), imports: t.imports + (m.imports ?? 0n) };
    }
    const v = flowValue(t, claim.flow, claim.balance);
    return result(Number(v), [usdFigure(`${label}, ${at.month}`, v)], `${label}, ${at.month}`);
  }

  const current = yearly.get(year);
  if (!current)
    throw new NotVerifiable(
      `${year} is not in the ${at.vintage ? `${at.vintage} release` : 'loaded Census data'}`,
      `a Census country.xlsx release covering ${year}`,
    );
  if (current.months < 12)
    throw new NotVerifiable(
      `${year} is loaded for ${current.months} month${current.months === 1 ? '' : 's'} only (year to date); the statement is about the whole year`,
      `a Census country.xlsx release with all twelve months of ${year}`,
    );
  const total = flowValue(current.totals, claim.flow, claim.balance);
  const ofYear = (what: string) => `${what}, ${year}`;

  switch (claim.kind) {
    case 'value': {
      // A group's figure is shown with each partner's part.
      const parts =
        partners.length > 1
          ? profiles.map((p) =>
              usdFigure(
                ofYear(flowLabel(claim.flow, claim.balance, [p.partner])),
                flowValue(p.totals, claim.flow, claim.balance),
              ),
            )
          : [];
      return result(Number(total), [usdFigure(ofYear(label), total), ...parts], ofYear(label));
    }
    case 'growth_pct':
    case 'growth_usd': {
      const base = claim.since ?? year - 1;
      const prior = yearly.get(base);
      if (!prior || prior.months < 12)
        throw new NotVerifiable(
          `${base} is not loaded as a complete year`,
          `Census partner totals for all of ${base}`,
        );
      const c = change(flowValue(prior.totals, claim.flow, claim.balance), total)!;
      const ends = [usdFigure(`${label}, ${base}`, c.from), usdFigure(ofYear(label), c.to)];
      if (claim.kind === 'growth_usd') {
        const what = `change in ${label}, ${base}–${year}`;
        return result(Number(c.usd), [usdFigure(what, c.usd), ...ends], what);
      }
      if (c.pct === null)
        throw new NotVerifiable(`${label} was zero in ${base}`, 'a non-zero base year');
      // "grew 4.2 percent a year since 2012": the compound annual rate over the span.
      if (claim.per === 'year' && year - base > 1) {
        const rate = cagr(c.from, c.to, year - base);
        if (rate === null)
          throw new NotVerifiable(
            `no compound rate: ${label} was not positive`,
            'positive values at both ends',
          );
        const what = `average yearly growth (CAGR) of ${label}, ${base}–${year}`;
        return result(rate, [numFigure(what, rate, 'percent'), ...ends], what);
      }
      const what = `growth of ${label}, ${base}–${year}`;
      return result(c.pct, [numFigure(what, c.pct, 'percent'), ...ends], what);
    }
    case 'rate': {
      const days = profiles[0]?.rates.exports.days ?? (year % 4 === 0 ? 366 : 365);
      const r = rates(total, days);
      const per = claim.per === 'hour' || claim.per === 'minute' ? claim.per : 'day';
      const v = { day: r.perDay, hour: r.perHour, minute: r.perMinute }[per];
      notes.push(`rates divide ${year}'s total by its ${days} days`);
      const what = `${label} per ${per}, ${year}`;
      return result(v, [numFigure(what, v, 'usd'), usdFigure(ofYear(label), total)], what);
    }
    case 'share': {
      if (claim.flow === 'balance')
        throw new NotVerifiable(
          'a share of the US balance is not defined',
          'a share of exports, imports or two-way trade',
        );
      const { world } = await rankPartners(store, { year, limit: 1 });
      query.push(
        call(
          `rankPartners(store, { year: ${year} })`,
          compileTrade({ kind: 'partner-ranking', year, months: 12 }),
        ),
      );
      const whole = {
        exports: world.exports,
        imports: world.imports,
        two_way:
          world.exports !== null && world.imports !== null ? world.exports + world.imports : null,
      }[claim.flow];
      const s = share(total, whole);
      if (s === null || whole === null)
        throw new NotVerifiable(
          `no US world total is loaded for ${year}`,
          'Census country.xlsx with the world total (0015)',
        );
      const flowWord = claim.flow === 'two_way' ? 'trade' : claim.flow;
      const what = `${label} as a share of all US ${flowWord}, ${year}`;
      return result(
        s,
        [
          numFigure(what, s, 'percent'),
          usdFigure(ofYear(label), total),
          usdFigure(`US ${flowWord} with the world, ${year}`, whole),
        ],
        what,
      );
    }
    case 'per_capita': {
      let population = 0n;
      for (const p of profiles) {
        if (!p.perCapita)
          throw new NotVerifiable(
            `no population is loaded for ${p.partner.name}`,
            'World Bank population (SP.POP.TOTL) for the partner',
          );
        population += p.perCapita.population;
        if (p.perCapita.year !== year)
          notes.push(`${p.partner.name}: ${p.perCapita.year} population, the latest loaded`);
      }
      const v = Number(total) / Number(population);
      const what = `${label} per person in ${partners.map((p) => p.name).join(' and ')}, ${year}`;
      const people: ComputedFigure = {
        label: `population, ${year}`,
        value: population,
        unit: 'count',
        display: population.toLocaleString('en-US'),
      };
      return result(
        v,
        [numFigure(what, v, 'usd'), usdFigure(ofYear(label), total), people],
        what,
        true,
      );
    }
    default:
      throw new Error(`measurePartner cannot measure ${claim.kind}`);
  }
}
