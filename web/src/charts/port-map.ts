import { geoConicConformal, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { scaleSqrt } from 'd3-scale';
import { h, s } from '../dom.ts';
import { isLang, t } from '../i18n.ts';
import { dataTable } from './data-table.ts';
import { fitWidth } from './fit-width.ts';
import { textWidth } from './text-width.ts';
import { tooltip } from './tooltip.ts';

export interface MapPort {
  code: string;
  name: string;
  border: 'mexico' | 'canada';
  latitude: number;
  longitude: number;
  value: number | null;
  display: string;
  href: string;
}

interface BaseMap {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    properties: { name: string };
    geometry: GeoPermissibleObjects;
  }[];
}

declare const __BASE_MAP_URL__: string;

let baseMap: Promise<BaseMap> | undefined;
/** The base layer (countries, US state lines), built from us-atlas and world-atlas into assets/. */
export function loadBaseMap(): Promise<BaseMap> {
  baseMap ??= fetch(__BASE_MAP_URL__).then((r) => {
    if (!r.ok) throw new Error(`base map: ${r.status}`);
    return r.json() as Promise<BaseMap>;
  });
  return baseMap;
}

const WIDEST = 960;
const BORDER_COLOR = { mexico: '#0a7d55', canada: '#c8102e' };

/**
 * Ports placed by their coordinates, circle area proportional to the chosen measure. Drawn at
 * its box's width (`fitWidth`): on a phone the map is relatively taller, its circles smaller and
 * fewer ports are named, in 11 px labels. Its table of ports, folded under it, is its text
 * alternative.
 */
export function portMapChart(
  base: BaseMap,
  ports: MapPort[],
  opts: {
    labelTop: number;
    legendTitle: string;
    legendValue: (v: number) => string;
    mexico: string;
    canada: string;
  },
): HTMLElement {
  const placed = ports.filter((p) => Number.isFinite(p.latitude) && Number.isFinite(p.longitude));
  const max = Math.max(1, ...placed.map((p) => p.value ?? 0));
  const box = h('div', { class: 'chart-box map-box' });
  const tip = tooltip(box);
  const lang = isLang(document.documentElement.lang) ? document.documentElement.lang : 'en';
  const table = dataTable(
    [t(lang, 'chartTableName'), opts.legendTitle],
    [...placed]
      .sort((a, b) => (b.value ?? -1) - (a.value ?? -1))
      .map((p) => [`${p.name} (${p.code})`, p.display]),
  );
  // The size key follows the map's circles, which shrink on a phone: redrawn with the map.
  const sizes = h('span', { class: 'map-sizes' });
  const svg = fitWidth(box, WIDEST, (W) => {
    sizes.replaceChildren(...sizeKey(max, W, opts.legendValue));
    return drawMap(base, placed, max, opts.labelTop, W, box, tip, table.id);
  });
  const legend = h(
    'div',
    { class: 'map-legend' },
    h('span', { class: 'map-legend-title' }, opts.legendTitle),
    sizes,
    // Each swatch and its label in one unbreakable item, so a wrap never parts them.
    h(
      'span',
      { class: 'legend-item' },
      h('span', { class: 'swatch', style: `background:${BORDER_COLOR.mexico}` }),
      opts.mexico,
    ),
    h(
      'span',
      { class: 'legend-item' },
      h('span', { class: 'swatch', style: `background:${BORDER_COLOR.canada}` }),
      opts.canada,
    ),
  );
  box.prepend(svg);
  box.append(legend, table.element);
  return box;
}

/** The largest circle's radius at a map width: 26 px on a desktop, down to 10 on a phone. */
function radius(max: number, W: number) {
  return scaleSqrt()
    .domain([0, max])
    .range([0, Math.max(10, Math.min(26, (26 * W) / WIDEST))]);
}

/** Three circles of round values side by side, each with its value, as the map draws them. */
function sizeKey(max: number, W: number, label: (v: number) => string): HTMLElement[] {
  const r = radius(max, W);
  return [max, max / 4, max / 16]
    .map((v) => Number(v.toPrecision(1)))
    .map((v) => {
      const rr = Math.max(2.5, r(v));
      const d = Math.ceil(2 * rr + 2);
      return h(
        'span',
        { class: 'legend-item map-size' },
        s(
          'svg',
          { width: d, height: d, viewBox: `0 0 ${d} ${d}`, 'aria-hidden': 'true' },
          s('circle', { cx: d / 2, cy: d / 2, r: rr, fill: 'none', stroke: '#666' }),
        ),
        label(v),
      );
    });
}

function drawMap(
  base: BaseMap,
  placed: MapPort[],
  max: number,
  labelTop: number,
  W: number,
  box: HTMLElement,
  tip: ReturnType<typeof tooltip>,
  tableId: string,
): SVGSVGElement {
  // 960 × 520 on a desktop; a phone's map is relatively taller so the border is not a sliver.
  const H = Math.round(W >= 700 ? W * 0.54 : Math.max(W * 0.75, 240));
  const narrow = W < 600;
  // Fit the ports with a margin, so edge circles and their labels stay inside the frame.
  const lons = placed.map((p) => p.longitude);
  const lats = placed.map((p) => p.latitude);
  const [x0, x1, y0, y1] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats),
  ];
  const padX = Math.max(1.5, (x1 - x0) * 0.06);
  const padY = Math.max(1.2, (y1 - y0) * 0.08);
  const projection = geoConicConformal()
    .parallels([30, 50])
    .rotate([-(x0 + x1) / 2, 0]);
  const m = narrow ? 8 : 20;
  projection.fitExtent(
    [
      [m, m],
      [W - m, H - m],
    ],
    {
      type: 'MultiPoint',
      coordinates: [
        [x0 - padX, y0 - padY],
        [x1 + padX, y0 - padY],
        [x0 - padX, y1 + padY],
        [x1 + padX, y1 + padY],
        ...placed.map((p): [number, number] => [p.longitude, p.latitude]),
      ],
    },
  );
  const path = geoPath(projection);
  const r = radius(max, W);

  const land = base.features.map((f) =>
    s('path', {
      d: path(f.geometry) ?? '',
      class: f.id === 'us-states' ? 'map-states' : f.id === '840' ? 'map-land us' : 'map-land',
    }),
  );
  // Big circles first, so small ports stay clickable on top of them.
  const order = [...placed].sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
  const circles = order.map((p) => {
    const [cx, cy] = projection([p.longitude, p.latitude]) ?? [NaN, NaN];
    if (!Number.isFinite(cx) || !Number.isFinite(cy)) return null;
    const hollow = p.value === null;
    const a = s(
      'a',
      { href: p.href, class: 'port', 'data-port': p.code, 'aria-label': `${p.name}: ${p.display}` },
      s('title', null, `${p.name} (${p.code}): ${p.display}`),
      s('circle', {
        cx: cx.toFixed(1),
        cy: cy.toFixed(1),
        r: hollow ? 2.5 : Math.max(2.5, r(p.value!)).toFixed(1),
        fill: hollow ? 'none' : BORDER_COLOR[p.border],
        'fill-opacity': hollow ? null : 0.55,
        stroke: BORDER_COLOR[p.border],
        'stroke-width': 1,
      }),
    );
    a.addEventListener('pointermove', (ev: Event) => {
      const e = ev as PointerEvent;
      const rect = box.getBoundingClientRect();
      tip.show(e.clientX - rect.left, e.clientY - rect.top, [`${p.name} (${p.code})`, p.display]);
    });
    a.addEventListener('pointerleave', () => tip.hide());
    return a;
  });
  // Names of the biggest ports, skipping any that would overlap a name already placed; a phone
  // names about half as many.
  const top = narrow ? Math.max(3, Math.round(labelTop / 2)) : labelTop;
  const taken: [number, number, number, number][] = [];
  const labels = order
    .filter((p) => p.value !== null)
    .slice(0, top * 3)
    .flatMap((p) => {
      const [cx, cy] = projection([p.longitude, p.latitude]) ?? [NaN, NaN];
      const rr = Math.max(2.5, r(p.value!));
      const w = textWidth(p.name) + 2;
      const right = cx + rr + 3 + w < W - 4;
      const x = right ? cx + rr + 3 : cx - rr - 3 - w;
      const box: [number, number, number, number] = [x, cy - 10, x + w, cy + 6];
      if (taken.length >= top || x < 2) return [];
      if (taken.some((t) => box[0] < t[2] && box[2] > t[0] && box[1] < t[3] && box[3] > t[1]))
        return [];
      taken.push(box);
      return [s('text', { x, y: cy + 4, class: 'map-label' }, p.name)];
    });
  return s(
    'svg',
    {
      viewBox: `0 0 ${W} ${H}`,
      width: W,
      height: H,
      class: 'chart port-map',
      role: 'img',
      'aria-describedby': tableId,
    },
    s('rect', { width: W, height: H, class: 'map-water' }),
    land,
    circles,
    labels,
  );
}
