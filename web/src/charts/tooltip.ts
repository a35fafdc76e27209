import { h } from '../dom.ts';

/** One floating tooltip per chart, positioned inside the chart's box. */
export function tooltip(box: HTMLElement): {
  show(x: number, y: number, lines: string[]): void;
  hide(): void;
} {
  const tip = h('div', { class: 'tip', role: 'status' });
  tip.hidden = true;
  box.append(tip);
  return {
    show(x, y, lines) {
      tip.replaceChildren(
        ...lines.map((l, i) => (i === 0 ? h('strong', null, l) : h('div', null, l))),
      );
      tip.hidden = false;
      const w = box.clientWidth;
      const left = Math.min(Math.max(0, x + 12), Math.max(0, w - tip.offsetWidth - 4));
      tip.style.left = `${left}px`;
      tip.style.top = `${Math.max(0, y - 10)}px`;
    },
    hide() {
      tip.hidden = true;
    },
  };
}
