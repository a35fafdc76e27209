import { apiGet } from '../api.ts';
import { controls, pageHead, select, type Ctx } from '../context.ts';
import { h } from '../dom.ts';
import { figure, stat } from '../figure.ts';
import { money, monthName, pct } from '../format.ts';
import type { Lang } from '../i18n.ts';
import { portLabel } from '../messages-es.ts';
import { t } from '../i18n.ts';
import type { MexicanState, Split } from '../types.ts';
import { modeFigure, splitBarsFigure, splitTreemapFigure, TB } from './shared.ts';

/** A Mexican state's name in the page's language; BTS's two "unknown" codes translated. */
export function mexStateName(
  lang: Lang,
  s: Pick<MexicanState, 'code' | 'name' | 'nameEs'> | { code: string; name: string },
): string {
  if (s.code === 'XX') return t(lang, 'mexStateUnknown');
  if (s.code === 'OT') return t(lang, 'mexStateUnknownState');
  if (lang === 'es' && 'nameEs' in s && s.nameEs) return s.nameEs;
  return s.name;
}

/** Splits by Mexican state (BTS codes), labelled in the page's language. */
export function mexStateSplits(lang: Lang, rows: Split[]): Split[] {
  return rows.map((r) => ({ ...r, label: mexStateName(lang, { code: r.key, name: r.label }) }));
}

/**
 * A Mexican state (`/{lang}/mexican-state/{code}`): US exports bound for it, from TransBorder's
 * MEXSTATE, ranked against every state, then by mode, US state of origin, port and HS chapter.
 */
export async function mexicanStatePage(ctx: Ctx): Promise<Node> {
  const { lang } = ctx;
  const month = ctx.q('month');
  const p = await apiGet(`profile/mexican-state/${encodeURIComponent(ctx.route.arg!)}`, { month });
  const m = monthName(lang, p.month);
  const name = mexStateName(lang, p.state);
  const ranked = p.states.filter((s) => s.rank !== null).length;
  const options = p.states
    .map((s) => ({ value: s.state.code, label: mexStateName(lang, s.state) }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));

  const totals = figure(lang, {
    id: 'mexstate-totals',
    title: `${name} · ${m}`,
    wide: true,
    body: h(
      'div',
      { class: 'stats' },
      stat('exports', ctx.t('mexStateExports'), money(lang, p.exports), p.exports),
      stat('share', ctx.t('mexStateShare'), pct(lang, p.share), p.share),
      p.rank === null
        ? null
        : stat(
            'rank',
            ctx.t('mexStateRank'),
            ctx.t('mexStateRankOf', { rank: p.rank, n: ranked }),
            p.rank,
          ),
    ),
    sources: p.sources,
    only: TB,
    csv: {
      filename: `mexican-state-${p.state.code}-${p.month}.csv`,
      columns: ['mex_state', 'iso', 'month', 'exports_usd', 'share', 'rank'],
      rows: [[p.state.code, p.state.iso, p.month, p.exports, p.share, p.rank]],
    },
  });

  const ranking = splitBarsFigure(
    ctx,
    'mexstate-ranking',
    ctx.t('mexStateRanking', { month: m }),
    p.states.map((s) => ({
      key: s.state.code,
      label: `${s.rank === null ? '' : `${s.rank}. `}${mexStateName(lang, s.state)}${s.state.code === p.state.code ? ' ◀' : ''}`,
      exports: s.exports,
      imports: null,
      total: s.exports,
      share: s.share,
    })),
    p.sources,
    (k) => (k === p.state.code ? undefined : ctx.link('mexican-state', k, { month })),
    40,
  );

  // DU is BTS's "state unknown"; Spanish names from ISO 3166-2 (usStateNamesEs).
  const usStates = p.byUsState.map((r) => ({
    ...r,
    label:
      r.key === 'DU'
        ? ctx.t('tariffUnknownState')
        : lang === 'es'
          ? (p.usStateNamesEs[r.key] ?? r.label)
          : r.label,
  }));

  return h(
    'div',
    { class: 'page mexican-state' },
    pageHead(
      ctx.t('mexStateTitle', { state: name }),
      ctx.t('mexStateLead'),
      controls(
        select(ctx, 'mexican-state', ctx.t('mexStatePick'), options, p.state.code, (v) =>
          ctx.link('mexican-state', v, { month }),
        ),
        select(
          ctx,
          'month',
          ctx.t('month'),
          p.monthsLoaded.map((x) => ({ value: x, label: monthName(lang, x) })).reverse(),
          p.month,
        ),
      ),
    ),
    h(
      'div',
      { class: 'grid' },
      totals,
      ranking,
      modeFigure(ctx, 'mexstate-modes', ctx.t('mexStateModes', { month: m }), p.byMode, p.sources),
      splitBarsFigure(
        ctx,
        'mexstate-us-states',
        ctx.t('mexStateByUsState', { month: m }),
        usStates,
        p.sources,
        (k) => ctx.link('state', k, { month }),
      ),
      splitBarsFigure(
        ctx,
        'mexstate-ports',
        ctx.t('mexStateByPort', { month: m }),
        p.byPort.map((r) => ({ ...r, label: portLabel(lang, r.label) })),
        p.sources,
        (k) => (/^\d{4}$/.test(k) ? ctx.link('port', k) : undefined),
      ),
      splitTreemapFigure(
        ctx,
        'mexstate-hs2',
        ctx.t('mexStateByHs2', { month: m }),
        p.byHs2,
        p.sources,
      ),
    ),
    h('p', { class: 'notes' }, ctx.t('mexStateCuts')),
  );
}
