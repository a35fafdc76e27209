import { apiGet, apiUrl } from '../api.ts';
import { barChart } from '../charts/bar-chart.ts';
import { lineChart } from '../charts/line-chart.ts';
import { controls, pageHead, select, type Ctx } from '../context.ts';
import { h } from '../dom.ts';
import { figure, stat } from '../figure.ts';
import { axisCount, count, instant, money, monthName, monthShort, periodName } from '../format.ts';
import { borderName, measureName, MEASURES, waitWord } from '../labels.ts';
import { measureShort } from '../measure-short.ts';
import type { PortProfile } from '../types.ts';
import { partnerNames } from '../names.ts';
import { mexStateSplits } from './mexican-state.ts';
import { CROSSINGS, modeFigure, splitBarsFigure, splitTreemapFigure, TB } from './shared.ts';

/** A port: crossings by measure since 1996, freight by mode and HS chapter, wait times. */
export async function portPage(ctx: Ctx): Promise<Node> {
  const { lang } = ctx;
  const year = ctx.q('year');
  const [pp, ports, names] = await Promise.all([
    apiGet(`profile/port/${encodeURIComponent(ctx.route.arg!)}`, { year }),
    apiGet('map/ports', { measure: 'Trucks' }),
    partnerNames(),
  ]);
  const pName = (p: { code: string; name: string }) => names(lang, p.code, p.name);
  const port = pp.port;
  const c = pp.crossings;
  const measures = c
    ? [...new Set(c.yearly.flatMap((y) => y.byMeasure.map((m) => m.measure)))]
    : [];
  const known = Object.keys(MEASURES).filter((m) => measures.includes(m));
  const asked = ctx.q('measure');
  const measure =
    asked && measures.includes(asked)
      ? asked
      : measures.includes('Trucks')
        ? 'Trucks'
        : (known[0] ?? measures[0] ?? 'Trucks');
  const portOptions = ports.ports
    .map((p) => ({ value: p.code, label: `${p.name}, ${p.state ?? ''} (${p.code})` }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
  if (!portOptions.some((o) => o.value === port.code))
    portOptions.unshift({ value: port.code, label: `${port.name} (${port.code})` });

  const figures: (HTMLElement | null)[] = [];
  if (c && c.year !== null) {
    const cy = c.yearly.find((y) => y.year === c.year);
    const mRow = cy?.byMeasure.find((m) => m.measure === measure);
    const mName = measureName(lang, measure);
    figures.push(
      figure(lang, {
        id: 'port-kpis',
        title: `${port.name}, ${c.year}`,
        wide: true,
        body: h(
          'div',
          { class: 'stats' },
          stat(
            'measure',
            `${mName}, ${c.year}`,
            count(lang, mRow?.count ?? null),
            mRow?.count,
            mRow && mRow.months < 12 ? ctx.t('partialYear', { months: mRow.months }) : undefined,
          ),
          (pp.transborder?.partners ?? []).map((p) =>
            stat(
              `freight-${p.partner.code}`,
              ctx.t('freightTitle', {
                partner: pName(p.partner),
                month: periodName(lang, pp.transborder!.period),
              }),
              money(lang, p.total),
              p.total,
            ),
          ),
        ),
        sources: pp.sources,
        only: [...CROSSINGS, ...TB],
        csv: {
          filename: `port-${port.code}-${c.year}.csv`,
          columns: ['port_code', 'year', 'measure', 'count', 'months'],
          rows: (cy?.byMeasure ?? []).map((m) => [port.code, c.year, m.measure, m.count, m.months]),
        },
      }),
      yearlyFigure(ctx, pp, measure),
      monthlyFigure(ctx, pp, measure),
      figure(lang, {
        id: 'by-measure',
        title: ctx.t('crossingsByMeasureTitle', { year: c.year }),
        body: barChart(
          (cy?.byMeasure ?? [])
            .slice()
            .sort((a, b) => Number(b.count) - Number(a.count))
            .map((m) => ({
              key: m.measure,
              label: measureShort(lang, m.measure),
              fullLabel: measureName(lang, m.measure),
              value: Number(m.count),
              display: count(lang, m.count),
              href: ctx.withQuery({ measure: m.measure }),
              highlight: m.measure === measure,
            })),
        ),
        sources: pp.sources,
        only: CROSSINGS,
        csv: { url: apiUrl(`profile/port/${port.code}`, { year: c.year }) },
      }),
    );
  } else {
    figures.push(h('p', { class: 'empty wide' }, ctx.t('noCrossings')));
  }
  if (pp.transborder && pp.transborder.partners.length > 0) {
    const month = periodName(lang, pp.transborder.period);
    // A year asked in the URL that TransBorder does not hold: the panels say what they show.
    const other =
      year && !pp.transborder.period.startsWith(year)
        ? [ctx.t('tbOtherPeriod', { year, period: month })]
        : undefined;
    for (const p of pp.transborder.partners) {
      const name = pName(p.partner);
      figures.push(
        modeFigure(
          ctx,
          `modes-${p.partner.code}`,
          ctx.t('freightModeTitle', { partner: name, month }),
          p.byMode,
          pp.sources,
          other,
        ),
        splitTreemapFigure(
          ctx,
          `hs2-${p.partner.code}`,
          ctx.t('byHs2Title', { partner: name, month }),
          p.byHs2,
          pp.sources,
          other,
        ),
      );
      if (p.byMexState && p.byMexState.length > 0)
        figures.push(
          splitBarsFigure(
            ctx,
            `mexstates-${p.partner.code}`,
            ctx.t('mexStatesLink', { month }),
            mexStateSplits(lang, p.byMexState),
            pp.sources,
            (k) => ctx.link('mexican-state', k, { month: pp.transborder!.month }),
            12,
            other,
          ),
        );
    }
  } else {
    figures.push(h('p', { class: 'empty wide' }, ctx.t('noFreight')));
  }
  if (pp.waitTimes.length > 0) figures.push(waitFigure(ctx, pp));

  const yearsAvail = c ? c.yearly.map((y) => y.year) : [];
  return h(
    'div',
    { class: 'page port' },
    pageHead(
      ctx.t('portTitle', { port: port.name }),
      undefined,
      h(
        'p',
        { class: 'facts' },
        [
          port.state,
          port.border ? borderName(lang, port.border) : null,
          port.district ? ctx.t('customsDistrict', { district: port.district }) : null,
          port.code,
        ]
          .filter(Boolean)
          .join(' · '),
        port.latitude !== null && port.longitude !== null
          ? ` · ${port.latitude.toFixed(3)}, ${port.longitude.toFixed(3)}`
          : '',
        ' · ',
        h(
          'a',
          {
            href: ctx.link('map', undefined, {
              measure,
              year: c?.year ?? undefined,
              border: port.border ?? undefined,
            }),
          },
          ctx.t('navMap'),
        ),
        pp.waitTimes.length > 0
          ? [
              ' · ',
              h(
                'a',
                { href: ctx.link('waits', port.code), 'data-role': 'waits-link' },
                ctx.t('waitsPageLink'),
              ),
            ]
          : null,
      ),
      controls(
        select(ctx, 'port', ctx.t('portPick'), portOptions, port.code, (v) =>
          ctx.link('port', v, { year, measure: asked }),
        ),
        yearsAvail.length > 0
          ? select(
              ctx,
              'year',
              ctx.t('year'),
              [...yearsAvail].reverse().map((y) => ({ value: String(y), label: String(y) })),
              String(c!.year),
            )
          : null,
        measures.length > 0
          ? select(
              ctx,
              'measure',
              ctx.t('measure'),
              measures.map((m) => ({ value: m, label: measureName(lang, m) })),
              measure,
            )
          : null,
      ),
    ),
    h('div', { class: 'grid' }, figures),
  );
}

function yearlyFigure(ctx: Ctx, pp: PortProfile, measure: string): HTMLElement {
  const { lang } = ctx;
  // A last year still being published would read as a collapse: it is left out of the line.
  const all = pp.crossings!.yearly;
  const tail = all.at(-1);
  const rows = tail && tail.months < 12 && all.length > 1 ? all.slice(0, -1) : all;
  const value = (y: (typeof rows)[number]) => {
    const m = y.byMeasure.find((x) => x.measure === measure);
    return m ? Number(m.count) : null;
  };
  const partial = all
    .filter((y) => y.months < 12)
    .map((y) =>
      rows.includes(y)
        ? `${y.year}: ${ctx.t('partialYear', { months: y.months })}`
        : ctx.t('partialNotShown', { year: y.year, months: y.months }),
    );
  // A port code change is flagged, and the ports' combined series drawn beside this one.
  const history = pp.history;
  const combined = history.combined;
  const combinedValue = (year: number) => {
    const m = combined?.yearly
      .find((y) => y.year === year)
      ?.byMeasure.find((x) => x.measure === measure);
    return m ? Number(m.count) : null;
  };
  const changes = history.changes.map((c) =>
    ctx.t('portSplit', {
      to: c.to.name,
      toCode: c.to.code,
      from: c.from.name,
      fromCode: c.from.code,
      month: monthName(lang, c.month),
    }),
  );
  return figure(lang, {
    id: 'crossings-yearly',
    title: ctx.t('crossingsYearlyTitle', { measure: measureName(lang, measure) }),
    body: lineChart({
      x: rows.map((y) => String(y.year)),
      series: [
        {
          key: measure,
          name: measureName(lang, measure),
          color: '#2f6db5',
          values: rows.map(value),
        },
        ...(combined
          ? [
              {
                key: 'combined',
                name: ctx.t('combinedSeries', {
                  ports: combined.ports.map((p) => p.name).join(' + '),
                }),
                color: '#8a96a3',
                dashed: true,
                values: rows.map((y) => combinedValue(y.year)),
              },
            ]
          : []),
      ],
      yTick: (v) => axisCount(lang, v),
      yFull: (v) => count(lang, v),
    }),
    sources: pp.sources,
    only: CROSSINGS,
    notes: [...changes, ...partial],
    csv: {
      filename: `port-${pp.port.code}-${measure}-yearly.csv`,
      columns: [
        'port_code',
        'measure',
        'year',
        'count',
        'months',
        ...(combined ? [`combined_${combined.ports.map((p) => p.code).join('_')}`] : []),
      ],
      rows: all.map((y) => [
        pp.port.code,
        measure,
        y.year,
        y.byMeasure.find((x) => x.measure === measure)?.count,
        y.months,
        ...(combined
          ? [
              combined.yearly
                .find((c) => c.year === y.year)
                ?.byMeasure.find((x) => x.measure === measure)?.count,
            ]
          : []),
      ]),
    },
  });
}

function monthlyFigure(ctx: Ctx, pp: PortProfile, measure: string): HTMLElement {
  const { lang } = ctx;
  const c = pp.crossings!;
  const m = c.monthly.find((x) => x.measure === measure);
  const months = m?.months ?? [];
  return figure(lang, {
    id: 'crossings-monthly',
    title: ctx.t('crossingsMonthlyTitle', {
      measure: measureName(lang, measure),
      year: c.year ?? '',
    }),
    body: months.length
      ? barChart(
          months.map((x) => ({
            key: x.month,
            label: monthShort(lang, x.month),
            value: Number(x.count),
            display: count(lang, x.count),
          })),
        )
      : h('p', { class: 'empty' }, ctx.t('notPublished')),
    sources: pp.sources,
    only: CROSSINGS,
    csv: {
      filename: `port-${pp.port.code}-${measure}-${c.year}.csv`,
      columns: ['port_code', 'measure', 'month', 'count'],
      rows: months.map((x) => [pp.port.code, measure, x.month, x.count]),
    },
  });
}

function waitFigure(ctx: Ctx, pp: PortProfile): HTMLElement {
  const { lang } = ctx;
  const w = pp.waitTimes;
  const newest = w.reduce((a, r) => (r.observedAt > a ? r.observedAt : a), w[0]!.observedAt);
  // A crossing CBP names only by its port (230103 "Gateway") shows that name.
  const names = new Map(pp.waitCrossings.map((c) => [c.portNumber, c.crossingName ?? c.portName]));
  return figure(lang, {
    id: 'wait-times',
    title: `${ctx.t('waitTimesTitle')} (${ctx.t('observedAt')} ${instant(lang, newest)})`,
    wide: true,
    body: h(
      'table',
      { class: 'table' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [
            ctx.t('cbpNumber'),
            ctx.t('crossingName'),
            ctx.t('laneType'),
            ctx.t('observedCol'),
            ctx.t('statusCol'),
          ].map((x) => h('th', null, x)),
          h('th', { class: 'num' }, ctx.t('delay')),
          h('th', { class: 'num' }, ctx.t('lanesOpen')),
        ),
      ),
      h(
        'tbody',
        null,
        w.map((r) =>
          h(
            'tr',
            null,
            h('td', null, r.portNumber),
            h('td', null, names.get(r.portNumber) ?? r.crossingName ?? '—'),
            h('td', null, `${waitWord(lang, r.laneType)} · ${waitWord(lang, r.laneKind)}`),
            h('td', null, instant(lang, r.observedAt)),
            h('td', null, r.status ? waitWord(lang, r.status) : '—'),
            h('td', { class: 'num' }, r.delayMinutes ?? '—'),
            h('td', { class: 'num' }, r.lanesOpen ?? '—'),
          ),
        ),
      ),
    ),
    sources: pp.sources,
    only: ['cbp-bwt-json', 'cbp-bwt-rss', 'cbp-bwt-xml'],
    csv: {
      filename: `wait-times-${pp.port.code}.csv`,
      columns: [
        'port_number',
        'crossing',
        'lane_type',
        'lane_kind',
        'observed_at',
        'status',
        'delay_minutes',
        'lanes_open',
      ],
      rows: w.map((r) => [
        r.portNumber,
        r.crossingName,
        r.laneType,
        r.laneKind,
        r.observedAt,
        r.status,
        r.delayMinutes,
        r.lanesOpen,
      ]),
    },
  });
}
