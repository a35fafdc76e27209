import { h } from '../dom.ts';

export interface Bar {
  key: string;
  label: string;
  /** The label in full, for the tooltip, when `label` is a short form. */
  fullLabel?: string;
  value: number;
  /** The value in full: the tooltip's, and what shows when there is no `short`. */
  display: string;
  /** The value as the bar shows it, when the full one is long (`14.4 mmd`). */
  short?: string;
  href?: string;
  color?: string;
  highlight?: boolean;
  sub?: string;
}

/**
 * Horizontal bars, one row per item, label on the left and the formatted value on the right.
 * Negative values (a deficit) grow from the same baseline in another colour.
 */
export function barChart(bars: Bar[], opts: { color?: string } = {}): HTMLElement {
  const max = Math.max(1e-9, ...bars.map((b) => Math.abs(b.value)));
  return h(
    'ol',
    { class: 'bars' },
    bars.map((b) => {
      const label = b.href ? h('a', { href: b.href }, b.label) : h('span', null, b.label);
      const width = (Math.abs(b.value) / max) * 100;
      return h(
        'li',
        { class: b.highlight ? 'hl' : null, 'data-key': b.key },
        h(
          'span',
          { class: 'bar-label', title: b.fullLabel ?? b.label },
          label,
          b.sub ? h('small', null, b.sub) : null,
        ),
        h(
          'span',
          { class: 'bar-track' },
          h('span', {
            class: b.value < 0 ? 'bar neg' : 'bar',
            style: `width:${width.toFixed(2)}%;${b.color ? `background:${b.color}` : opts.color ? `background:${opts.color}` : ''}`,
          }),
        ),
        h(
          'span',
          {
            class: 'bar-value',
            'data-role': 'value',
            title: b.short && b.short !== b.display ? b.display : null,
          },
          b.short ?? b.display,
        ),
      );
    }),
  );
}
