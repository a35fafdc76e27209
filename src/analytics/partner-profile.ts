import { monthName } from '../model/month-names.ts';
import { memoize, type Store } from '../store/open-store.ts';
import { askedOften } from './asked-often.ts';
import { partnerMonthly } from './partner-annual.ts';
import { BASIS } from './basis.ts';
import { compileBorder } from './border-queries.ts';
import { daysInFirstMonths, daysInYear } from './calendar.ts';
import { runQuery, runShared } from './compiled-query.ts';
import { cagr, change, rates, share, type Change, type Rates } from './growth.ts';
import { loadLabels } from './labels.ts';
import { CoverageError } from './lookup-error.ts';
import {
  filesByValue,
  prefetchReads,
  readProvenance,
  valueKey,
  type Read,
  type SourceRef,
} from './provenance.ts';
import { periodFilter, transborderPeriod } from './transborder-period.ts';
import { transborderSplit } from './transborder-split.ts';
import { resolvePartner, type Partner } from './resolve-partner.ts';
import { compileTrade } from './trade-queries.ts';

export interface YearValues {
  year: number;
  exports: bigint | null;
  imports: bigint | null;
  /** Months published in this year (12 for a complete year). */
  months: number;
}

export interface Ranked {
  rank: number;
  of: number;
}

export interface Split {
  key: string;
  label: string;
  exports: bigint | null;
  imports: bigint | null;
  total: bigint;
  share: number | null;
}

export interface PartnerProfile {
  kind: 'partner-profile';
  partner: {
    code: string;
    name: string;
    nameEs: string | null;
    iso3: string | null;
    isAggregate: boolean;
  };
  year: number;
  /** 12 for a complete year; fewer means the figures are year to date. */
  months: number;
  coverage: { first: string; last: string };
  totals: { exports: bigint; imports: bigint; twoWay: bigint; balance: bigint };
  growth: { exports: Change | null; imports: Change | null; twoWay: Change | null; basis: string };
  cagr: {
    from: number;
    to: number;
    exports: number | null;
    imports: number | null;
    twoWay: number | null;
  } | null;
  ranks: { exportMarket: Ranked; importSource: Ranked; tradingPartner: Ranked } | null;
  share: { exports: number | null; imports: number | null; twoWay: number | null };
  perCapita: {
    population: bigint;
    year: number;
    exports: number;
    imports: number;
    twoWay: number;
  } | null;
  rates: { exports: Rates; imports: Rates; twoWay: Rates };
  yearly: YearValues[];
  monthly: { month: string; exports: bigint | null; imports: bigint | null }[];
  border: {
    transborder: {
      month: string;
      /** The period the panel shows, stated on it: "2015-01", or a year when all is loaded. */
      period: string;
      modes: Split[];
      usStates: Split[];
      ports: Split[];
    } | null;
    crossings: {
      year: number;
      /** The period the panel shows: the profile's year, or the latest complete one. */
      period: string;
      byMeasure: { measure: string; count: bigint }[];
      truckPorts: { port: string; name: string; count: bigint }[];
    } | null;
  } | null;
  basis: string[];
  sources: SourceRef[];
  notes: string[];
}

const CENSUS_SERIES = 'country.xlsx';

/**
 * Everything about one partner for one year: the orchestration reads as the profile, top to
 * bottom. The default year is the latest complete one; a partial year is year to date and is
 * compared with the same months a year earlier.
 */
export async function partnerProfile(
  store: Store,
  asked: string,
  opts: { year?: number } = {},
): Promise<PartnerProfile> {
  const partner = await resolvePartner(store, asked);
  const monthly = await monthlyValues(store, partner.code);
  const yearly = yearlyFrom(monthly);
  if (yearly.length === 0)
    throw new CoverageError(partner.name, 'any year', 'no Census partner totals for this partner');
  const year = pickYear(partner, yearly, opts.year);
  const current = yearly.find((y) => y.year === year)!;
  const months = current.months;
  const prior = sameMonths(monthly, year - 1, months, yearly);
  const totals = totalsOf(current);
  const notes: string[] = [];
  if (months < 12)
    notes.push(
      `${year} is year to date: January–${monthName(months)} (${months} months published)`,
    );

  // The rows each panel reads, so the result cites exactly their files and vintages.
  // (The partner's own months, `series = … AND partner_code = $code`, and its population in a
  // year, `iso3 = $iso3 AND year = $year`: their files looked up among every partner's.)
  // A one-off command asks its own files instead (see askedOften).
  const bulk = await askedOften(store, 'partner-profile');
  const files = bulk
    ? [
        ...((
          await filesByValue(
            store,
            'trade_country_month',
            ['partner_code'],
            `series = '${CENSUS_SERIES}'`,
          )
        ).get(valueKey([partner.code])) ?? []),
      ]
    : [];
  const reads: Read[] = [
    ...(bulk
      ? []
      : [
          {
            table: 'trade_country_month' as const,
            where: `series = '${CENSUS_SERIES}' AND partner_code = $code`,
            params: { code: partner.code },
          },
        ]),
    {
      table: 'trade_country_month',
      where: `series = '${CENSUS_SERIES}' AND year(month) = $year AND month(month) <= $months`,
      params: { year, months },
    },
  ];
  // The files these rows come from are looked up while the panels are computed.
  prefetchReads(store, reads);
  // The ranking, the border panels and the population are read side by side (on the read
  // pool); each keeps its own notes, added in this order.
  const borderNotes: string[] = [];
  const capitaNotes: string[] = [];
  const rankingRead = runShared(store, compileTrade({ kind: 'partner-ranking', year, months }));
  const borderRead =
    partner.code === '2010' || partner.code === '1220'
      ? borderPicture(store, partner.code, year, borderNotes, reads)
      : Promise.resolve(null);
  const capitaRead = perCapita(store, partner, year, totals, capitaNotes);
  if (!bulk)
    void capitaRead.then(
      (p) => {
        if (p) prefetchReads(store, [populationRead(partner.iso3, p.year)]);
      },
      () => undefined,
    );
  const [ranking, border, perHead] = await Promise.all([rankingRead, borderRead, capitaRead]);
  notes.push(...borderNotes, ...capitaNotes);
  const me = ranking.find((r) => r.partner_code === partner.code);
  const first = ranking[0];
  const worldExports = (first?.world_exports as bigint | null) ?? null;
  const worldImports = (first?.world_imports as bigint | null) ?? null;

  const days = months === 12 ? daysInYear(year) : daysInFirstMonths(year, months);
  const cagrSpan = cagrOver(yearly, year, 10);
  const coverage = {
    first: String(monthly[0]?.month ?? ''),
    last: String(monthly[monthly.length - 1]?.month ?? ''),
  };

  if (perHead && bulk)
    files.push(
      ...((await filesByValue(store, 'population', ['iso3', 'year'])).get(
        valueKey([partner.iso3, perHead.year]),
      ) ?? []),
    );
  else if (perHead) reads.push(populationRead(partner.iso3, perHead.year));
  return {
    kind: 'partner-profile',
    partner: {
      code: partner.code,
      name: partner.name,
      nameEs: partner.nameEs,
      iso3: partner.iso3,
      isAggregate: partner.isAggregate,
    },
    year,
    months,
    coverage,
    totals,
    growth: {
      exports: change(prior?.exports, current.exports),
      imports: change(prior?.imports, current.imports),
      twoWay: prior ? change(totalsOf(prior).twoWay, totals.twoWay) : null,
      basis:
        months === 12
          ? `${year} against ${year - 1}`
          : `January–${monthName(months)} ${year} against the same months of ${year - 1}`,
    },
    cagr: cagrSpan,
    ranks: me
      ? {
          exportMarket: { rank: Number(me.export_rank), of: Number(me.countries) },
          importSource: { rank: Number(me.import_rank), of: Number(me.countries) },
          tradingPartner: { rank: Number(me.two_way_rank), of: Number(me.countries) },
        }
      : null,
    share: {
      exports: share(totals.exports, worldExports),
      imports: share(totals.imports, worldImports),
      twoWay: share(
        totals.twoWay,
        worldExports != null && worldImports != null ? worldExports + worldImports : null,
      ),
    },
    perCapita: perHead,
    rates: {
      exports: rates(totals.exports, days),
      imports: rates(totals.imports, days),
      twoWay: rates(totals.twoWay, days),
    },
    yearly,
    monthly: monthly.map((m) => ({
      month: String(m.month),
      exports: m.exports as bigint | null,
      imports: m.imports as bigint | null,
    })),
    border,
    basis: [
      BASIS.census_goods,
      ...(border?.transborder ? [BASIS.transborder] : []),
      ...(border?.crossings ? [BASIS.crossings] : []),
    ],
    sources: await readProvenance(store, reads, files),
    notes,
  };
}

/** The row of a country's population in a year that a per-capita figure divides by. */
function populationRead(iso3: string | null, year: number): Read {
  return {
    table: 'population',
    where: 'iso3 = $iso3 AND year = $year',
    params: { iso3, year },
  };
}

type MonthRow = { month: string; exports: bigint | null; imports: bigint | null };

async function monthlyValues(store: Store, code: string): Promise<MonthRow[]> {
  // A partner's months are the same whatever year is asked: read once per loaded state.
  const rows = await partnerMonthly(store, code);
  return rows.map((m) => ({
    month: String(m.month),
    exports: (m.exports as bigint | null) ?? null,
    imports: (m.imports as bigint | null) ?? null,
  }));
}

/** Years summed from months in exact bigint arithmetic; `months` counts those published. */
function yearlyFrom(monthly: MonthRow[]): YearValues[] {
  const years = new Map<number, YearValues>();
  for (const m of monthly) {
    const year = Number(m.month.slice(0, 4));
    const y = years.get(year) ?? { year, exports: null, imports: null, months: 0 };
    if (m.exports !== null) y.exports = (y.exports ?? 0n) + m.exports;
    if (m.imports !== null) y.imports = (y.imports ?? 0n) + m.imports;
    if (m.exports !== null && m.imports !== null) y.months++;
    years.set(year, y);
  }
  return [...years.values()].sort((a, b) => a.year - b.year);
}

function pickYear(partner: Partner, yearly: YearValues[], asked?: number): number {
  const span = `${yearly[0]!.year}–${yearly[yearly.length - 1]!.year}`;
  if (asked !== undefined) {
    if (!yearly.some((y) => y.year === asked))
      throw new CoverageError(`Census trade with ${partner.name}`, String(asked), span);
    return asked;
  }
  const complete = yearly.filter((y) => y.months === 12);
  return (complete[complete.length - 1] ?? yearly[yearly.length - 1]!).year;
}

/** The prior year's values over the same months (all 12 for a complete year). */
function sameMonths(
  monthly: MonthRow[],
  year: number,
  months: number,
  yearly: YearValues[],
): YearValues | undefined {
  if (months === 12) return yearly.find((y) => y.year === year && y.months === 12);
  const ytd = monthly.filter(
    (r) => r.month.startsWith(`${year}-`) && Number(r.month.slice(5)) <= months,
  );
  if (ytd.length < months) return undefined;
  const sum = (k: 'exports' | 'imports') => ytd.reduce((a, r) => a + (r[k] ?? 0n), 0n);
  return { year, exports: sum('exports'), imports: sum('imports'), months };
}

function totalsOf(y: YearValues) {
  const exports = y.exports ?? 0n;
  const imports = y.imports ?? 0n;
  return { exports, imports, twoWay: exports + imports, balance: exports - imports };
}

function cagrOver(yearly: YearValues[], year: number, span: number): PartnerProfile['cagr'] {
  const end = yearly.find((y) => y.year === year && y.months === 12);
  const start =
    yearly.find((y) => y.year === year - span && y.months === 12) ??
    yearly.find((y) => y.months === 12);
  if (!end || !start || start.year >= end.year) return null;
  const n = end.year - start.year;
  const a = totalsOf(start);
  const b = totalsOf(end);
  return {
    from: start.year,
    to: end.year,
    exports: cagr(a.exports, b.exports, n),
    imports: cagr(a.imports, b.imports, n),
    twoWay: cagr(a.twoWay, b.twoWay, n),
  };
}

async function perCapita(
  store: Store,
  partner: Partner,
  year: number,
  totals: ReturnType<typeof totalsOf>,
  notes: string[],
): Promise<PartnerProfile['perCapita']> {
  if (!partner.iso3 || partner.isAggregate) return null;
  // The latest population at or before the year, from the country's series read once.
  const row = (await populationSeries(store, partner.iso3)).find((r) => r.year <= year);
  if (!row) return null;
  const popYear = row.year;
  const population = row.population;
  if (popYear !== year)
    notes.push(`per-capita figures use ${popYear} population, the latest loaded`);
  const per = (v: bigint) => Number(v) / Number(population);
  return {
    population,
    year: popYear,
    exports: per(totals.exports),
    imports: per(totals.imports),
    twoWay: per(totals.twoWay),
  };
}

/** A country's populations, latest year first, read once per loaded state of the store. */
function populationSeries(
  store: Store,
  iso3: string,
): Promise<{ year: number; population: bigint }[]> {
  return memoize(store, `population:${iso3}`, async () => {
    // A server asked partner after partner looks each country up among every country's
    // populations, read once (see askedOften), in the same order (latest year first).
    if (await askedOften(store, 'population-series'))
      return (await everyPopulation(store)).get(iso3) ?? [];
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'population-series',
      tables: ['population'],
      params: { iso3 },
      sql: `SELECT year, population FROM population WHERE iso3 = $iso3 AND population IS NOT NULL
            ORDER BY year DESC`,
    });
    return rows.map((r) => ({ year: Number(r.year), population: BigInt(r.population as bigint) }));
  });
}

/** Every country's populations by ISO3 code, latest year first, read once per loaded state. */
function everyPopulation(
  store: Store,
): Promise<Map<string, { year: number; population: bigint }[]>> {
  return memoize(store, 'population-all', async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'population-series-all',
      tables: ['population'],
      params: {},
      sql: `SELECT iso3, year, population FROM population
            WHERE iso3 IS NOT NULL AND population IS NOT NULL ORDER BY iso3, year DESC`,
    });
    const byIso3 = new Map<string, { year: number; population: bigint }[]>();
    for (const r of rows) {
      const list = byIso3.get(String(r.iso3)) ?? [];
      list.push({ year: Number(r.year), population: BigInt(r.population as bigint) });
      byIso3.set(String(r.iso3), list);
    }
    return byIso3;
  });
}

async function borderPicture(
  store: Store,
  code: string,
  year: number,
  notes: string[],
  reads: Read[],
): Promise<PartnerProfile['border']> {
  const border = code === '2010' ? 'mexico' : 'canada';
  // What the panels need is read side by side (on the read pool); notes keep their order.
  const [labels, period, full] = await Promise.all([
    loadLabels(store),
    transborderPeriod(store, year),
    completeCrossingYears(store, border),
  ]);
  let transborder: NonNullable<PartnerProfile['border']>['transborder'] = null;
  if (period?.note) notes.push(period.note);
  const cy = full.includes(year) ? year : full[full.length - 1];
  if (cy !== undefined && cy !== year)
    notes.push(
      `BTS crossings are not loaded for all 12 months of ${year}: the crossings panels show ${cy}, the latest complete year`,
    );
  // One pass by port and measure; measure totals and the truck ranking are summed from it.
  const q =
    cy === undefined
      ? undefined
      : compileBorder({ kind: 'crossings-port-measure', border, year: cy });
  const split = async (
    by: 'mode' | 'us_state' | 'port',
    label: Map<string, string>,
    limit: number,
  ) =>
    period
      ? (
          await transborderSplit(store, { by, partner: code, ...periodFilter(period) }, label)
        ).slice(0, limit)
      : [];
  const tbReads = period
    ? (compileBorder({
        kind: 'transborder-split',
        by: 'mode',
        partner: code,
        ...periodFilter(period),
      }).reads ?? [])
    : [];
  prefetchReads(store, [...tbReads, ...(cy !== undefined ? (q?.reads ?? []) : [])]);
  const [modes, usStates, ports, rows] = await Promise.all([
    split('mode', labels.mode, 20),
    split('us_state', labels.usState, 10),
    split('port', labels.port, 10),
    q ? runShared(store, q) : Promise.resolve([]),
  ]);
  if (period) {
    reads.push(...tbReads);
    transborder = { month: period.month, period: period.label, modes, usStates, ports };
  }
  let crossings: NonNullable<PartnerProfile['border']>['crossings'] = null;
  if (cy !== undefined) {
    reads.push(...(q?.reads ?? []));
    const byMeasure = new Map<string, bigint>();
    for (const r of rows)
      byMeasure.set(
        String(r.measure),
        (byMeasure.get(String(r.measure)) ?? 0n) + (r.count as bigint),
      );
    crossings = {
      year: cy,
      period: String(cy),
      byMeasure: [...byMeasure]
        .map(([measure, count]) => ({ measure, count }))
        .sort((a, b) => (b.count > a.count ? 1 : b.count < a.count ? -1 : 0)),
      truckPorts: rows
        .filter((r) => r.measure === 'Trucks')
        .sort((a, b) =>
          (b.count as bigint) > (a.count as bigint)
            ? 1
            : (b.count as bigint) < (a.count as bigint)
              ? -1
              : 0,
        )
        .slice(0, 10)
        .map((p) => ({
          port: String(p.port_code),
          name: labels.port.get(String(p.port_code)) ?? String(p.port_code),
          count: p.count as bigint,
        })),
    };
  }
  return { transborder, crossings };
}

/** Years with all twelve months of crossings published for a border. */
function completeCrossingYears(store: Store, border: 'mexico' | 'canada'): Promise<number[]> {
  return memoize(store, `crossing-years:${border}`, async () => {
    const years = await runQuery(store, compileBorder({ kind: 'crossings', by: 'year', border }));
    return years.filter((y) => Number(y.months) === 12).map((y) => Number(y.key));
  });
}
