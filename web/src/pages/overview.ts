import { apiGet, apiUrl } from '../api.ts';
import { barChart } from '../charts/bar-chart.ts';
import { partnerColor } from '../charts/colors.ts';
import { lineChart } from '../charts/line-chart.ts';
import { controls, pageHead, select, yearOptions, type Ctx } from '../context.ts';
import { h } from '../dom.ts';
import { figure, stat } from '../figure.ts';
import { axisMoney, firstMonths, money, moneyShort, pct, ratio } from '../format.ts';
import {
  METRIC_FIELD,
  METRIC_INLINE,
  METRIC_LABEL,
  METRICS,
  metricOf,
  parseMetric,
  type Metric,
} from '../metric.ts';
import { partnerNames } from '../names.ts';
import type {
  GroupComparison,
  PartnerComparison,
  PartnerProfile,
  PartnerRanking,
} from '../types.ts';

const TRIO = ['2010', '1220', '5700'] as const;
const WORLD = '0015';
const CENSUS = ['census-country-xlsx'];

/** North America overview: Mexico and Canada against China and the world. */
export async function overviewPage(ctx: Ctx): Promise<Node> {
  const { lang } = ctx;
  const metric = parseMetric(ctx.q('metric'));
  const askedYear = ctx.q('year');
  // The ranking settles the year when the URL names none (the latest complete year).
  const topP = apiGet('top/partners', { metric, year: askedYear, limit: 10 });
  const [top, profiles, group, name] = await Promise.all([
    topP,
    Promise.all(TRIO.map((c) => apiGet(`profile/partner/${c}`, { year: askedYear }))),
    apiGet('compare/group', {
      partners: '2010,1220',
      next: 10,
      metric: metric === 'balance' ? 'two-way' : metric,
      year: askedYear,
    }),
    partnerNames(),
  ]);
  const year = top.year;
  const compare = (m: Metric) =>
    apiGet('compare', {
      partners: [...TRIO, WORLD].join(','),
      metric: m,
      years: `1985-${year}`,
    });
  // A balance has no share of the world: the share chart shows two-way trade instead.
  const [series, shareSeries] = await Promise.all([
    compare(metric),
    compare(metric === 'balance' ? 'two-way' : metric),
  ]);
  const label = (code: string, fallback: string) =>
    code === WORLD ? ctx.t('world') : name(lang, code, fallback);
  const metricLabel = ctx.t(METRIC_LABEL[metric]);
  const years = profiles[0]!.yearly.map((y) => y.year);
  const partial = top.months < 12 ? ctx.t('partialYear', { months: top.months }) : undefined;

  const head = pageHead(
    ctx.t('overviewTitle'),
    ctx.t('overviewLead'),
    controls(
      select(ctx, 'year', ctx.t('year'), yearOptions(years), String(year)),
      select(
        ctx,
        'metric',
        ctx.t('metric'),
        METRICS.map((m) => ({ value: m, label: ctx.t(METRIC_LABEL[m]) })),
        metric,
      ),
    ),
  );

  return h(
    'div',
    { class: 'page overview' },
    head,
    headline(ctx, metric, year, profiles, top, label, partial),
    h(
      'div',
      { class: 'grid' },
      seriesFigure(ctx, metric, metricLabel, series, label),
      shareFigure(ctx, metric === 'balance' ? 'two-way' : metric, shareSeries, label),
      ratesFigure(ctx, metric, year, profiles, label),
      topFigure(ctx, metric, top, label),
      groupFigure(ctx, group, label),
    ),
  );
}

function headline(
  ctx: Ctx,
  metric: Metric,
  year: number,
  profiles: PartnerProfile[],
  top: PartnerRanking,
  label: (code: string, fallback: string) => string,
  partial: string | undefined,
): HTMLElement {
  const { lang } = ctx;
  const field = METRIC_FIELD[metric];
  const rankKey =
    metric === 'exports'
      ? 'exportMarket'
      : metric === 'imports'
        ? 'importSource'
        : 'tradingPartner';
  const rankLabel =
    metric === 'exports'
      ? ctx.t('rankExportMarket')
      : metric === 'imports'
        ? ctx.t('rankImportSource')
        : ctx.t('rankTradingPartner');
  const worldValue = metricOf(metric, top.world.exports, top.world.imports);
  const cards = profiles.map((p) => {
    const v = p.totals[field];
    const rank = p.ranks?.[rankKey];
    const shareField = field === 'balance' ? 'twoWay' : field;
    return h(
      'div',
      { class: 'card', 'data-partner': p.partner.code },
      h(
        'h3',
        null,
        h(
          'a',
          { href: ctx.link('partner', p.partner.code, { year }) },
          label(p.partner.code, p.partner.name),
        ),
      ),
      stat(`${p.partner.code}-${field}`, ctx.t(METRIC_LABEL[metric]), money(lang, v), v),
      rank
        ? stat(
            `${p.partner.code}-rank`,
            rankLabel,
            ctx.t('rankOf', { rank: rank.rank, of: rank.of }),
            rank.rank,
          )
        : null,
      stat(
        `${p.partner.code}-share`,
        ctx.t('shareOfWorld'),
        pct(lang, p.share[shareField]),
        p.share[shareField] ?? '',
      ),
    );
  });
  cards.push(
    h(
      'div',
      { class: 'card world' },
      h('h3', null, ctx.t('world')),
      stat(
        `world-${field}`,
        ctx.t(METRIC_LABEL[metric]),
        money(lang, worldValue),
        worldValue?.toString(),
      ),
      stat('world-countries', ctx.t('countries'), String(top.countries), top.countries),
    ),
  );
  return figure(lang, {
    id: 'headline',
    title: ctx.t('headlineTitle', { partner: ctx.t('navOverview'), year: rankingPeriod(ctx, top) }),
    body: h('div', { class: 'cards' }, cards),
    sources: top.sources,
    only: CENSUS,
    wide: true,
    notes: partial ? [partial] : undefined,
    csv: {
      filename: `north-america-${year}.csv`,
      columns: ['partner_code', 'partner', 'year', 'metric', 'value_usd', 'rank', 'share_pct'],
      rows: [
        ...profiles.map((p) => [
          p.partner.code,
          p.partner.name,
          year,
          metric,
          p.totals[field],
          p.ranks?.[rankKey].rank,
          p.share[field === 'balance' ? 'twoWay' : field],
        ]),
        [WORLD, 'World', year, metric, worldValue?.toString(), null, 100],
      ],
    },
  });
}

function seriesFigure(
  ctx: Ctx,
  metric: Metric,
  metricLabel: string,
  cmp: PartnerComparison,
  label: (code: string, fallback: string) => string,
): HTMLElement {
  const rows = cmp.rows.filter((r) => r.months === 12);
  const trio = cmp.partners.map((p, i) => ({ p, i })).filter(({ p }) => p.code !== WORLD);
  const chart = lineChart({
    x: rows.map((r) => String(r.year)),
    series: trio.map(({ p, i }) => ({
      key: p.code,
      name: label(p.code, p.name),
      color: partnerColor(p.code, i),
      values: rows.map((r) => (r.values[i] == null ? null : Number(r.values[i]))),
    })),
    yTick: (v) => axisMoney(ctx.lang, v),
    yFull: (v) => money(ctx.lang, v),
    zero: metric !== 'balance',
  });
  return figure(ctx.lang, {
    id: 'series',
    title: ctx.t('seriesTitle', {
      metric: metricLabel,
      from: cmp.years.from,
      to: rows.at(-1)?.year ?? cmp.years.to,
    }),
    body: chart,
    sources: cmp.sources,
    csv: {
      url: apiUrl('compare', {
        partners: cmp.partners.map((p) => p.code).join(','),
        metric,
        years: `${cmp.years.from}-${cmp.years.to}`,
      }),
    },
  });
}

function shareFigure(
  ctx: Ctx,
  metric: Exclude<Metric, 'balance'>,
  cmp: PartnerComparison,
  label: (code: string, fallback: string) => string,
): HTMLElement {
  const w = cmp.partners.findIndex((p) => p.code === WORLD);
  const rows = cmp.rows.filter((r) => r.months === 12 && r.values[w] != null);
  const trio = cmp.partners.map((p, i) => ({ p, i })).filter(({ p }) => p.code !== WORLD);
  const shareAt = (r: PartnerComparison['rows'][number], i: number) =>
    r.values[i] == null || r.values[w] == null
      ? null
      : (Number(r.values[i]) / Number(r.values[w])) * 100;
  const chart = lineChart({
    x: rows.map((r) => String(r.year)),
    series: trio.map(({ p, i }) => ({
      key: p.code,
      name: label(p.code, p.name),
      color: partnerColor(p.code, i),
      values: rows.map((r) => shareAt(r, i)),
    })),
    yTick: (v) => pct(ctx.lang, v).replace(/[.,]0(?=\s?%)/, ''),
    yFull: (v) => pct(ctx.lang, v),
  });
  return figure(ctx.lang, {
    id: 'share',
    title: ctx.t('shareSeriesTitle', {
      metric: ctx.t(METRIC_LABEL[metric]),
      from: rows[0]?.year ?? '',
      to: rows.at(-1)?.year ?? '',
    }),
    body: chart,
    sources: cmp.sources,
    csv: {
      filename: `share-of-us-trade-${metric}.csv`,
      columns: ['year', ...trio.map(({ p }) => `${p.code}_share_pct`)],
      rows: rows.map((r) => [r.year, ...trio.map(({ i }) => shareAt(r, i))]),
    },
  });
}

function ratesFigure(
  ctx: Ctx,
  metric: Metric,
  year: number,
  profiles: PartnerProfile[],
  label: (code: string, fallback: string) => string,
): HTMLElement {
  const { lang } = ctx;
  const field = metric === 'exports' ? 'exports' : metric === 'imports' ? 'imports' : 'twoWay';
  const table = h(
    'table',
    { class: 'table rates' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', null, ctx.t('partner')),
        ['perDay', 'perHour', 'perMinute'].map((k) =>
          h('th', { class: 'num' }, ctx.t(k as 'perDay')),
        ),
      ),
    ),
    h(
      'tbody',
      null,
      profiles.map((p) => {
        const r = p.rates[field];
        return h(
          'tr',
          { 'data-partner': p.partner.code },
          h('th', null, label(p.partner.code, p.partner.name)),
          h(
            'td',
            { class: 'num', 'data-stat': `${p.partner.code}-perDay`, 'data-value': r.perDay },
            money(lang, r.perDay),
          ),
          h(
            'td',
            { class: 'num', 'data-stat': `${p.partner.code}-perHour`, 'data-value': r.perHour },
            money(lang, r.perHour),
          ),
          h(
            'td',
            { class: 'num', 'data-stat': `${p.partner.code}-perMinute`, 'data-value': r.perMinute },
            money(lang, r.perMinute),
          ),
        );
      }),
    ),
  );
  return figure(lang, {
    id: 'rates',
    title: ctx.t('ratesTitle', {
      metric: ctx.t(METRIC_LABEL[metric === 'balance' ? 'two-way' : metric]),
      // Rates of a partial year divide by the days of its published months: say so.
      year:
        (profiles[0]?.months ?? 12) < 12
          ? ctx.t('yearToDate', { year, months: firstMonths(ctx.lang, profiles[0]!.months) })
          : year,
    }),
    body: table,
    sources: profiles[0]!.sources,
    only: CENSUS,
    csv: {
      filename: `rates-${year}.csv`,
      columns: [
        'partner_code',
        'partner',
        'year',
        'flow',
        'days',
        'per_day_usd',
        'per_hour_usd',
        'per_minute_usd',
      ],
      rows: profiles.map((p) => {
        const r = p.rates[field];
        return [
          p.partner.code,
          p.partner.name,
          year,
          field,
          r.days,
          r.perDay,
          r.perHour,
          r.perMinute,
        ];
      }),
    },
  });
}

function topFigure(
  ctx: Ctx,
  metric: Metric,
  top: PartnerRanking,
  label: (code: string, fallback: string) => string,
): HTMLElement {
  const field = METRIC_FIELD[metric];
  // A partial year is ranked as year to date, each bar beside the same months a year earlier.
  const ytd = top.period.yearToDate;
  const prior = ytd && top.period.comparedWith ? top.year - 1 : null;
  const bars = barChart(
    top.rows.map((r, i) => ({
      key: r.code,
      label: `${r.rank}. ${label(r.code, r.name)}`,
      value: Number(r[field]),
      display:
        prior !== null
          ? `${money(ctx.lang, r[field])} (${prior}: ${money(ctx.lang, r.prior)})`
          : money(ctx.lang, r[field]),
      short:
        prior !== null
          ? `${moneyShort(ctx.lang, r[field])} (${prior}: ${moneyShort(ctx.lang, r.prior)})`
          : moneyShort(ctx.lang, r[field]),
      href: ctx.link('partner', r.code, { year: top.year }),
      highlight: (TRIO as readonly string[]).includes(r.code),
      color: (TRIO as readonly string[]).includes(r.code) ? partnerColor(r.code, i) : undefined,
    })),
    { color: '#8a96a3' },
  );
  return figure(ctx.lang, {
    id: 'top-partners',
    title: ctx.t('topPartnersTitle', {
      n: top.rows.length,
      metric: ctx.t(METRIC_INLINE[metric]),
      year: rankingPeriod(ctx, top),
    }),
    body: bars,
    notes: ytd
      ? [
          ctx.t('ytdRankNote', {
            months: firstMonths(ctx.lang, top.months),
            year: top.year,
            prior: top.year - 1,
          }),
        ]
      : undefined,
    sources: top.sources,
    csv: { url: apiUrl('top/partners', { metric, year: top.year, limit: 10 }) },
  });
}

function groupFigure(
  ctx: Ctx,
  g: GroupComparison,
  label: (code: string, fallback: string) => string,
): HTMLElement {
  const { lang } = ctx;
  const groupName = g.group.map((p) => label(p.code, p.name)).join(' + ');
  const bars = barChart([
    {
      key: 'group',
      label: groupName,
      value: Number(g.groupTotal),
      display: money(lang, g.groupTotal),
      short: moneyShort(lang, g.groupTotal),
      color: '#0a7d55',
    },
    ...g.next.map((p) => ({
      key: p.code,
      label: `${p.rank}. ${label(p.code, p.name)}`,
      value: Number(p.value),
      display: money(lang, p.value),
      short: moneyShort(lang, p.value),
      href: ctx.link('partner', p.code, { year: g.year }),
    })),
    {
      key: 'next',
      label: ctx.t('nextTogether', { n: g.next.length }),
      value: Number(g.nextTotal),
      display: money(lang, g.nextTotal),
      short: moneyShort(lang, g.nextTotal),
      color: '#555d66',
    },
  ]);
  return figure(lang, {
    id: 'group',
    title: ctx.t('groupTitle', {
      group: groupName,
      n: g.next.length,
      metric: ctx.t(METRIC_INLINE[g.metric === 'two_way' ? 'two-way' : (g.metric as Metric)]),
      year: rankingPeriod(ctx, g),
    }),
    body: h(
      'div',
      null,
      h(
        'p',
        { class: 'sentence', 'data-stat': 'group-ratio', 'data-value': g.ratio ?? '' },
        ctx.t('groupSentence', {
          group: groupName,
          a: money(lang, g.groupTotal),
          n: g.next.length,
          b: money(lang, g.nextTotal),
          ratio: ratio(lang, g.ratio),
        }),
      ),
      bars,
    ),
    sources: g.sources,
    csv: {
      url: apiUrl('compare/group', {
        partners: '2010,1220',
        next: 10,
        metric: g.metric === 'two_way' ? 'two-way' : g.metric,
        year: g.year,
      }),
    },
  });
}

/** "2022", or "2023 year to date (January)" in the page's language. */
function rankingPeriod(ctx: Ctx, r: Pick<PartnerRanking, 'year' | 'period'>): string {
  return r.period.yearToDate
    ? ctx.t('yearToDate', {
        year: r.year,
        months: firstMonths(ctx.lang, Number(r.period.to.slice(5, 7))),
      })
    : String(r.year);
}
