import { apiGet } from '../api.ts';
import { controls, pageHead, select, type Ctx } from '../context.ts';
import { partnerNames } from '../names.ts';
import { h } from '../dom.ts';
import { dataNote, portLabel } from '../messages-es.ts';
import { figure, stat } from '../figure.ts';
import { money, monthName, pct } from '../format.ts';
import { mexStateSplits } from './mexican-state.ts';
import { modeFigure, splitBarsFigure, splitTreemapFigure, TB } from './shared.ts';

/** A US state's trade with Mexico and Canada (BTS TransBorder): by mode, HS chapter and port. */
export async function statePage(ctx: Ctx): Promise<Node> {
  const { lang } = ctx;
  const month = ctx.q('month');
  const [sp, states, names] = await Promise.all([
    apiGet(`profile/state/${encodeURIComponent(ctx.route.arg!)}`, { month }),
    apiGet('top/states', { month, limit: 100 }),
    partnerNames(),
  ]);
  const pName = (p: { code: string; name: string }) => names(lang, p.code, p.name);
  const m = monthName(lang, sp.month);
  // Spanish state names from ISO 3166-2 (the API's namesEs); DU is BTS's "unknown".
  const stateName = (code: string, fallback: string) =>
    code === 'DU'
      ? ctx.t('tariffUnknownState')
      : lang === 'es'
        ? (states.namesEs?.[code] ?? fallback)
        : fallback;
  const stateOptions = states.rows
    .map((r) => ({ value: r.key, label: stateName(r.key, r.label) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
  if (!stateOptions.some((o) => o.value === sp.state.code))
    stateOptions.unshift({ value: sp.state.code, label: stateName(sp.state.code, sp.state.name) });

  const totals = figure(lang, {
    id: 'state-totals',
    title: ctx.t('stateTotalsTitle', { month: m }),
    body: h(
      'div',
      { class: 'stats' },
      stat('exports', ctx.t('metricExports'), money(lang, sp.totals.exports), sp.totals.exports),
      stat('imports', ctx.t('metricImports'), money(lang, sp.totals.imports), sp.totals.imports),
      stat('total', ctx.t('total'), money(lang, sp.totals.total), sp.totals.total),
      sp.partners.map((p) =>
        stat(
          `partner-${p.partner.code}`,
          pName(p.partner),
          money(lang, p.total),
          p.total,
          `${pct(lang, p.share)} · ${ctx.t('exports').toLowerCase()} ${money(lang, p.exports)}`,
        ),
      ),
    ),
    sources: sp.sources,
    only: TB,
    wide: true,
    csv: {
      filename: `state-${sp.state.code}-${sp.month}.csv`,
      columns: [
        'state',
        'month',
        'partner_code',
        'exports_usd',
        'imports_usd',
        'total_usd',
        'share_pct',
      ],
      rows: sp.partners.map((p) => [
        sp.state.code,
        sp.month,
        p.partner.code,
        p.exports,
        p.imports,
        p.total,
        p.share,
      ]),
    },
  });

  const perPartner = sp.partners.flatMap((p) => {
    const name = pName(p.partner);
    const id = p.partner.code;
    return [
      h('h2', { class: 'section-head wide' }, ctx.t('statePartnerTitle', { partner: name })),
      modeFigure(
        ctx,
        `modes-${id}`,
        `${name}: ${ctx.t('modeSplitTitle', { month: m })}`,
        p.byMode,
        sp.sources,
      ),
      splitBarsFigure(
        ctx,
        `ports-${id}`,
        ctx.t('byPortTitle', { partner: name, month: m }),
        p.byPort.map((r) => ({ ...r, label: portLabel(lang, r.label) })),
        sp.sources,
        (k) => (/^\d{4}$/.test(k) ? ctx.link('port', k) : undefined),
      ),
      splitTreemapFigure(
        ctx,
        `hs2-${id}`,
        ctx.t('byHs2Title', { partner: name, month: m }),
        p.byHs2,
        sp.sources,
      ),
      p.byMexState && p.byMexState.length > 0
        ? splitBarsFigure(
            ctx,
            `mexstates-${id}`,
            ctx.t('mexStatesLink', { month: m }),
            mexStateSplits(lang, p.byMexState),
            sp.sources,
            (k) => ctx.link('mexican-state', k, { month: sp.month }),
          )
        : null,
    ];
  });

  return h(
    'div',
    { class: 'page state' },
    pageHead(
      ctx.t('stateTitle', { state: stateName(sp.state.code, sp.state.name) }),
      undefined,
      controls(
        select(ctx, 'state', ctx.t('statePick'), stateOptions, sp.state.code, (v) =>
          ctx.link('state', v, { month }),
        ),
        select(
          ctx,
          'month',
          ctx.t('month'),
          sp.monthsLoaded.map((x) => ({ value: x, label: monthName(lang, x) })).reverse(),
          sp.month,
        ),
      ),
    ),
    h('div', { class: 'grid' }, totals, perPartner),
    sp.notes && sp.notes.length > 0
      ? h(
          'p',
          { class: 'notes' },
          `${ctx.t('dataNotes')}: `,
          sp.notes.map((n, i) => {
            const note = dataNote(lang, n);
            return [i > 0 ? '; ' : '', note.en ? h('span', { lang: 'en' }, note.text) : note.text];
          }),
        )
      : null,
  );
}
