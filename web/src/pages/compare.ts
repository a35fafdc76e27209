import { apiGet, apiUrl } from '../api.ts';
import { barChart } from '../charts/bar-chart.ts';
import { partnerColor } from '../charts/colors.ts';
import { lineChart } from '../charts/line-chart.ts';
import { controls, pageHead, select, textForm, type Ctx } from '../context.ts';
import { h } from '../dom.ts';
import { figure } from '../figure.ts';
import { axisMoney, money, moneyShort, pct, ratio } from '../format.ts';
import { METRIC_INLINE, METRIC_LABEL, METRICS, parseMetric } from '../metric.ts';
import { partnerNames } from '../names.ts';

const DEFAULT_PARTNERS = 'mexico,canada,china';

/** Partners side by side: yearly series, ratios, average growth, and a group against the next N. */
export async function comparePage(ctx: Ctx): Promise<Node> {
  const { lang } = ctx;
  const partners = ctx.q('partners') ?? DEFAULT_PARTNERS;
  const metric = parseMetric(ctx.q('metric'));
  const years = ctx.q('years');
  const [cmp, latest, name] = await Promise.all([
    apiGet('compare', { partners, metric, years }),
    apiGet('top/partners', { limit: 1 }),
    partnerNames(),
  ]);
  const group = await apiGet('compare/group', {
    partners: cmp.partners.map((p) => p.code).join(','),
    next: 10,
    metric: metric === 'balance' ? 'two-way' : metric,
    year: cmp.years.to,
  });
  const label = (code: string, fallback: string) => name(lang, code, fallback);
  const metricLabel = ctx.t(METRIC_LABEL[metric]);
  const allYears = Array.from({ length: latest.year - 1985 + 2 }, (_, i) => 1985 + i);
  const yearSel = (key: 'from' | 'to') =>
    select(
      ctx,
      key,
      ctx.t(key === 'from' ? 'yearFrom' : 'yearTo'),
      allYears.map((y) => ({ value: String(y), label: String(y) })),
      String(cmp.years[key]),
      (v) => {
        const from = key === 'from' ? Number(v) : cmp.years.from;
        const to = key === 'to' ? Number(v) : cmp.years.to;
        return ctx.withQuery({ years: `${Math.min(from, to)}-${Math.max(from, to)}` });
      },
    );

  const series = figure(lang, {
    id: 'compare-series',
    title: ctx.t('compareSeriesTitle', {
      metric: metricLabel,
      from: cmp.years.from,
      to: cmp.years.to,
    }),
    wide: true,
    body: lineChart({
      x: cmp.rows.map((r) => String(r.year)),
      series: cmp.partners.map((p, i) => ({
        key: p.code,
        name: label(p.code, p.name),
        color: partnerColor(p.code, i),
        values: cmp.rows.map((r) => (r.values[i] == null ? null : Number(r.values[i]))),
      })),
      yTick: (v) => axisMoney(lang, v),
      yFull: (v) => money(lang, v),
      zero: metric !== 'balance',
      width: 1100,
      height: 340,
    }),
    sources: cmp.sources,
    notes: cmp.rows
      .filter((r) => r.months < 12)
      .map((r) => `${r.year}: ${ctx.t('partialYear', { months: r.months })}`),
    csv: {
      url: apiUrl('compare', {
        partners: cmp.partners.map((p) => p.code).join(','),
        metric,
        years: `${cmp.years.from}-${cmp.years.to}`,
      }),
    },
  });

  const last = cmp.rows.at(-1);
  const ratios = figure(lang, {
    id: 'ratios',
    title: ctx.t('ratiosTitle', { year: last?.year ?? cmp.years.to }),
    body: h(
      'ul',
      { class: 'sentences' },
      cmp.ratios.map((r) => {
        const a = cmp.partners.find((p) => p.name === r.of);
        const b = cmp.partners.find((p) => p.name === r.to);
        return h(
          'li',
          { 'data-stat': `ratio-${a?.code}-${b?.code}`, 'data-value': r.ratio ?? '' },
          ctx.t('ratioSentence', {
            a: a ? label(a.code, a.name) : r.of,
            b: b ? label(b.code, b.name) : r.to,
            ratio: ratio(lang, r.ratio),
          }),
        );
      }),
    ),
    sources: cmp.sources,
    csv: {
      filename: 'ratios.csv',
      columns: ['year', 'metric', 'of', 'to', 'ratio'],
      rows: cmp.ratios.map((r) => [last?.year, metric, r.of, r.to, r.ratio]),
    },
  });

  const cagr = figure(lang, {
    id: 'cagr',
    title: ctx.t('cagrTitle', { from: cmp.years.from, to: cmp.years.to }),
    body: barChart(
      cmp.cagr.map((c, i) => {
        const p = cmp.partners.find((x) => x.code === c.code);
        return {
          key: c.code,
          label: label(c.code, p?.name ?? c.code),
          value: c.cagr ?? 0,
          display: pct(lang, c.cagr, true),
          color: partnerColor(c.code, i),
          href: ctx.link('partner', c.code),
        };
      }),
    ),
    sources: cmp.sources,
    csv: {
      filename: 'cagr.csv',
      columns: ['partner_code', 'metric', 'from', 'to', 'cagr_pct'],
      rows: cmp.cagr.map((c) => [c.code, metric, cmp.years.from, cmp.years.to, c.cagr]),
    },
  });

  const groupName = group.group.map((p) => label(p.code, p.name)).join(' + ');
  const gMetric = ctx.t(
    METRIC_INLINE[group.metric === 'two_way' ? 'two-way' : (group.metric as 'exports')],
  );
  const groupFig = figure(lang, {
    id: 'group',
    title: ctx.t('groupTitle', {
      group: groupName,
      n: group.next.length,
      metric: gMetric,
      year: group.year,
    }),
    body: h(
      'div',
      null,
      h(
        'p',
        { class: 'sentence', 'data-stat': 'group-ratio', 'data-value': group.ratio ?? '' },
        ctx.t('groupSentence', {
          group: groupName,
          a: money(lang, group.groupTotal),
          n: group.next.length,
          b: money(lang, group.nextTotal),
          ratio: ratio(lang, group.ratio),
        }),
      ),
      barChart([
        {
          key: 'group',
          label: groupName,
          value: Number(group.groupTotal),
          display: money(lang, group.groupTotal),
          short: moneyShort(lang, group.groupTotal),
          color: '#0a7d55',
        },
        {
          key: 'next',
          label: ctx.t('nextTogether', { n: group.next.length }),
          value: Number(group.nextTotal),
          display: money(lang, group.nextTotal),
          short: moneyShort(lang, group.nextTotal),
          color: '#555d66',
        },
      ]),
    ),
    sources: group.sources,
    csv: {
      url: apiUrl('compare/group', {
        partners: group.group.map((p) => p.code).join(','),
        next: 10,
        metric: group.metric === 'two_way' ? 'two-way' : group.metric,
        year: group.year,
      }),
    },
  });

  return h(
    'div',
    { class: 'page compare' },
    pageHead(
      ctx.t('compareTitle'),
      ctx.t('compareLead'),
      controls(
        textForm(ctx.t('addPartner'), 'partners', partners, ctx.t('go'), (v) =>
          ctx.go(ctx.withQuery({ partners: v })),
        ),
        select(
          ctx,
          'metric',
          ctx.t('metric'),
          METRICS.map((m) => ({ value: m, label: ctx.t(METRIC_LABEL[m]) })),
          metric,
        ),
        yearSel('from'),
        yearSel('to'),
      ),
    ),
    h('div', { class: 'grid' }, series, ratios, cagr, groupFig),
  );
}
