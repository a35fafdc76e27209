import { apiGet, apiUrl } from '../api.ts';
import { barChart } from '../charts/bar-chart.ts';
import { loadBaseMap, portMapChart } from '../charts/port-map.ts';
import { controls, pageHead, select, yearOptions, type Ctx } from '../context.ts';
import { h } from '../dom.ts';
import { figure } from '../figure.ts';
import { axisCount, count } from '../format.ts';
import { measureName, MEASURES } from '../labels.ts';

/** Every US land port on both borders, placed by coordinates, sized by a measure in a year. */
export async function mapPage(ctx: Ctx): Promise<Node> {
  const { lang } = ctx;
  const measure = ctx.q('measure') ?? 'Trucks';
  const border = ctx.q('border');
  const [data, base] = await Promise.all([
    apiGet('map/ports', { measure, year: ctx.q('year') }),
    loadBaseMap(),
  ]);
  const shown = data.ports.filter((p) => !border || p.border === border);
  const mName = measureName(lang, data.measure);
  const linkQuery = { year: data.year, measure: data.measure };
  const chart = portMapChart(
    base,
    shown.map((p) => ({
      code: p.code,
      name: p.name,
      border: p.border,
      latitude: p.latitude,
      longitude: p.longitude,
      value: p.count === null ? null : Number(p.count),
      display: p.count === null ? ctx.t('notPublished') : count(lang, p.count),
      href: ctx.link('port', p.code, linkQuery),
    })),
    {
      labelTop: border ? 10 : 8,
      legendTitle: mName,
      legendValue: (v) => axisCount(lang, v),
      mexico: ctx.t('mexicoBorder'),
      canada: ctx.t('canadaBorder'),
    },
  );
  const ranked = shown.filter((p) => p.count !== null).slice(0, 15);
  const partial = data.months < 12 ? [ctx.t('partialYear', { months: data.months })] : [];
  const csv = { url: apiUrl('map/ports', { measure: data.measure, year: data.year }) };

  return h(
    'div',
    { class: 'page map' },
    pageHead(
      ctx.t('mapTitle'),
      ctx.t('mapLead', { measure: mName.toLowerCase(), year: data.year }),
      controls(
        select(
          ctx,
          'measure',
          ctx.t('measure'),
          Object.keys(MEASURES).map((m) => ({ value: m, label: measureName(lang, m) })),
          data.measure,
        ),
        select(ctx, 'year', ctx.t('year'), yearOptions(data.years), String(data.year)),
        select(
          ctx,
          'border',
          ctx.t('border'),
          [
            { value: '', label: ctx.t('bothBorders') },
            { value: 'mexico', label: ctx.t('mexicoBorder') },
            { value: 'canada', label: ctx.t('canadaBorder') },
          ],
          border ?? '',
        ),
      ),
    ),
    h(
      'div',
      { class: 'grid map-grid' },
      figure(lang, {
        id: 'port-map',
        title: ctx.t('mapFigureTitle', { measure: mName, year: data.year }),
        body: chart,
        sources: data.sources,
        notes: [ctx.t('notPublishedNote'), ...partial],
        csv,
      }),
      figure(lang, {
        id: 'port-ranking',
        title: ctx.t('mapTableTitle', { measure: mName.toLowerCase(), year: data.year }),
        body: barChart(
          ranked.map((p) => ({
            key: p.code,
            label: `${p.name}, ${p.state ?? ''}`,
            value: Number(p.count),
            display: count(lang, p.count),
            href: ctx.link('port', p.code, linkQuery),
            color: p.border === 'mexico' ? '#0a7d55' : '#c8102e',
          })),
        ),
        sources: data.sources,
        csv,
      }),
    ),
  );
}
