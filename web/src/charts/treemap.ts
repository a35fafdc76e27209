import { hierarchy, treemap, treemapSquarify } from 'd3-hierarchy';
import { h, s } from '../dom.ts';
import { isLang, t } from '../i18n.ts';
import { isLight } from './colors.ts';
import { dataTable } from './data-table.ts';
import { fitWidth } from './fit-width.ts';
import { clipToWidth } from './text-width.ts';
import { tooltip } from './tooltip.ts';

export interface Leaf {
  key: string;
  label: string;
  value: number;
  display: string;
  /** The value as the cell shows it, when the full one is long (`14.4 mmd`). */
  short?: string;
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
  /** The widest it is drawn, in CSS pixels. */
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
 * section; with `legend`, leaves coloured one by one inside named groups. Drawn at its box's
 * width (`fitWidth`), taller than wide on a phone, so its 11 px labels stay 11 px; each label's
 * colour, black or white, is the one that contrasts more with its cell. Its data table, folded
 * under it, is its text alternative.
 */
export function treemapChart(groups: Group[], opts: TreemapOptions = {}): HTMLElement {
  const box = h('div', { class: 'chart-box' });
  const tip = tooltip(box);
  const leaves = groups.flatMap((g) =>
    g.children.filter((l) => l.value > 0).map((l) => ({ g, l })),
  );
  leaves.sort((a, b) => b.l.value - a.l.value);
  const lang = isLang(document.documentElement.lang) ? document.documentElement.lang : 'en';
  const table = dataTable(
    [t(lang, 'chartTableName'), t(lang, 'chartTableGroup'), t(lang, 'chartTableValue')],
    leaves.map(({ g, l }) => [
      l.heading ?? `${l.key} ${l.label}`,
      g.name,
      (l.tip ?? [l.display, l.share]).join(' · '),
    ]),
  );
  const svg = fitWidth(box, opts.width ?? 1000, (W) => draw(groups, opts, W, box, tip, table.id));
  const legend =
    opts.legend ??
    h(
      'ul',
      { class: 'legend' },
      groups
        .map((g) => ({ g, sum: g.children.reduce((a, l) => a + Math.max(0, l.value), 0) }))
        .filter((x) => x.sum > 0)
        .sort((a, b) => b.sum - a.sum)
        .slice(0, 12)
        .map(({ g }) =>
          h('li', null, h('span', { class: 'swatch', style: `background:${g.color}` }), g.name),
        ),
    );
  box.prepend(legend, svg);
  box.append(table.element);
  return box;
}

function draw(
  groups: Group[],
  opts: TreemapOptions,
  W: number,
  box: HTMLElement,
  tip: ReturnType<typeof tooltip>,
  tableId: string,
): SVGSVGElement {
  const tall = opts.height ?? 380;
  // A phone gets a taller box than the desktop's wide one: the same area, readable cells.
  const H = W >= 700 ? tall : Math.round(Math.max(tall * 0.8, W * 1.1));
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

  const headers = perLeaf
    ? (laid.children ?? []).map((g) => {
        const w = g.x1 - g.x0;
        const name = clipToWidth(g.data.name, w - 6, true);
        return s(
          'g',
          { class: 'tm-group', 'data-group': g.data.group!.key },
          s('rect', { x: g.x0, y: g.y0, width: Math.max(0, w), height: Math.max(0, g.y1 - g.y0) }),
          name.length >= 3
            ? s('text', { x: g.x0 + 3, y: g.y0 + 12, class: 'tm-group-label' }, name)
            : null,
        );
      })
    : [];
  const cells = laid.leaves().map((n) => {
    const leaf = n.data.leaf!;
    const group = n.parent!.data.group!;
    const fill = leaf.color ?? group.color;
    const heading = leaf.heading ?? `${leaf.key} ${leaf.label}`;
    const dark = isLight(fill) ? ' dark' : '';
    const w = n.x1 - n.x0;
    const ht = n.y1 - n.y0;
    // Labels cut to the cell's width as measured; none in a cell too small for three characters.
    const label = ht > 16 ? clipToWidth(heading, w - 7, true) : '';
    const value = ht > 30 ? clipToWidth(leaf.short ?? leaf.display, w - 7) : '';
    const text =
      label.length >= 3
        ? [
            s('text', { x: n.x0 + 4, y: n.y0 + 13, class: `tm-label${dark}` }, label),
            value.length >= 3
              ? s('text', { x: n.x0 + 4, y: n.y0 + 27, class: `tm-value${dark}` }, value)
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
  return s(
    'svg',
    {
      viewBox: `0 0 ${W} ${H}`,
      width: W,
      height: H,
      class: 'chart treemap',
      role: 'img',
      'aria-describedby': tableId,
    },
    headers,
    cells,
  );
}
