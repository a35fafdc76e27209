import { barChart } from '../charts/bar-chart.ts';
import { sectionColor } from '../charts/colors.ts';
import { splitBar } from '../charts/split-bar.ts';
import { treemapChart, type Group } from '../charts/treemap.ts';
import type { Ctx } from '../context.ts';
import { h } from '../dom.ts';
import { figure } from '../figure.ts';
import { money, moneyShort, pct } from '../format.ts';
import { chapterName, modeName, SECTIONS, sectionOf } from '../labels.ts';
import type { PlaceRanking, SourceRef, Split } from '../types.ts';

/** Figures several profiles share: mode split, HS-chapter treemap, ranked bars of splits. */

export const TB = ['bts-transborder'];
export const CROSSINGS = ['bts-border-crossing', 'bts-border-crossing-json'];

const splitColumns = ['key', 'label', 'exports_usd', 'imports_usd', 'total_usd', 'share_pct'];
const splitRows = (rows: Split[]) =>
  rows.map((r) => [r.key, r.label, r.exports, r.imports, r.total, r.share]);

export function modeFigure(
  ctx: Ctx,
  id: string,
  title: string,
  modes: Split[],
  sources: SourceRef[],
  notes?: string[],
): HTMLElement {
  return figure(ctx.lang, {
    id,
    title,
    notes,
    body: splitBar(
      modes.map((m) => ({
        key: m.key,
        label: modeName(ctx.lang, m.key, m.label),
        value: Number(m.total),
        display: money(ctx.lang, m.total),
        short: moneyShort(ctx.lang, m.total),
        share: pct(ctx.lang, m.share),
      })),
    ),
    sources,
    only: TB,
    csv: { filename: `${id}.csv`, columns: splitColumns, rows: splitRows(modes) },
  });
}

export function splitBarsFigure(
  ctx: Ctx,
  id: string,
  title: string,
  rows: Split[],
  sources: SourceRef[],
  link: (key: string) => string | undefined,
  limit = 12,
  notes?: string[],
): HTMLElement {
  return figure(ctx.lang, {
    id,
    title,
    notes,
    body: barChart(
      rows.slice(0, limit).map((r) => ({
        key: r.key,
        label: r.label,
        value: Number(r.total),
        display: money(ctx.lang, r.total),
        short: moneyShort(ctx.lang, r.total),
        href: link(r.key),
      })),
    ),
    sources,
    only: TB,
    csv: { filename: `${id}.csv`, columns: splitColumns, rows: splitRows(rows) },
  });
}

/** HS chapters grouped by section, as treemap groups. */
export function chapterGroups(
  ctx: Ctx,
  rows: {
    key: string;
    label: string;
    value: number;
    display: string;
    short?: string;
    share: string;
  }[],
): Group[] {
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const sec = sectionOf(r.key);
    const index = sec ? SECTIONS.indexOf(sec) : SECTIONS.length;
    const key = sec?.code ?? '?';
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        name: sec ? `${sec.code} ${sec.name[ctx.lang === 'en' ? 0 : 1]}` : '?',
        color: sectionColor(index),
        children: [],
      };
      groups.set(key, g);
    }
    g.children.push({
      key: r.key,
      label: chapterName(ctx.lang, r.key, r.label),
      value: r.value,
      display: r.display,
      short: r.short,
      share: r.share,
      href: ctx.link('product', r.key),
    });
  }
  return [...groups.values()];
}

export function productTreemapFigure(
  ctx: Ctx,
  id: string,
  title: string,
  ranking: PlaceRanking,
): HTMLElement {
  const body =
    ranking.rows.length === 0
      ? h('p', { class: 'empty' }, ctx.t('treemapNone'))
      : treemapChart(
          chapterGroups(
            ctx,
            ranking.rows.map((r) => ({
              key: r.key,
              label: r.label,
              value: Number(r.value),
              display: money(ctx.lang, r.value),
              short: moneyShort(ctx.lang, r.value),
              share: pct(ctx.lang, r.share),
            })),
          ),
        );
  const params = new URLSearchParams({ level: '2', limit: '99', ...ranking.filters });
  params.delete('level');
  params.set('level', '2');
  return figure(ctx.lang, {
    id,
    title,
    body,
    wide: true,
    sources: ranking.sources,
    csv: { url: `/api/top/products?${params.toString()}` },
  });
}

export function splitTreemapFigure(
  ctx: Ctx,
  id: string,
  title: string,
  rows: Split[],
  sources: SourceRef[],
  notes?: string[],
): HTMLElement {
  return figure(ctx.lang, {
    id,
    title,
    notes,
    body: treemapChart(
      chapterGroups(
        ctx,
        rows.map((r) => ({
          key: r.key,
          label: r.label,
          value: Number(r.total),
          display: money(ctx.lang, r.total),
          short: moneyShort(ctx.lang, r.total),
          share: pct(ctx.lang, r.share),
        })),
      ),
    ),
    sources,
    only: TB,
    wide: true,
    csv: { filename: `${id}.csv`, columns: splitColumns, rows: splitRows(rows) },
  });
}
