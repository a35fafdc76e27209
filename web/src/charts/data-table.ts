import { h } from '../dom.ts';
import { isLang, t } from '../i18n.ts';

/**
 * A chart's text alternative: its figures as a table, folded in a `<details>` under the chart,
 * which names it with `aria-describedby`. The summary is in the page's language (`<html lang>`, set before a page is drawn).
 */
let next = 0;
export function dataTable(
  columns: string[],
  rows: (string | number)[][],
): { id: string; element: HTMLElement } {
  const id = `chart-table-${++next}`;
  const lang = isLang(document.documentElement.lang) ? document.documentElement.lang : 'en';
  const element = h(
    'details',
    { class: 'chart-table' },
    h('summary', null, t(lang, 'chartTable')),
    h(
      'div',
      { class: 'table-scroll' },
      h(
        'table',
        { class: 'table', id },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            columns.map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h(
          'tbody',
          null,
          rows.map((r) =>
            h(
              'tr',
              null,
              r.map((v, i) => (i === 0 ? h('th', { scope: 'row' }, v) : h('td', null, v))),
            ),
          ),
        ),
      ),
    ),
  );
  return { id, element };
}
