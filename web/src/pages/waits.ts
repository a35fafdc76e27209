import { ApiError, apiGet, apiUrl } from '../api.ts';
import { barChart } from '../charts/bar-chart.ts';
import { isLight } from '../charts/colors.ts';
import { colorLegend, sequentialScale } from '../charts/sequential-scale.ts';
import { controls, pageHead, select, type Ctx } from '../context.ts';
import { h } from '../dom.ts';
import { figure } from '../figure.ts';
import { instant, zoneName } from '../format.ts';
import { waitWord } from '../labels.ts';
import { apiMessage } from '../messages-es.ts';
import type { WaitBasis, WaitCell, WaitLaneRef, WaitNow, WaitProfile } from '../types.ts';
import { renderWaitsForecast, type WaitForecastJson } from './waits-forecast-panel.ts';

/** The forecast as fetched: the API's JSON, or why there is none (its refusal). */
type Forecast = { json: WaitForecastJson } | { refused: string };

/**
 * A port's (or crossing's) CBP wait times from the loaded history: every crossing and lane's
 * latest reading against the typical wait at that hour of week, an hour × weekday heatmap of
 * the typical wait, the forecast for the 24 hours after the newest reading (with its 80%
 * interval), the typical wait by month, and the best hour to cross in the next 24 hours (from the
 * forecast where a lane has one, else from history, labelled). Each figure names the files and
 * the span of readings it rests on.
 */
export async function waitsPage(ctx: Ctx): Promise<Node> {
  const arg = ctx.route.arg!;
  // "The next 24 hours" start at the current hour; asked per hour, so answers can be cached.
  const asOf = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString();
  const [now, profile, forecast] = await Promise.all([
    apiGet(`waits/now/${encodeURIComponent(arg)}`, { asOf }),
    apiGet(`waits/profile/${encodeURIComponent(arg)}`),
    fetchForecast(arg),
  ]);
  const lanes = profile.lanesProfiled.filter((l) => l.hourOfWeek.length > 0);
  const key = (l: WaitLaneRef) => `${l.portNumber}|${l.laneType}/${l.laneKind}`;
  // Default: the lane with the most hours of history shown.
  const asked = `${ctx.q('crossing') ?? ''}|${ctx.q('lane') ?? ''}`;
  const chosen =
    lanes.find((l) => key(l) === asked) ??
    [...lanes].sort(
      (a, b) =>
        b.hourOfWeek.reduce((s, c) => s + c.hours, 0) -
        a.hourOfWeek.reduce((s, c) => s + c.hours, 0),
    )[0];
  const figures: (HTMLElement | null)[] = [
    nowFigure(ctx, now, arg),
    chosen ? heatFigure(ctx, profile, chosen, arg) : null,
    forecastFigure(ctx, now, forecast, arg),
    bestFigure(ctx, now, forecast, arg),
    chosen && chosen.byMonth.length > 0 ? monthFigure(ctx, profile, chosen, arg) : null,
  ];
  const place = now.place;
  return h(
    'div',
    { class: 'page waits' },
    pageHead(
      ctx.t('waitsTitle', { place: place.name }),
      undefined,
      h(
        'p',
        { class: 'facts' },
        [
          place.crossings.length === 1
            ? place.crossings[0]!.portNumber
            : ctx.t('waitsCbpCrossings', { n: place.crossings.length }),
          zoneName(ctx.lang, place.crossings[0]?.zone ?? ''),
        ]
          .filter(Boolean)
          .join(' · '),
        ...place.ports.map((p) => [
          ' · ',
          h('a', { href: ctx.link('port', p), 'data-role': 'port-link' }, p),
        ]),
      ),
      lanes.length > 0
        ? controls(
            select(
              ctx,
              'lane',
              `${ctx.t('waitsCrossing')} · ${ctx.t('waitsLane')}`,
              lanes.map((l) => ({ value: key(l), label: `${l.crossing} · ${laneName(ctx, l)}` })),
              chosen ? key(chosen) : '',
              (v) => {
                const [crossing, lane] = v.split('|');
                return ctx.withQuery({ crossing, lane });
              },
            ),
          )
        : null,
    ),
    h('div', { class: 'grid' }, figures),
  );
}

/**
 * The forecast for the 24 hours after the newest loaded reading (the API's default origin: the
 * bundle is a history, so "now" is its end), every lane of the place. A refusal (a place too
 * thinly read to forecast) is shown as its reason, not as an error of the page.
 */
async function fetchForecast(arg: string): Promise<Forecast> {
  try {
    return { json: await apiGet('waits/forecast', { place: arg }) };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return { refused: e.message };
    throw e;
  }
}

function forecastFigure(ctx: Ctx, now: WaitNow, forecast: Forecast, arg: string): HTMLElement {
  const body = h('div', { 'data-role': 'forecast' });
  if ('json' in forecast) renderWaitsForecast(body, forecast.json, ctx.lang);
  else {
    const reason = apiMessage(ctx.lang, forecast.refused);
    body.append(
      h(
        'p',
        reason.en ? { lang: 'en' } : null,
        ctx.t('waitsForecastNone', { reason: reason.text }),
      ),
    );
  }
  return figure(ctx.lang, {
    id: 'waits-forecast',
    title: ctx.t('waitsForecastTitle'),
    body,
    sources: now.sources,
    csv: { url: apiUrl('waits/forecast', { place: arg }) },
    notes: basisOf(ctx, now).notes,
    wide: true,
  });
}

/** Each forecast lane's lowest hour of the next 24 (the first such hour on a tie). */
function forecastBest(forecast: Forecast) {
  const best = new Map<
    string,
    { hourUtc: string; zone: string; f: number; lo: number; hi: number }
  >();
  if (!('json' in forecast)) return best;
  for (const l of forecast.json.lanes) {
    let min: WaitForecastJson['lanes'][number]['hours'][number] | undefined;
    for (const x of l.hours.slice(0, 24))
      if (!min || x.forecastMinutes < min.forecastMinutes) min = x;
    if (min)
      best.set(`${l.portNumber}|${l.laneType}/${l.laneKind}`, {
        hourUtc: min.hourUtc,
        zone: l.zone,
        f: min.forecastMinutes,
        lo: min.lowMinutes,
        hi: min.highMinutes,
      });
  }
  return best;
}

/** "Sat 06:00" in the crossing's own zone. */
function localLabel(lang: string, iso: string, zone: string): string {
  const d = new Date(iso);
  const day = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: zone }).format(d);
  const hour = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  }).format(d);
  return `${day} ${hour}:00`;
}

const laneName = (ctx: Ctx, l: { laneType: string; laneKind: string }) =>
  `${waitWord(ctx.lang, l.laneType)} ${waitWord(ctx.lang, l.laneKind)}`;

const minutes = (ctx: Ctx, n: number | null | undefined) =>
  n === null || n === undefined ? '–' : ctx.t('waitsMinutes', { n: Math.round(n) });

function weekdayName(lang: string, weekday: number): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
}

const hourLabel = (ctx: Ctx, c: { weekday: number; hour: number }) =>
  `${weekdayName(ctx.lang, c.weekday)} ${String(c.hour).padStart(2, '0')}:00`;

/** Sources as `status` shows a feed (files, folder, first … last) and the span of readings. */
function basisOf(ctx: Ctx, r: WaitBasis): { sources: WaitBasis['sources']; notes: string[] } {
  const base = (p: string) => p.split('/').pop() ?? p;
  return {
    sources: r.sources,
    notes: [
      ctx.t('waitsSpan', {
        n: r.span.readings.toLocaleString(ctx.lang === 'es' ? 'es-MX' : 'en-US'),
        first: instant(ctx.lang, r.span.first),
        last: instant(ctx.lang, r.span.last),
      }),
      ...r.sources
        .filter((g) => g.files > 1)
        .map((g) =>
          ctx.t('waitsFiles', {
            files: g.files.toLocaleString(ctx.lang === 'es' ? 'es-MX' : 'en-US'),
            folder: base(g.folder),
            first: base(g.first.path),
            last: base(g.last.path),
          }),
        ),
    ],
  };
}

function nowFigure(ctx: Ctx, now: WaitNow, arg: string): HTMLElement {
  const newest = now.rows.reduce((a, r) => (r.observedAt > a ? r.observedAt : a), '');
  const b = basisOf(ctx, now);
  return figure(ctx.lang, {
    id: 'waits-now',
    title: ctx.t('waitsNowTitle'),
    wide: true,
    body: h(
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
            [ctx.t('waitsCrossing'), ctx.t('waitsLane'), ctx.t('waitsLatest')].map((x) =>
              h('th', null, x),
            ),
            [ctx.t('waitsNow'), ctx.t('waitsUsual'), ctx.t('waitsP80'), ctx.t('waitsHours')].map(
              (x) => h('th', { class: 'num' }, x),
            ),
          ),
        ),
        h(
          'tbody',
          null,
          now.rows.map((r) =>
            h(
              'tr',
              { 'data-lane': `${r.portNumber}|${r.laneType}/${r.laneKind}` },
              h('td', null, r.crossing),
              h('td', null, laneName(ctx, r)),
              h('td', null, r.observedLocal.replace('T', ' ')),
              h(
                'td',
                { class: 'num', 'data-col': 'now', 'data-value': r.minutes ?? '' },
                r.minutes !== null ? minutes(ctx, r.minutes) : waitWord(ctx.lang, r.status ?? '–'),
              ),
              h(
                'td',
                { class: 'num', 'data-col': 'usual', 'data-value': r.typical?.median ?? '' },
                minutes(ctx, r.typical?.median),
              ),
              h('td', { class: 'num' }, minutes(ctx, r.typical?.p80)),
              h('td', { class: 'num' }, String(r.typical?.hours ?? '–')),
            ),
          ),
        ),
      ),
    ),
    sources: b.sources,
    csv: { url: apiUrl(`waits/now/${encodeURIComponent(arg)}`, { asOf: now.asOf }) },
    notes: [
      ...(newest ? [ctx.t('waitsNotLive', { when: instant(ctx.lang, newest) })] : []),
      ...b.notes,
    ],
  });
}

type Lane = WaitProfile['lanesProfiled'][number];

function heatFigure(ctx: Ctx, profile: WaitProfile, lane: Lane, arg: string): HTMLElement {
  const values = lane.hourOfWeek.map((c) => c.median);
  const max = Math.max(...values, 1);
  const steps = [5, 10, 15, 20, 30, 45, 60, 90, 120].filter((t) => t < max);
  const scale = sequentialScale(steps.length > 0 ? steps : [max], (v) => String(v));
  const cell = (weekday: number, hour: number) =>
    lane.hourOfWeek.find((c) => c.weekday === weekday && c.hour === hour);
  const thin = '#eef0f2';
  const tip = (c: WaitCell) =>
    `${ctx.t('waitsUsual')}: ${minutes(ctx, c.median)}; ${ctx.t('waitsP80')} ${minutes(ctx, c.p80)}; ${ctx.t('waitsHours')}: ${c.hours}`;
  const zone = zoneName(
    ctx.lang,
    profile.place.crossings.find((c) => c.portNumber === lane.portNumber)?.zone ?? '',
  );
  const b = basisOf(ctx, profile);
  // Hours down, weekdays across: seven columns fit a 390 px phone with 12 px figures.
  const body = h(
    'div',
    { class: 'heat-wrap' },
    colorLegend(ctx.t('waitsHeatLegend'), scale.legend, [
      { color: thin, label: ctx.t('waitsHeatThin', { n: profile.minHours }) },
    ]),
    h(
      'table',
      { class: 'heat', 'data-role': 'heatmap' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', null, ''),
          [1, 2, 3, 4, 5, 6, 7].map((d) => h('th', null, weekdayName(ctx.lang, d))),
        ),
      ),
      h(
        'tbody',
        null,
        Array.from({ length: 24 }, (_, hour) =>
          h(
            'tr',
            null,
            h('th', null, `${String(hour).padStart(2, '0')}:00`),
            [1, 2, 3, 4, 5, 6, 7].map((d) => {
              const c = cell(d, hour);
              return h(
                'td',
                {
                  'data-weekday': d,
                  'data-hour': hour,
                  'data-value': c?.median ?? '',
                  style: `background:${c ? scale.color(c.median) : thin}`,
                  title: c ? tip(c) : ctx.t('waitsHeatThin', { n: profile.minHours }),
                  // White figures on dark fills, black on light: by the fill's luminance.
                  class: c && !isLight(scale.color(c.median)) ? 'dark' : null,
                },
                c ? String(Math.round(c.median)) : '·',
              );
            }),
          ),
        ),
      ),
    ),
  );
  return figure(ctx.lang, {
    id: 'waits-heatmap',
    title: ctx.t('waitsHeatTitle', { lane: laneName(ctx, lane), crossing: lane.crossing }),
    body,
    sources: b.sources,
    csv: { url: apiUrl(`waits/profile/${encodeURIComponent(arg)}`) },
    notes: [ctx.t('waitsHeatNote', { zone }), ...b.notes],
  });
}

function bestFigure(ctx: Ctx, now: WaitNow, forecast: Forecast, arg: string): HTMLElement {
  const from = now.bestTimes[0]?.from;
  const byForecast = forecastBest(forecast);
  const b = basisOf(ctx, now);
  return figure(ctx.lang, {
    id: 'waits-best',
    title: ctx.t('waitsBestTitle'),
    body: h(
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
            [ctx.t('waitsCrossing'), ctx.t('waitsLane'), ctx.t('waitsBestHour')].map((x) =>
              h('th', null, x),
            ),
            [ctx.t('waitsUsual'), ctx.t('waitsP80'), ctx.t('waitsHours')].map((x) =>
              h('th', { class: 'num' }, x),
            ),
            h('th', null, ctx.t('waitsBestBasis')),
          ),
        ),
        h(
          'tbody',
          null,
          now.bestTimes.map((t) => {
            const f = byForecast.get(`${t.portNumber}|${t.laneType}/${t.laneKind}`);
            const lane = `${t.portNumber}|${t.laneType}/${t.laneKind}`;
            if (f)
              return h(
                'tr',
                { 'data-lane': lane, 'data-basis': 'forecast' },
                h('td', null, t.crossing),
                h('td', null, laneName(ctx, t)),
                h(
                  'td',
                  { 'data-col': 'best', 'data-hour': f.hourUtc },
                  localLabel(ctx.lang, f.hourUtc, f.zone),
                ),
                h('td', { class: 'num', 'data-value': f.f }, minutes(ctx, f.f)),
                h(
                  'td',
                  { class: 'num', 'data-col': 'interval' },
                  `${f.lo}–${ctx.t('waitsMinutes', { n: f.hi })}`,
                ),
                h('td', { class: 'num' }, '–'),
                h('td', { 'data-col': 'basis' }, ctx.t('waitsBestForecast')),
              );
            return h(
              'tr',
              { 'data-lane': lane, 'data-basis': 'history' },
              h('td', null, t.crossing),
              h('td', null, laneName(ctx, t)),
              h(
                'td',
                { 'data-col': 'best' },
                t.best ? hourLabel(ctx, t.best) : ctx.t('waitsNoBest'),
              ),
              h(
                'td',
                { class: 'num', 'data-value': t.best?.median ?? '' },
                minutes(ctx, t.best?.median),
              ),
              h('td', { class: 'num' }, minutes(ctx, t.best?.p80)),
              h('td', { class: 'num' }, String(t.best?.hours ?? '–')),
              h('td', { 'data-col': 'basis' }, ctx.t('waitsBestHistory')),
            );
          }),
        ),
      ),
    ),
    sources: b.sources,
    csv: { url: apiUrl(`waits/profile/${encodeURIComponent(arg)}`) },
    notes: [
      ...('json' in forecast && byForecast.size > 0
        ? [ctx.t('waitsBestForecastNote', { origin: instant(ctx.lang, forecast.json.origin) })]
        : []),
      ctx.t('waitsBestNote', { from: from ? hourLabel(ctx, from) : '–' }),
      ...b.notes,
    ],
  });
}

function monthFigure(ctx: Ctx, profile: WaitProfile, lane: Lane, arg: string): HTMLElement {
  const b = basisOf(ctx, profile);
  return figure(ctx.lang, {
    id: 'waits-months',
    title: ctx.t('waitsMonthTitle', { lane: laneName(ctx, lane), crossing: lane.crossing }),
    body: barChart(
      lane.byMonth.map((c) => ({
        key: String(c.month),
        label: new Intl.DateTimeFormat(ctx.lang, { month: 'long', timeZone: 'UTC' }).format(
          new Date(Date.UTC(2000, c.month - 1, 1)),
        ),
        value: c.median,
        display: `${minutes(ctx, c.median)} (p80 ${minutes(ctx, c.p80)}, ${c.hours} h)`,
      })),
    ),
    sources: b.sources,
    csv: { url: apiUrl(`waits/profile/${encodeURIComponent(arg)}`) },
    notes: b.notes,
  });
}
