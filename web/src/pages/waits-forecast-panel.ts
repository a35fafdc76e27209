import { scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import { h, s } from '../dom.ts';
import { dayName, instant, zoneName } from '../format.ts';
import type { Lang } from '../i18n.ts';
import type { WaitForecast } from '../types.ts';

/**
 * The next 24 hours' wait forecast with its 80% interval, one small chart per lane, from the
 * JSON of GET /api/waits/forecast. Self-contained (its own labels in English and Spanish, its
 * own chart) so the waits page can place it wherever it likes: `renderWaitsForecast(el, json, lang)`.
 */

/** The route's JSON, as the server's schema (/openapi.json's WaitForecast) types it. */
export type WaitForecastJson = WaitForecast;

const LABELS = {
  en: {
    title: 'Next 24 hours: forecast wait',
    band: '80% interval',
    forecast: 'Forecast',
    minutes: 'min',
    localTime: 'local time',
    from: 'From readings published before',
    history: 'History',
    file: 'file',
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
    figures: 'Hour by hour',
    hour: 'Hour',
    low: 'Low',
    high: 'High',
  },
  es: {
    title: 'Próximas 24 horas: espera pronosticada',
    band: 'intervalo del 80%',
    forecast: 'Pronóstico',
    minutes: 'min',
    localTime: 'hora local',
    from: 'Con lecturas publicadas antes de',
    history: 'Historial',
    file: 'archivo',
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
    figures: 'Hora por hora',
    hour: 'Hora',
    low: 'Mínimo',
    high: 'Máximo',
  },
} as const;

/** The chart's figures as a table (folded): readable without the chart, and checkable. */
function laneTable(lane: WaitForecastJson['lanes'][number], lang: Lang): HTMLElement {
  const t = LABELS[lang];
  return h(
    'details',
    { class: 'waits-forecast-figures' },
    h('summary', null, t.figures),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'table' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            h('th', null, `${t.hour} (${t.localTime})`),
            [t.forecast, t.low, t.high].map((x) => h('th', { class: 'num' }, `${x}, ${t.minutes}`)),
          ),
        ),
        h(
          'tbody',
          null,
          lane.hours
            .slice(0, 24)
            .map((p) =>
              h(
                'tr',
                { 'data-hour': p.hourUtc },
                h(
                  'td',
                  null,
                  `${localHour(p.hourUtc, lane.zone)}h`,
                  p.holidays.length ? ` (${t.holiday}: ${p.holidays.join(', ')})` : '',
                ),
                h('td', { class: 'num', 'data-col': 'forecast' }, String(p.forecastMinutes)),
                h('td', { class: 'num', 'data-col': 'low' }, String(p.lowMinutes)),
                h('td', { class: 'num', 'data-col': 'high' }, String(p.highMinutes)),
              ),
            ),
        ),
      ),
    ),
  );
}

// A narrow view box, so on a 390 px phone (the chart about 250 px wide inside its figure) its
// text stays at 11 px or more; on a wide screen the chart stops growing at 640 px.
const W = 300;
const H = 190;
const M = { top: 16, right: 8, bottom: 38, left: 34 };
/** Text size in view-box units (rendered at about 11.7 px on a phone, larger on a desktop). */
const FONT = 14;

function localHour(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

type Hour = WaitForecastJson['lanes'][number]['hours'][number];

function laneChart(
  lane: WaitForecastJson['lanes'][number],
  fromIso: string,
  lang: Lang,
): SVGSVGElement {
  const t = LABELS[lang];
  // 24 hourly slots from the first hour asked; an hour the lane has no forecast for (never read
  // then, likely closed) is a gap in the line, not a bridge.
  const start = Date.parse(fromIso);
  const slots: (Hour | undefined)[] = Array.from({ length: 24 }, () => undefined);
  for (const p of lane.hours) {
    const i = Math.round((Date.parse(p.hourUtc) - start) / 3_600_000);
    if (i >= 0 && i < 24) slots[i] = p;
  }
  const hours = lane.hours.slice(0, 24);
  const n = 24;
  const x = scaleLinear()
    .domain([0, Math.max(1, n - 1)])
    .range([M.left, W - M.right]);
  const top = Math.max(10, ...hours.map((p) => p.highMinutes));
  const y = scaleLinear()
    .domain([0, top])
    .nice(4)
    .range([H - M.bottom, M.top]);
  const band = area<Hour | undefined>()
    .defined((p) => p !== undefined)
    .x((_p, i) => x(i))
    .y0((p) => y(p!.lowMinutes))
    .y1((p) => y(p!.highMinutes));
  const mid = line<Hour | undefined>()
    .defined((p) => p !== undefined)
    .x((_p, i) => x(i))
    .y((p) => y(p!.forecastMinutes));
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
  const xTicks = slots
    .map(
      (_p, i) =>
        [{ hourUtc: new Date(start + i * 3_600_000).toISOString(), ...slots[i] }, i] as const,
    )
    .filter(([, i]) => i % 3 === 0)
    .map(([p, i]) =>
      s(
        'text',
        {
          x: x(i),
          y: H - M.bottom + 16,
          'text-anchor': 'middle',
          'font-size': FONT,
          fill: p.holidays?.length ? '#b45309' : null,
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
      style: 'width:100%;max-width:640px;height:auto',
      role: 'img',
      'aria-label': `${t.forecast}: ${desc}`,
    },
    ticks,
    s('path', {
      d: band(slots) ?? '',
      fill: '#2563eb',
      'fill-opacity': 0.18,
      stroke: 'none',
      'data-series': 'interval',
    }),
    s('path', {
      d: mid(slots) ?? '',
      fill: 'none',
      stroke: '#1d4ed8',
      'stroke-width': 2.2,
      'data-series': 'forecast',
    }),
    xTicks,
    s(
      'text',
      { x: W - M.right, y: H - 2, 'text-anchor': 'end', 'font-size': FONT, fill: '#555' },
      `${t.localTime} (${zoneName(lang, lane.zone)})`,
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
      laneChart(lane, data.from, lang),
      laneTable(lane, lang),
    ),
  );
  const files = data.sources.map(
    (src) =>
      // The bundle's own folder ("cbp", "cbp/bwt-history"), never the server's path to it.
      `${src.folder.replace(/^.*\/(cbp(?:\/|$))/, '$1')}: ${src.files.toLocaleString(lang === 'es' ? 'es-MX' : 'en-US')} ${src.files === 1 ? t.file : t.files}, ${src.firstFile} … ${src.lastFile}`,
  );
  const foot = h(
    'p',
    { class: 'sources', style: `font-size:${FONT}px` },
    `${t.from} ${instant(lang, data.origin)}. ${t.history}: ${data.history ? `${dayName(lang, data.history.from.slice(0, 10))} – ${dayName(lang, data.history.to.slice(0, 10))}` : '—'}. `,
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
