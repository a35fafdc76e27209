import { h } from '../dom.ts';
import { PALETTE } from './colors.ts';

export interface Part {
  key: string;
  label: string;
  value: number;
  display: string;
  /** The value as the legend shows it, when the full one is long (`14.4 mmd`). */
  short?: string;
  share: string;
}

/** A whole split into parts (trade by mode): one 100% bar and a legend with values and shares. */
export function splitBar(parts: Part[]): HTMLElement {
  const total = parts.reduce((a, p) => a + Math.max(0, p.value), 0) || 1;
  const color = (i: number) => PALETTE[i % PALETTE.length]!;
  return h(
    'div',
    { class: 'split' },
    h(
      'div',
      { class: 'split-bar', role: 'img' },
      parts.map((p, i) =>
        h('span', {
          style: `width:${((Math.max(0, p.value) / total) * 100).toFixed(2)}%;background:${color(i)}`,
          title: `${p.label}: ${p.display} (${p.share})`,
        }),
      ),
    ),
    h(
      'table',
      { class: 'split-legend' },
      h(
        'tbody',
        null,
        parts.map((p, i) =>
          h(
            'tr',
            { 'data-key': p.key },
            h(
              'td',
              null,
              h(
                'span',
                { class: 'legend-item' },
                h('span', { class: 'swatch', style: `background:${color(i)}` }),
                p.label,
              ),
            ),
            h(
              'td',
              {
                class: 'num',
                'data-role': 'value',
                title: p.short && p.short !== p.display ? p.display : null,
              },
              p.short ?? p.display,
            ),
            h('td', { class: 'num' }, p.share),
          ),
        ),
      ),
    ),
  );
}
