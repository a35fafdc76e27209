import { scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import { h, s } from '../dom.ts';
import type { Lang } from '../i18n.ts';

/**
 * The next 24 hours' wait forecast with its 80% interval, one small chart per lane, from the
 * JSON of GET /api/waits/forecast. Self-contained (its own labels in English and Spanish, its
 * own chart) so the waits page can place it wherever it likes: `renderWaitsForecast(el, json, lang)`.
 */

/** The route's JSON as this panel reads it (written against /openapi.json's WaitForecast). */
export interface WaitForecastJson {
  kind: 'wait-forecast';
  asked: string;
  origin: string;
  lanes: {
    portNumber: string;
    crossing: string;
    laneType: string;
    laneKind: string;
    zone: string;
    hours: {
      hourUtc: string;
      forecastMinutes: number;
      lowMinutes: number;
      highMinutes: number;
      holidays: string[];
    }[];
  }[];
  history: { from: string; to: string } | null;
  sources: { folder: string; files: number; firstFile: string; lastFile: string }[];
  notes: string[];
}

const LABELS = {
  en: {
    title: 'Next 24 hours: forecast wait',
    band: '80% interval',
    forecast: 'Forecast',
    minutes: 'min',
    localTime: 'local time',
    from: 'From readings published before',
    history: 'History',
    files: 'files',
    none: 'No lane of this crossing has enough history to forecast.',
    laneType: {
      passenger: 'Passenger vehicles',
      commercial: 'Commercial vehicles',
      pedestrian: 'Pedestrians',
    } as Record<string, string>,
    laneKind: {
      standard: 'standard',
      ready: 'Ready Lane',
      nexus_sentri: 'SENTRI/NEXUS',
      fast: 'FAST',
    } as Record<string, string>,
    holiday: 'holiday',
  },
  es: {
    title: 'Próximas 24 horas: espera pronosticada',
    band: 'intervalo del 80%',
    forecast: 'Pronóstico',
    minutes: 'min',
    localTime: 'hora local',
    from: 'Con lecturas publicadas antes de',
    history: 'Historial',
    files: 'archivos',
    none: 'Ningún carril de este cruce tiene historial suficiente para pronosticar.',
    laneType: {
      passenger: 'Vehículos de pasajeros',
      commercial: 'Vehículos comerciales',
      pedestrian: 'Peatones',
    } as Record<string, string>,
    laneKind: {
      standard: 'estándar',
      ready: 'Ready Lane',
      nexus_sentri: 'SENTRI/NEXUS',
      fast: 'FAST',
    } as Record<string, string>,
    holiday: 'feriado',
  },
} as const;

const W = 560;
const H = 200;
const M = { top: 12, right: 12, bottom: 30, left: 44 };
/** Every text in the chart is at least this size (px), readable at any zoom of the page. */
const FONT = 12;

function localHour(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

function laneChart(lane: WaitForecastJson['lanes'][number], lang: Lang): SVGSVGElement {
  const t = LABELS[lang];
  const hours = lane.hours.slice(0, 24);
  const n = hours.length;
  const x = scaleLinear()
    .domain([0, Math.max(1, n - 1)])
    .range([M.left, W - M.right]);
  const top = Math.max(10, ...hours.map((p) => p.highMinutes));
  const y = scaleLinear()
    .domain([0, top])
    .nice(4)
    .range([H - M.bottom, M.top]);
  const band = area<WaitForecastJson['lanes'][number]['hours'][number]>()
    .x((_p, i) => x(i))
    .y0((p) => y(p.lowMinutes))
    .y1((p) => y(p.highMinutes));
  const mid = line<WaitForecastJson['lanes'][number]['hours'][number]>()
    .x((_p, i) => x(i))
    .y((p) => y(p.forecastMinutes));
  const ticks = y
    .ticks(4)
    .map((v) =>
      s(
        'g',
        null,
        s('line', { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v), stroke: '#ddd' }),
        s(
          'text',
          { x: M.left - 6, y: y(v), dy: '0.32em', 'text-anchor': 'end', 'font-size': FONT },
          `${v}`,
        ),
      ),
    );
  const xTicks = hours
    .map((p, i) => [p, i] as const)
    .filter(([, i]) => i % 3 === 0)
    .map(([p, i]) =>
      s(
        'text',
        {
          x: x(i),
          y: H - M.bottom + 16,
          'text-anchor': 'middle',
          'font-size': FONT,
          fill: p.holidays.length ? '#b45309' : null,
        },
        `${localHour(p.hourUtc, lane.zone)}h`,
      ),
    );
  const desc = hours
    .map(
      (p) =>
        `${localHour(p.hourUtc, lane.zone)}h ${p.forecastMinutes} ${t.minutes} (${p.lowMinutes}–${p.highMinutes})`,
    )
    .join('; ');
  return s(
    'svg',
    {
      viewBox: `0 0 ${W} ${H}`,
      class: 'chart waits-forecast-chart',
      role: 'img',
      'aria-label': `${t.forecast}: ${desc}`,
    },
    ticks,
    s('path', {
      d: band(hours) ?? '',
      fill: '#2563eb',
      'fill-opacity': 0.18,
      stroke: 'none',
      'data-series': 'interval',
    }),
    s('path', {
      d: mid(hours) ?? '',
      fill: 'none',
      stroke: '#1d4ed8',
      'stroke-width': 2.2,
      'data-series': 'forecast',
    }),
    xTicks,
    s(
      'text',
      { x: W - M.right, y: H - 2, 'text-anchor': 'end', 'font-size': FONT, fill: '#555' },
      `${t.localTime} (${lane.zone})`,
    ),
    s('text', { x: M.left, y: M.top - 2, 'font-size': FONT, fill: '#555' }, t.minutes),
  );
}

/** Renders the panel into `el` (its former content replaced). */
export function renderWaitsForecast(el: HTMLElement, data: WaitForecastJson, lang: Lang): void {
  const t = LABELS[lang];
  const legend = h(
    'p',
    { class: 'legend', style: `font-size:${FONT}px` },
    h('span', {
      style: 'display:inline-block;width:14px;height:3px;background:#1d4ed8;vertical-align:middle',
    }),
    ` ${t.forecast}  `,
    h('span', {
      style:
        'display:inline-block;width:14px;height:10px;background:rgba(37,99,235,.18);vertical-align:middle',
    }),
    ` ${t.band}`,
  );
  const lanes = data.lanes.map((lane) =>
    h(
      'figure',
      {
        class: 'waits-forecast-lane',
        'data-lane': `${lane.portNumber}:${lane.laneType}:${lane.laneKind}`,
      },
      h(
        'figcaption',
        { style: `font-size:${FONT + 1}px` },
        `${lane.crossing || lane.portNumber} — ${t.laneType[lane.laneType] ?? lane.laneType}, ${t.laneKind[lane.laneKind] ?? lane.laneKind}`,
      ),
      laneChart(lane, lang),
    ),
  );
  const files = data.sources.map(
    (src) =>
      `${src.folder.replace(/.*\/(cbp\/)/, '$1')}: ${src.files.toLocaleString(lang === 'es' ? 'es-MX' : 'en-US')} ${t.files}, ${src.firstFile} … ${src.lastFile}`,
  );
  const foot = h(
    'p',
    { class: 'sources', style: `font-size:${FONT}px` },
    `${t.from} ${data.origin}. ${t.history}: ${data.history ? `${data.history.from.slice(0, 10)} – ${data.history.to.slice(0, 10)}` : '—'}. `,
    files.join('; '),
  );
  el.replaceChildren(
    h(
      'section',
      { class: 'waits-forecast-panel' },
      h('h3', null, t.title),
      legend,
      lanes.length ? lanes : h('p', null, t.none),
      foot,
    ),
  );
}
