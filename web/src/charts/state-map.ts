import { h, s } from '../dom.ts';
import { isLang, t } from '../i18n.ts';
import { dataTable } from './data-table.ts';
import { tooltip } from './tooltip.ts';

/** US states as SVG paths keyed by USPS code, cut by build.mjs from us-atlas (Albers USA). */
export interface UsStates {
  width: number;
  height: number;
  states: { id: string; name: string; d: string }[];
}

declare const __US_STATES_URL__: string;

let usStates: Promise<UsStates> | undefined;
/** The states asset, fetched once: only the pages with a state map pay for it. */
export function loadUsStates(): Promise<UsStates> {
  usStates ??= fetch(__US_STATES_URL__).then((r) => {
    if (!r.ok) throw new Error(`US states map: ${r.status}`);
    return r.json() as Promise<UsStates>;
  });
  usStates.catch(() => (usStates = undefined));
  return usStates;
}

/** The fill of a state without a value, for the legend too. */
export const NO_VALUE_COLOR = '#e4e7ea';

export interface StateValue {
  value: number;
  /** Tooltip lines after the state's name. */
  tip: string[];
  href?: string;
}

/**
 * A choropleth: each state filled by its value's colour; states without a value stay grey. It
 * has no text, so it may scale with its box; its table of states, folded under it, is its text
 * alternative.
 */
export function stateMapChart(
  base: UsStates,
  values: Map<string, StateValue>,
  opts: { color: (v: number) => string; legend: HTMLElement; noValue: string },
): HTMLElement {
  const box = h('div', { class: 'chart-box state-map-box' });
  const tip = tooltip(box);
  const shapes = base.states.map((st) => {
    const v = values.get(st.id);
    const lines = v ? v.tip : [opts.noValue];
    const a = s(
      'a',
      {
        href: v?.href ?? null,
        class: v ? 'state' : 'state none',
        'data-state': st.id,
        'aria-label': `${st.name}: ${lines.join(', ')}`,
      },
      s('title', null, `${st.name}: ${lines.join(', ')}`),
      s('path', { d: st.d, fill: v ? opts.color(v.value) : NO_VALUE_COLOR }),
    );
    a.addEventListener('pointermove', (ev: Event) => {
      const e = ev as PointerEvent;
      const r = box.getBoundingClientRect();
      tip.show(e.clientX - r.left, e.clientY - r.top, [st.name, ...lines]);
    });
    a.addEventListener('pointerleave', () => tip.hide());
    return a;
  });
  const lang = isLang(document.documentElement.lang) ? document.documentElement.lang : 'en';
  const table = dataTable(
    [t(lang, 'chartTableName'), t(lang, 'chartTableValue')],
    base.states
      .filter((st) => values.has(st.id))
      .sort((a, b) => values.get(b.id)!.value - values.get(a.id)!.value)
      .map((st) => [st.name, values.get(st.id)!.tip.join(' · ')]),
  );
  box.prepend(
    s(
      'svg',
      {
        viewBox: `0 0 ${base.width} ${base.height}`,
        class: 'chart state-map',
        role: 'img',
        'aria-describedby': table.id,
      },
      shapes,
    ),
  );
  box.append(opts.legend, table.element);
  return box;
}
