import { hierarchy, treemap, treemapSquarify } from 'd3-hierarchy';
import { clip, h, s } from '../dom.ts';
import { tooltip } from './tooltip.ts';

export interface Leaf {
  key: string;
  label: string;
  value: number;
  display: string;
  share: string;
  href?: string;
}

export interface Group {
  key: string;
  name: string;
  color: string;
  children: Leaf[];
}

type Node = { name: string; children?: Node[]; leaf?: Leaf; group?: Group };

/** Products as nested rectangles: HS chapters (leaves) grouped and coloured by section. */
export function treemapChart(
  groups: Group[],
  size: { width: number; height: number } = { width: 1000, height: 380 },
): HTMLElement {
  const W = size.width;
  const H = size.height;
  const root = hierarchy<Node>({
    name: 'root',
    children: groups.map((g) => ({
      name: g.name,
      group: g,
      children: g.children.filter((l) => l.value > 0).map((l) => ({ name: l.label, leaf: l })),
    })),
  })
    .sum((d) => d.leaf?.value ?? 0)
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0));
  const laid = treemap<Node>().tile(treemapSquarify).size([W, H]).paddingInner(1).round(true)(root);

  const box = h('div', { class: 'chart-box' });
  const tip = tooltip(box);
  const cells = laid.leaves().map((n) => {
    const leaf = n.data.leaf!;
    const group = n.parent!.data.group!;
    const w = n.x1 - n.x0;
    const ht = n.y1 - n.y0;
    const chars = Math.floor((w - 6) / 6.4);
    const text =
      ht > 16 && chars >= 3
        ? [
            s(
              'text',
              { x: n.x0 + 4, y: n.y0 + 13, class: 'tm-label' },
              clip(`${leaf.key} ${leaf.label}`, chars),
            ),
            ht > 30
              ? s(
                  'text',
                  { x: n.x0 + 4, y: n.y0 + 27, class: 'tm-value' },
                  clip(leaf.display, chars),
                )
              : null,
          ]
        : [];
    const rect = s('rect', {
      x: n.x0,
      y: n.y0,
      width: Math.max(0, w),
      height: Math.max(0, ht),
      fill: group.color,
    });
    const cell = s(
      'a',
      { href: leaf.href ?? null, 'data-key': leaf.key, class: 'tm-cell' },
      s('title', null, `${leaf.key} ${leaf.label}: ${leaf.display} (${leaf.share})`),
      rect,
      text,
    );
    cell.addEventListener('pointermove', (ev: Event) => {
      const e = ev as PointerEvent;
      const r = box.getBoundingClientRect();
      tip.show(e.clientX - r.left, e.clientY - r.top, [
        `${leaf.key} ${leaf.label}`,
        leaf.display,
        leaf.share,
      ]);
    });
    cell.addEventListener('pointerleave', () => tip.hide());
    return cell;
  });
  const legend = h(
    'ul',
    { class: 'legend' },
    (root.children ?? [])
      .slice(0, 12)
      .map((n) => n.data.group!)
      .map((g) =>
        h('li', null, h('span', { class: 'swatch', style: `background:${g.color}` }), g.name),
      ),
  );
  box.prepend(
    legend,
    s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart treemap', role: 'img' }, cells),
  );
  return box;
}
