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
  /** Its own colour (a quantity such as a duty rate) instead of its group's. */
  color?: string;
  /** The line that names it, when not `key label` (a product code whose key also names a partner). */
  heading?: string;
  /** Tooltip lines after the heading, when not the value and share. */
  tip?: string[];
}

export interface Group {
  key: string;
  name: string;
  color: string;
  children: Leaf[];
}

export interface TreemapOptions {
  width?: number;
  height?: number;
  /**
   * The legend of per-leaf colours (`Leaf.color`), shown instead of the groups' colours; groups
   * then get a named header band, since colour no longer tells them apart.
   */
  legend?: HTMLElement;
}

type Node = { name: string; children?: Node[]; leaf?: Leaf; group?: Group };

const HEADER = 16;

/**
 * Nested rectangles sized by value: by default HS chapters (leaves) grouped and coloured by
 * section; with `legend`, leaves coloured one by one inside named groups.
 */
export function treemapChart(groups: Group[], opts: TreemapOptions = {}): HTMLElement {
  const W = opts.width ?? 1000;
  const H = opts.height ?? 380;
  const perLeaf = opts.legend !== undefined;
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
  const layout = treemap<Node>().tile(treemapSquarify).size([W, H]).paddingInner(1).round(true);
  if (perLeaf) layout.paddingOuter(1).paddingTop((n) => (n.depth === 1 ? HEADER : 1));
  const laid = layout(root);

  const box = h('div', { class: 'chart-box' });
  const tip = tooltip(box);
  const headers = perLeaf
    ? (laid.children ?? []).map((g) => {
        const w = g.x1 - g.x0;
        const chars = Math.floor((w - 6) / 6.4);
        return s(
          'g',
          { class: 'tm-group', 'data-group': g.data.group!.key },
          s('rect', { x: g.x0, y: g.y0, width: Math.max(0, w), height: Math.max(0, g.y1 - g.y0) }),
          chars >= 3
            ? s(
                'text',
                { x: g.x0 + 3, y: g.y0 + 12, class: 'tm-group-label' },
                clip(g.data.name, chars),
              )
            : null,
        );
      })
    : [];
  const cells = laid.leaves().map((n) => {
    const leaf = n.data.leaf!;
    const group = n.parent!.data.group!;
    const fill = leaf.color ?? group.color;
    const heading = leaf.heading ?? `${leaf.key} ${leaf.label}`;
    const dark = perLeaf && isLight(fill) ? ' dark' : '';
    const w = n.x1 - n.x0;
    const ht = n.y1 - n.y0;
    const chars = Math.floor((w - 6) / 6.4);
    const text =
      ht > 16 && chars >= 3
        ? [
            s(
              'text',
              { x: n.x0 + 4, y: n.y0 + 13, class: `tm-label${dark}` },
              clip(heading, chars),
            ),
            ht > 30
              ? s(
                  'text',
                  { x: n.x0 + 4, y: n.y0 + 27, class: `tm-value${dark}` },
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
      fill,
    });
    const lines = leaf.tip ?? [leaf.display, leaf.share];
    const cell = s(
      'a',
      { href: leaf.href ?? null, 'data-key': leaf.key, class: 'tm-cell' },
      s(
        'title',
        null,
        leaf.tip ? [heading, ...lines].join('\n') : `${heading}: ${leaf.display} (${leaf.share})`,
      ),
      rect,
      text,
    );
    cell.addEventListener('pointermove', (ev: Event) => {
      const e = ev as PointerEvent;
      const r = box.getBoundingClientRect();
      tip.show(e.clientX - r.left, e.clientY - r.top, [heading, ...lines]);
    });
    cell.addEventListener('pointerleave', () => tip.hide());
    return cell;
  });
  const legend =
    opts.legend ??
    h(
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
    s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart treemap', role: 'img' }, headers, cells),
  );
  return box;
}

/** Whether white text would be hard to read on a `#rrggbb` fill (relative luminance). */
function isLight(hex: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return false;
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((c) => {
    const v = parseInt(c, 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! > 0.179; // where black and white text contrast equally
}
