import { apiGet, apiUrl } from '../api.ts';
import { portLabel } from '../messages-es.ts';
import { usStateNames } from '../names.ts';
import { barChart } from '../charts/bar-chart.ts';
import { FLOW_COLORS } from '../charts/colors.ts';
import { lineChart } from '../charts/line-chart.ts';
import { controls, pageHead, partnerName, select, yearOptions, type Ctx } from '../context.ts';
import { h } from '../dom.ts';
import { figure, stat } from '../figure.ts';
import { axisMoney, count, money, monthName, pct, periodName } from '../format.ts';
import { measureShort } from '../measure-short.ts';
import { measureName } from '../labels.ts';
import type { PartnerProfile } from '../types.ts';
import { CROSSINGS, modeFigure, productTreemapFigure, splitBarsFigure } from './shared.ts';

const CENSUS = ['census-country-xlsx'];

/** A partner's profile: totals, growth, ranks, series; border detail for Mexico and Canada. */
export async function partnerPage(ctx: Ctx): Promise<Node> {
  const { lang } = ctx;
  const arg = ctx.route.arg!;
  const year = ctx.q('year');
  const [p, list] = await Promise.all([
    apiGet(`profile/partner/${encodeURIComponent(arg)}`, { year }),
    apiGet('partners'),
  ]);
  const products = await apiGet('top/products', {
    partner: p.partner.code,
    level: 2,
    limit: 99,
  });
  const stateName = await usStateNames();
  const name = partnerName(lang, p.partner);
  const complete = p.yearly.filter((y) => y.months === 12);
  const countries = list.partners
    .filter((x) => !x.isAggregate || x.code === p.partner.code)
    .map((x) => ({ value: x.code, label: partnerName(lang, x) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
  const partnerSelect = select(
    ctx,
    'partner',
    ctx.t('partnerPick'),
    countries,
    p.partner.code,
    (v) => ctx.link('partner', v, { year }),
  );

  const figures: HTMLElement[] = [
    kpis(ctx, p, name),
    yearlyFigure(ctx, p, complete),
    monthlyFigure(ctx, p),
  ];
  const b = p.border;
  if (b?.transborder) {
    const tb = b.transborder;
    const month = periodName(lang, tb.period);
    // Each panel states its own period; one that is not the profile's year says so.
    const other = tb.period.startsWith(String(p.year))
      ? undefined
      : [ctx.t('tbOtherPeriod', { year: p.year, period: month })];
    figures.push(
      modeFigure(ctx, 'modes', ctx.t('modeSplitTitle', { month }), tb.modes, p.sources, other),
      splitBarsFigure(
        ctx,
        'states',
        ctx.t('topStatesTitle', { partner: name, month }),
        tb.usStates.map((r) => ({ ...r, label: stateName(lang, r.key, r.label) })),
        p.sources,
        (k) => ctx.link('state', k, { month: tb.month }),
        12,
        other,
      ),
      splitBarsFigure(
        ctx,
        'ports',
        ctx.t('topPortsTitle', { month }),
        tb.ports.map((r) => ({ ...r, label: portLabel(lang, r.label) })),
        p.sources,
        (k) => (/^\d{4}$/.test(k) ? ctx.link('port', k) : undefined),
        12,
        other,
      ),
    );
  }
  if (b?.crossings) {
    const c = b.crossings;
    figures.push(
      figure(lang, {
        id: 'crossings',
        title: ctx.t('crossingsTitle', { partner: name, year: c.year }),
        body: barChart(
          c.byMeasure.map((m) => ({
            key: m.measure,
            label: measureShort(lang, m.measure),
            fullLabel: measureName(lang, m.measure),
            value: Number(m.count),
            display: count(lang, m.count),
            href: ctx.link('map', undefined, {
              measure: m.measure,
              year: c.year,
              border: p.partner.code === '2010' ? 'mexico' : 'canada',
            }),
          })),
        ),
        sources: p.sources,
        only: CROSSINGS,
        csv: {
          filename: `crossings-${p.partner.code}-${c.year}.csv`,
          columns: ['partner_code', 'year', 'measure', 'count'],
          rows: c.byMeasure.map((m) => [p.partner.code, c.year, m.measure, m.count]),
        },
      }),
      figure(lang, {
        id: 'truck-ports',
        title: ctx.t('truckPortsTitle', { year: c.year }),
        body: barChart(
          c.truckPorts.map((t) => ({
            key: t.port,
            label: t.name,
            value: Number(t.count),
            display: count(lang, t.count),
            href: ctx.link('port', t.port, { year: c.year, measure: 'Trucks' }),
          })),
        ),
        sources: p.sources,
        only: CROSSINGS,
        csv: {
          url: apiUrl('top/ports', {
            measure: 'Trucks',
            border: p.partner.code === '2010' ? 'mexico' : 'canada',
            year: c.year,
          }),
        },
      }),
    );
  }
  figures.push(
    productTreemapFigure(
      ctx,
      'products',
      ctx.t('treemapTitle', {
        partner: name,
        period: products.period,
        // Census product lines are imports for consumption; the totals above, general imports.
        flow: ctx.t(
          products.filters.flow === 'import_consumption'
            ? 'flowImport_consumption'
            : products.filters.flow === 'export'
              ? 'flowExport'
              : 'flowImport_general',
        ),
      }),
      products,
    ),
  );

  return h(
    'div',
    { class: 'page partner' },
    pageHead(
      ctx.t('partnerTitle', { partner: name }),
      undefined,
      controls(
        partnerSelect,
        select(
          ctx,
          'year',
          ctx.t('year'),
          yearOptions(p.yearly.map((y) => y.year)),
          String(p.year),
        ),
      ),
    ),
    h('div', { class: 'grid' }, figures),
  );
}

function kpis(ctx: Ctx, p: PartnerProfile, name: string): HTMLElement {
  const { lang } = ctx;
  const g = p.growth;
  const growthSub = (c: PartnerProfile['growth']['exports']) =>
    c ? `${pct(lang, c.pct, true)} ${ctx.t('growthVs', { year: p.year - 1 })}` : undefined;
  const rank = (r: { rank: number; of: number } | undefined) =>
    r ? ctx.t('rankOf', { rank: r.rank, of: r.of }) : '—';
  const cards = h(
    'div',
    { class: 'stats' },
    stat(
      'exports',
      ctx.t('metricExports'),
      money(lang, p.totals.exports),
      p.totals.exports,
      growthSub(g.exports),
    ),
    stat(
      'imports',
      ctx.t('metricImports'),
      money(lang, p.totals.imports),
      p.totals.imports,
      growthSub(g.imports),
    ),
    stat(
      'twoWay',
      ctx.t('metricTwoWay'),
      money(lang, p.totals.twoWay),
      p.totals.twoWay,
      growthSub(g.twoWay),
    ),
    stat('balance', ctx.t('metricBalance'), money(lang, p.totals.balance), p.totals.balance),
    stat(
      'rank',
      ctx.t('rankTradingPartner'),
      rank(p.ranks?.tradingPartner),
      p.ranks?.tradingPartner.rank,
    ),
    stat(
      'rankExport',
      ctx.t('rankExportMarket'),
      rank(p.ranks?.exportMarket),
      p.ranks?.exportMarket.rank,
    ),
    stat('share', ctx.t('shareOfWorld'), pct(lang, p.share.twoWay), p.share.twoWay),
    stat(
      'perDay',
      `${ctx.t('metricTwoWay')}, ${ctx.t('perDay')}`,
      money(lang, p.rates.twoWay.perDay),
      p.rates.twoWay.perDay,
    ),
    p.perCapita
      ? stat(
          'perCapita',
          ctx.t('perCapita'),
          money(lang, p.perCapita.exports),
          p.perCapita.exports,
          String(p.perCapita.year),
        )
      : null,
    p.cagr
      ? stat(
          'cagr',
          ctx.t('cagr', { from: p.cagr.from, to: p.cagr.to }),
          pct(lang, p.cagr.twoWay, true),
          p.cagr.twoWay ?? '',
        )
      : null,
  );
  const partial = p.months < 12 ? [ctx.t('partialYear', { months: p.months })] : undefined;
  return figure(lang, {
    id: 'kpis',
    title: ctx.t('headlineTitle', { partner: name, year: p.year }),
    body: cards,
    sources: p.sources,
    only: CENSUS,
    wide: true,
    notes: partial,
    csv: {
      filename: `partner-${p.partner.code}-${p.year}.csv`,
      columns: [
        'partner_code',
        'year',
        'months',
        'exports_usd',
        'imports_usd',
        'two_way_usd',
        'balance_usd',
        'rank_trading_partner',
        'share_two_way_pct',
        'per_day_two_way_usd',
      ],
      rows: [
        [
          p.partner.code,
          p.year,
          p.months,
          p.totals.exports,
          p.totals.imports,
          p.totals.twoWay,
          p.totals.balance,
          p.ranks?.tradingPartner.rank,
          p.share.twoWay,
          p.rates.twoWay.perDay,
        ],
      ],
    },
  });
}

function yearlyFigure(ctx: Ctx, p: PartnerProfile, rows: PartnerProfile['yearly']): HTMLElement {
  const { lang } = ctx;
  const num = (v: string | null) => (v === null ? null : Number(v));
  return figure(lang, {
    id: 'yearly',
    title: `${ctx.t('yearlyExportsImports')}, ${rows[0]?.year ?? ''}–${rows.at(-1)?.year ?? ''}`,
    body: lineChart({
      x: rows.map((r) => String(r.year)),
      series: [
        {
          key: 'exports',
          name: ctx.t('exports'),
          color: FLOW_COLORS.exports,
          values: rows.map((r) => num(r.exports)),
        },
        {
          key: 'imports',
          name: ctx.t('importsGeneral'),
          color: FLOW_COLORS.imports,
          values: rows.map((r) => num(r.imports)),
        },
        {
          key: 'balance',
          name: ctx.t('balance'),
          color: FLOW_COLORS.balance,
          dashed: true,
          values: rows.map((r) =>
            r.exports === null || r.imports === null
              ? null
              : Number(BigInt(r.exports) - BigInt(r.imports)),
          ),
        },
      ],
      yTick: (v) => axisMoney(lang, v),
      yFull: (v) => money(lang, v),
    }),
    sources: p.sources,
    only: CENSUS,
    csv: { url: apiUrl(`series/${p.partner.code}`) },
  });
}

function monthlyFigure(ctx: Ctx, p: PartnerProfile): HTMLElement {
  const { lang } = ctx;
  const from = `${p.year - 4}-01`;
  const to = `${p.year}-12`;
  const rows = p.monthly.filter((m) => m.month >= from && m.month <= to);
  const num = (v: string | null) => (v === null ? null : Number(v));
  return figure(lang, {
    id: 'monthly',
    title: ctx.t('monthlyTitle', {
      from: rows[0] ? monthName(lang, rows[0].month) : '',
      to: rows.at(-1) ? monthName(lang, rows.at(-1)!.month) : '',
    }),
    body: lineChart({
      x: rows.map((r) => r.month),
      series: [
        {
          key: 'exports',
          name: ctx.t('exports'),
          color: FLOW_COLORS.exports,
          values: rows.map((r) => num(r.exports)),
        },
        {
          key: 'imports',
          name: ctx.t('importsGeneral'),
          color: FLOW_COLORS.imports,
          values: rows.map((r) => num(r.imports)),
        },
      ],
      xTick: (m) => (m.endsWith('-01') ? m.slice(0, 4) : null),
      xFull: (m) => monthName(lang, m),
      yTick: (v) => axisMoney(lang, v),
      yFull: (v) => money(lang, v),
    }),
    sources: p.sources,
    only: CENSUS,
    csv: {
      url: apiUrl(`series/${p.partner.code}`, {
        frequency: 'monthly',
        years: `${p.year - 4}-${p.year}`,
      }),
    },
  });
}
