import { csvText } from './csv.ts';
import { h, type Child } from './dom.ts';
import { instant } from './format.ts';
import { t, type Lang } from './i18n.ts';
import { sourceName } from './labels.ts';
import type { SourceRef } from './types.ts';

/** Where a figure's data can be downloaded: the API's CSV, or the figure's own table. */
export type CsvSpec =
  | { url: string }
  | { filename: string; columns: string[]; rows: (string | number | null | undefined)[][] };

/** What a figure says of a source: a result's sources block, or a wait answer's file groups. */
export type Cited = Pick<SourceRef, 'source' | 'series' | 'vintage' | 'periods'>;

export interface FigureSpec {
  id: string;
  title: string;
  body: Child;
  sources: Cited[];
  /** Only the sources with these ids (a profile names every source it read). */
  only?: string[];
  csv: CsvSpec;
  notes?: string[];
  wide?: boolean;
}

/** USITC names its HTS releases "2024 basic edition": Spanish says "2024 (edición básica)". */
const vintageName = (lang: Lang, v: string) =>
  lang === 'es' ? v.replace(/^(\d{4}) basic edition$/, '$1 (edición básica)') : v;

/** A chart or table with its title, its sources and vintages beneath it, and a CSV link. */
export function figure(lang: Lang, spec: FigureSpec): HTMLElement {
  const picked = spec.only
    ? spec.sources.filter((s) => spec.only!.includes(s.source))
    : spec.sources;
  const sources = picked.length > 0 ? picked : spec.sources;
  if (spec.body instanceof Element) {
    for (const svg of spec.body.querySelectorAll('svg.chart'))
      svg.setAttribute('aria-label', spec.title);
  }
  const seen = new Set<string>();
  const lines = sources
    .map((s) => {
      const bits = [sourceName(lang, s.source)];
      if (s.vintage)
        bits.push(
          `${t(lang, 'vintage')} ${s.vintage === 'undated' ? t(lang, 'undated') : vintageName(lang, s.vintage)}`,
        );
      // "2025 – 2025" is one period: say it once.
      if (s.periods)
        bits.push(
          s.periods
            .replace(/^(\S+) – \1$/, '$1')
            // Instants (CBP readings) as the page writes them: "29 jun 2022, 12:00 p.m. UTC".
            .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (iso) =>
              instant(lang, iso),
            ),
        );
      return bits.join(', ');
    })
    .filter((l) => (seen.has(l) ? false : (seen.add(l), true)));
  const body = h('div', { class: 'fig-body' }, spec.body);
  scrollTables(body);
  return h(
    'figure',
    { class: spec.wide ? 'fig wide' : 'fig', 'data-figure': spec.id },
    h('h3', null, spec.title),
    body,
    h(
      'figcaption',
      null,
      h(
        'span',
        { class: 'src', 'data-role': 'source' },
        `${t(lang, lines.length > 1 ? 'sources' : 'source')}: ${lines.join('; ')}`,
      ),
      ' ',
      csvLink(lang, spec.id, spec.csv),
      (spec.notes ?? []).map((n) => h('span', { class: 'fig-note' }, n)),
    ),
  );
}

/**
 * Puts every table of a figure that is not yet in a scrolling box into one, so a wide table
 * scrolls inside its card (its first column sticky, in styles.css) instead of widening the page.
 */
export function scrollTables(root: Element): void {
  for (const table of root.querySelectorAll('table.table')) {
    if (table.parentElement?.matches('.table-scroll, .table-wrap')) continue;
    const box = h('div', { class: 'table-scroll' });
    table.replaceWith(box);
    box.append(table);
  }
}

function csvLink(lang: Lang, id: string, csv: CsvSpec): HTMLAnchorElement {
  const attrs = { class: 'csv', title: t(lang, 'downloadCsvTitle'), 'data-role': 'csv' };
  if ('url' in csv) {
    const url = csv.url + (csv.url.includes('?') ? '&' : '?') + 'format=csv';
    return h('a', { ...attrs, href: url, download: `${id}.csv` }, t(lang, 'downloadCsv'));
  }
  const a = h('a', { ...attrs, href: '#', download: csv.filename }, t(lang, 'downloadCsv'));
  // Built on click, so the page does not hold a blob per figure.
  a.addEventListener('click', () => {
    const blob = new Blob([csvText(csv.columns, csv.rows)], { type: 'text/csv;charset=utf-8' });
    a.href = URL.createObjectURL(blob);
    setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
  });
  return a;
}

/** A headline number: label, the formatted figure, and the exact value it came from. */
export function stat(
  key: string,
  label: string,
  display: string,
  raw: string | number | null | undefined,
  sub?: Child,
): HTMLElement {
  return h(
    'div',
    {
      class: 'stat',
      'data-stat': key,
      'data-value': raw === null || raw === undefined ? '' : String(raw),
    },
    h('span', { class: 'stat-label' }, label),
    h('span', { class: 'stat-value' }, display),
    sub ? h('span', { class: 'stat-sub' }, sub) : null,
  );
}
