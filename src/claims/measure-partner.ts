import { censusVintages } from '../analytics/census-vintages.ts';
import { CoverageError } from '../analytics/lookup-error.ts';
import { partnerProfile, type PartnerProfile } from '../analytics/partner-profile.ts';
import { partnerSeries } from '../analytics/partner-series.ts';
import { provenance } from '../analytics/provenance.ts';
import { rankPartners } from '../analytics/top-partners.ts';
import { cagr, change, rates, share } from '../analytics/growth.ts';
import { compileTrade } from '../analytics/trade-queries.ts';
import type { Store } from '../store/open-store.ts';
import type { Claim } from './claim.ts';
import { call, numFigure, usdFigure } from './computed-figure.ts';
import { flowLabel, flowValue, type Totals } from './flow-value.ts';
import type { At, ComputedFigure, Measurement, QueryUsed } from './measurement.ts';
import { NotVerifiable } from './not-verifiable.ts';

/**
 * Value, growth, rate, share and per-capita claims about one partner or a group, from the
 * partner profiles of the year (the current vintage) or, for an older release, from the
 * partner series of that vintage.
 */
export async function measurePartner(store: Store, claim: Claim, at: At): Promise<Measurement> {
  if (claim.subject.kind !== 'partners') throw new Error('measurePartner needs partners');
  const partners = claim.subject.partners;
  const year = at.year!;
  const codes = partners.map((p) => p.code);
  const label = flowLabel(claim.flow, claim.balance, partners);
  const query: QueryUsed[] = [];
  const notes: string[] = [];

  // Years of each partner, summed: from profiles (current) or the vintage's series.
  const yearly = new Map<number, { totals: Totals; months: number }>();
  const profiles: PartnerProfile[] = [];
  const add = (y: number, t: Totals, months: number) => {
    const have = yearly.get(y) ?? { totals: { exports: 0n, imports: 0n }, months: 12 };
    yearly.set(y, {
      totals: {
        exports: have.totals.exports + t.exports,
        imports: have.totals.imports + t.imports,
      },
      months: Math.min(have.months, months),
    });
  };
  for (const code of codes) {
    if (at.vintage) {
      const s = await partnerSeries(store, code, { vintage: at.vintage });
      query.push(
        call(
          `partnerSeries(store, '${code}', { vintage: '${at.vintage}' })`,
          compileTrade({ kind: 'partner-annual', partners: [code], vintage: at.vintage }),
        ),
      );
      for (const r of s.rows)
        add(
          Number(r.period),
          { exports: r.exports ?? 0n, imports: r.imports ?? 0n },
          r.months ?? 12,
        );
    } else {
      const p = await profileFor(store, code, year);
      profiles.push(p);
      query.push(
        call(
          `partnerProfile(store, '${code}', { year: ${year} })`,
          compileTrade({ kind: 'partner-monthly', partners: [code] }),
        ),
      );
      for (const y of p.yearly)
        add(y.year, { exports: y.exports ?? 0n, imports: y.imports ?? 0n }, y.months);
    }
  }
  const current = yearly.get(year);
  if (!current)
    throw new NotVerifiable(
      `${year} is not in the ${at.vintage ? `${at.vintage} release` : 'loaded Census data'}`,
      `a Census country.xlsx release covering ${year}`,
    );

  // A month: the value of that month only.
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
    return done(
      claim,
      at,
      Number(v),
      [usdFigure(`${label}, ${at.month}`, v)],
      `${label}, ${at.month}`,
      query,
      notes,
    );
  }

  if (current.months < 12)
    throw new NotVerifiable(
      `${year} is loaded for ${current.months} month${current.months === 1 ? '' : 's'} only (year to date); the statement is about the whole year`,
      `a Census country.xlsx release with all twelve months of ${year}`,
    );
  const total = flowValue(current.totals, claim.flow, claim.balance);
  const parts =
    codes.length > 1
      ? codes.map((c, i) => partFigure(profiles[i], c, claim, year)).filter((x) => x !== null)
      : [];

  switch (claim.kind) {
    case 'value':
      return done(
        claim,
        at,
        Number(total),
        [usdFigure(`${label}, ${year}`, total), ...parts],
        `${label}, ${year}`,
        query,
        notes,
      );
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
      const what = `change in ${label.replace(/^US /, 'US ')}, ${base}–${year}`;
      const from = usdFigure(`${label}, ${base}`, c.from);
      const to = usdFigure(`${label}, ${year}`, c.to);
      if (claim.kind === 'growth_usd')
        return done(
          claim,
          at,
          Number(c.usd),
          [usdFigure(what, c.usd), from, to],
          what,
          query,
          notes,
        );
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
        const what2 = `average yearly growth (CAGR) of ${label}, ${base}–${year}`;
        return done(
          claim,
          at,
          rate,
          [numFigure(what2, rate, 'percent'), from, to],
          what2,
          query,
          notes,
        );
      }
      return done(
        claim,
        at,
        c.pct,
        [numFigure(`growth of ${label}, ${base}–${year}`, c.pct, 'percent'), from, to],
        `growth of ${label}, ${base} to ${year}`,
        query,
        notes,
      );
    }
    case 'rate': {
      const days = profiles[0]?.rates.exports.days ?? (year % 4 === 0 ? 366 : 365);
      const r = rates(total, days);
      const per = claim.per === 'hour' || claim.per === 'minute' ? claim.per : 'day';
      const v = { day: r.perDay, hour: r.perHour, minute: r.perMinute }[per];
      notes.push(`rates divide ${year}'s total by its ${days} days`);
      return done(
        claim,
        at,
        v,
        [
          numFigure(`${label} per ${per}, ${year}`, v, 'usd'),
          usdFigure(`${label}, ${year}`, total),
        ],
        `${label} per ${per}, ${year}`,
        query,
        notes,
      );
    }
    case 'share': {
      const ranking = await rankPartners(store, { year, limit: 1 });
      query.push(
        call(
          `rankPartners(store, { year: ${year} })`,
          compileTrade({ kind: 'partner-ranking', year, months: 12 }),
        ),
      );
      const world = ranking.world;
      const whole =
        claim.flow === 'exports'
          ? world.exports
          : claim.flow === 'imports'
            ? world.imports
            : world.exports !== null && world.imports !== null
              ? world.exports + world.imports
              : null;
      const s = claim.flow === 'balance' ? null : share(total, whole);
      if (s === null)
        throw new NotVerifiable(
          'a share of the US balance is not defined',
          'a share of exports, imports or two-way trade',
        );
      const what = `${label} as a share of all US ${claim.flow === 'two_way' ? 'trade' : claim.flow}, ${year}`;
      return done(
        claim,
        at,
        s,
        [
          numFigure(what, s, 'percent'),
          usdFigure(`${label}, ${year}`, total),
          usdFigure(
            `US ${claim.flow === 'two_way' ? 'trade' : claim.flow} with the world, ${year}`,
            whole!,
          ),
        ],
        what,
        query,
        notes,
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
      return done(
        claim,
        at,
        v,
        [
          numFigure(what, v, 'usd'),
          usdFigure(`${label}, ${year}`, total),
          {
            label: `population, ${year}`,
            value: population,
            unit: 'count',
            display: population.toLocaleString('en-US'),
          },
        ],
        what,
        query,
        notes,
        ['population'],
      );
    }
    default:
      throw new Error(`measurePartner cannot measure ${claim.kind}`);
  }

  async function done(
    _c: Claim,
    a: At,
    value: number,
    computed: ComputedFigure[],
    what: string,
    q: QueryUsed[],
    n: string[],
    extra: 'population'[] = [],
  ): Promise<Measurement> {
    const sources = a.vintage
      ? (await censusVintages(store)).filter((v) => v.vintage === a.vintage).map((v) => v.source)
      : [...(await provenance(store, ['trade_country_month'], 'country.xlsx'))];
    if (extra.length) sources.push(...(await provenance(store, extra)));
    if (a.vintage) n.push(`as published in the ${a.vintage} release of country.xlsx`);
    return { value, computed, label: what, at: a, query: q, sources, notes: n };
  }
}

async function profileFor(store: Store, code: string, year: number): Promise<PartnerProfile> {
  try {
    return await partnerProfile(store, code, { year });
  } catch (e) {
    if (e instanceof CoverageError)
      throw new NotVerifiable(e.message, `a Census country.xlsx release covering ${year}`);
    throw e;
  }
}

function partFigure(
  p: PartnerProfile | undefined,
  code: string,
  claim: Claim,
  year: number,
): ComputedFigure | null {
  if (!p || p.partner.code !== code) return null;
  const v = flowValue(p.totals, claim.flow, claim.balance);
  return usdFigure(
    `${flowLabel(claim.flow, claim.balance, [{ code, name: p.partner.name }])}, ${year}`,
    v,
  );
}
