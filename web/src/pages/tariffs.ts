import { ApiError, apiGet, apiPost, apiUrl } from '../api.ts';
import { usStateNames } from '../names.ts';
import { dataNote, portLabel } from '../messages-es.ts';
import { barChart } from '../charts/bar-chart.ts';
import { partnerColor } from '../charts/colors.ts';
import {
  colorLegend,
  linearThresholds,
  quantileThresholds,
  sequentialScale,
} from '../charts/sequential-scale.ts';
import {
  loadUsStates,
  NO_VALUE_COLOR,
  stateMapChart,
  type StateValue,
  type UsStates,
} from '../charts/state-map.ts';
import { treemapChart, type Group } from '../charts/treemap.ts';
import { controls, pageHead, select, type Ctx } from '../context.ts';
import { h, type Child } from '../dom.ts';
import { figure, stat } from '../figure.ts';
import {
  axisMoney,
  integer,
  money,
  moneyShort,
  moneyExact,
  monthName,
  pct,
  ratio,
} from '../format.ts';
import type { Lang } from '../i18n.ts';
import { chapterName } from '../labels.ts';
import { partnerNames } from '../names.ts';
import {
  choiceQuery,
  layerLabel,
  readChoice,
  scenarioBody,
  sentLayers,
  type ScenarioChoice,
} from '../scenario-choice.ts';
import { TARIFF_PRESET } from '../tariff-preset.ts';
import type {
  PlaceShare,
  SourceRef,
  TariffBaseline,
  TariffBaselineRow,
  TariffScenario,
} from '../types.ts';

type Names = Awaited<ReturnType<typeof partnerNames>>;
type Outcome = { result: TariffScenario } | { refused: string } | null;

const MEXICO = '2010';
const CANADA = '1220';
/** Mexico and Canada first, as everywhere in the dashboard; the rest by code. */
const firstNorthAmerica = (a: string, b: string) => {
  const rank = (c: string) => (c === MEXICO ? 0 : c === CANADA ? 1 : 2);
  return rank(a) - rank(b) || a.localeCompare(b);
};

/**
 * Tariffs: the engine's baseline against Census calculated duty, then a scenario built from the
 * example's four layers (state in the URL), its added duty by partner, layer and product, and
 * — for Mexico and Canada — an estimate by US state and port.
 */
export async function tariffsPage(ctx: Ctx): Promise<Node> {
  const choice = readChoice(ctx.q);
  const body = scenarioBody(choice);
  const grouping = ctx.q('group') === 'chapter' ? 'chapter' : 'partner';
  // A refused scenario (a rate out of range, a partner not loaded) is shown beside the form.
  const outcome: Promise<Outcome> = body
    ? apiPost('tariff/scenario', body).then(
        (result) => ({ result }),
        (e: unknown) => {
          if (e instanceof ApiError && (e.status === 400 || e.status === 404))
            return { refused: e.message };
          throw e;
        },
      )
    : Promise.resolve(null);
  const [baseline, names, states, scenario] = await Promise.all([
    apiGet('tariff/baseline', { year: TARIFF_PRESET.year }),
    partnerNames(),
    loadUsStates(),
    outcome,
  ]);
  // On Spanish pages the products are named in Spanish, from the EU Combined Nomenclature
  // (their HS6 subheading's name: the EU names no US lines).
  if (ctx.lang === 'es' && scenario && 'result' in scenario) {
    const nameOf = await usStateNames();
    const keys = [
      ...states.states.map((s) => s.id),
      ...(scenario.result.places?.states ?? []).map((s) => s.key),
    ];
    scenario.result.stateNamesEs = Object.fromEntries(keys.map((k) => [k, nameOf('es', k, k)]));
    const codes = [...new Set(scenario.result.products.map((p) => p.hsCode))].slice(0, 400);
    if (codes.length > 0)
      scenario.result.productNamesEs = (
        await apiGet('names/products', { codes: codes.join(',') }).catch(() => null)
      )?.names;
  }

  return h(
    'div',
    { class: 'page tariffs' },
    pageHead(ctx.t('tariffsTitle'), ctx.t('tariffsLead')),
    h('h2', { class: 'section-head' }, ctx.t('tariffBaselineHead', { year: baseline.year })),
    baselineFigure(ctx, baseline, names),
    h('h2', { class: 'section-head' }, ctx.t('tariffScenarioHead', { year: TARIFF_PRESET.year })),
    h('p', { class: 'lead' }, ctx.t('tariffBuilderLead')),
    builder(ctx, choice),
    scenario === null
      ? h('p', { class: 'empty', 'data-role': 'no-layers' }, ctx.t('tariffNoLayers'))
      : 'refused' in scenario
        ? h('p', { class: 'error-message', role: 'alert' }, scenario.refused)
        : scenarioView(ctx, scenario.result, choice, names, states, grouping),
    body
      ? h(
          'details',
          { class: 'notes scenario-json' },
          h('summary', null, ctx.t('tariffScenarioJson')),
          h('pre', { 'data-role': 'scenario-json' }, JSON.stringify(body, null, 2)),
        )
      : null,
  );
}

/** A table cell with a dollar amount in words, every digit in its title. */
function moneyCell(ctx: Ctx, col: string, v: string | null): HTMLElement {
  return h(
    'td',
    {
      class: 'num',
      'data-col': col,
      'data-value': v ?? '',
      title: v ? moneyExact(ctx.lang, v) : null,
    },
    money(ctx.lang, v),
  );
}

function table(head: Child[], rows: HTMLElement[]): HTMLElement {
  return h(
    'div',
    { class: 'table-scroll' },
    h('table', { class: 'table' }, h('thead', null, h('tr', null, head)), h('tbody', null, rows)),
  );
}

const th = (label: string, num = true) => h('th', { class: num ? 'num' : null }, label);

function baselineFigure(ctx: Ctx, b: TariffBaseline, names: Names): HTMLElement {
  const { lang } = ctx;
  const cols: [string, string, (r: TariffBaselineRow) => string | null][] = [
    ['imports', ctx.t('importsConsumption'), (r) => r.valueUsd],
    ['mfn', ctx.t('tariffMfn'), (r) => r.engine.mfn],
    ['usmca', ctx.t('tariffUsmca'), (r) => r.engine.usmca],
    ['section301', ctx.t('tariffSection301'), (r) => r.engine.section301],
    ['section232', ctx.t('tariffSection232'), (r) => r.engine.section232],
    ['engine', ctx.t('tariffEngine'), (r) => r.engine.total],
    ['official', ctx.t('tariffOfficial'), (r) => r.officialUsd],
    ['difference', ctx.t('tariffDifference'), (r) => r.differenceUsd],
  ];
  const partners = [...b.partners].sort((x, y) =>
    firstNorthAmerica(x.partner.code, y.partner.code),
  );
  const row = (r: TariffBaselineRow, total: boolean) =>
    h(
      'tr',
      { 'data-partner': total ? 'total' : r.partner.code, class: total ? 'total' : null },
      h(
        'th',
        { scope: 'row' },
        total ? ctx.t('tariffAllPartners') : names(lang, r.partner.code, r.partner.name),
      ),
      cols.map(([k, , v]) => moneyCell(ctx, k, v(r))),
      h(
        'td',
        {
          class: r.withinTolerance === false ? 'num off' : 'num',
          'data-col': 'error',
          'data-value': r.errorPct ?? '',
        },
        pct(lang, r.errorPct, true),
      ),
    );
  return figure(lang, {
    id: 'tariff-baseline',
    title: ctx.t('tariffBaselineTitle', { year: b.year }),
    body: table(
      [th(ctx.t('partner'), false), cols.map(([, label]) => th(label)), th(ctx.t('tariffError'))],
      [...partners.map((r) => row(r, false)), row(b.total, true)],
    ),
    sources: b.sources,
    notes: [
      ctx.t('tariffBaselineNote', { tolerance: b.tolerancePct }),
      ...(b.notes ?? []).map((n) => dataNote(lang, n, (c) => names(lang, c, c)).text),
    ],
    csv: { url: apiUrl('tariff/baseline', { year: b.year }) },
  });
}

/** The preset's layers: each switched on or off (at once) and its rate (on Run). */
function builder(ctx: Ctx, choice: ScenarioChoice): HTMLElement {
  const boxes: HTMLInputElement[] = [];
  const rates: HTMLInputElement[] = [];
  const items = TARIFF_PRESET.layers.map((l, i) => {
    const box = h('input', {
      type: 'checkbox',
      name: `on${i}`,
      'data-control': `layer-${i}`,
      checked: choice.on[i],
    });
    const rate = h('input', {
      type: 'number',
      name: `r${i}`,
      'data-control': `r${i}`,
      min: 0,
      max: 1000,
      step: 'any',
      required: true,
      value: choice.rates[i],
    });
    boxes.push(box);
    rates.push(rate);
    return h(
      'li',
      { class: choice.on[i] ? 'layer' : 'layer off', 'data-layer': i },
      h(
        'label',
        { class: 'layer-name' },
        box,
        h('span', null, layerLabel(ctx.lang, i, choice.rates[i]!)),
        l.spec.kind === 'section232'
          ? h('small', { class: 'notes' }, ctx.t('tariffReplaces232'))
          : null,
      ),
      h('label', { class: 'layer-rate' }, h('span', null, ctx.t('tariffRate')), rate),
    );
  });
  const read = (): ScenarioChoice => ({
    on: boxes.map((b) => b.checked),
    rates: rates.map((r, i) =>
      r.value.trim() !== '' && Number.isFinite(r.valueAsNumber)
        ? r.valueAsNumber
        : choice.rates[i]!,
    ),
  });
  const form = h(
    'form',
    { class: 'scenario-form', 'data-role': 'scenario-form' },
    h('fieldset', null, h('legend', null, ctx.t('tariffLayers')), h('ol', null, items)),
    h(
      'div',
      { class: 'scenario-actions' },
      h('button', { type: 'submit' }, ctx.t('tariffRun')),
      h(
        'a',
        { href: ctx.withQuery(choiceQuery(readChoice(() => undefined))), 'data-role': 'reset' },
        ctx.t('tariffReset'),
      ),
    ),
  );
  const go = () => ctx.go(ctx.withQuery(choiceQuery(read())));
  for (const b of boxes) b.addEventListener('change', go);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go();
  });
  return form;
}

function scenarioView(
  ctx: Ctx,
  r: TariffScenario,
  choice: ScenarioChoice,
  names: Names,
  states: UsStates,
  grouping: 'partner' | 'chapter',
): HTMLElement {
  const { lang } = ctx;
  const partnerName = (code: string, fallback: string) => names(lang, code, fallback);
  // The product figures read no TransBorder; the place figures read it too.
  const productSources = r.sources.filter((s) => s.source !== 'bts-transborder');
  const t = r.total;
  return h(
    'div',
    { class: 'scenario-result', 'data-role': 'scenario-result' },
    h(
      'div',
      { class: 'stats scenario-kpis' },
      stat(
        'added',
        ctx.t('tariffAdded'),
        money(lang, t.addedUsd),
        t.addedUsd,
        moneyExact(lang, t.addedUsd),
      ),
      stat(
        'new-rate',
        ctx.t('tariffNewRate'),
        pct(lang, t.newRatePct),
        t.newRatePct,
        ctx.t('tariffRateChange', {
          from: pct(lang, t.baselineRatePct),
          to: pct(lang, t.newRatePct),
        }),
      ),
      stat('imports', ctx.t('importsConsumption'), money(lang, t.valueUsd), t.valueUsd),
      stat('baseline', ctx.t('tariffBaselineDuty'), money(lang, t.baselineUsd), t.baselineUsd),
    ),
    h(
      'div',
      { class: 'grid' },
      partnersFigure(ctx, r, choice, partnerName, productSources),
      layersFigure(ctx, r, choice, partnerName, productSources),
      treemapFigure(ctx, r, partnerName, productSources, grouping),
    ),
    r.places
      ? placeFigures(ctx, r, r.places, partnerName, states)
      : h('p', { class: 'empty', 'data-role': 'no-places' }, ctx.t('tariffNoPlaces')),
  );
}

function partnersFigure(
  ctx: Ctx,
  r: TariffScenario,
  choice: ScenarioChoice,
  partnerName: (code: string, fallback: string) => string,
  sources: SourceRef[],
): HTMLElement {
  const { lang } = ctx;
  type Row = TariffScenario['total'] & { code: string; name: string };
  const rows: Row[] = r.partners.map((p) => ({
    ...p,
    code: p.partner.code,
    name: partnerName(p.partner.code, p.partner.name),
  }));
  const tr = (p: Row, total: boolean) =>
    h(
      'tr',
      { 'data-partner': total ? 'total' : p.code, class: total ? 'total' : null },
      h('th', { scope: 'row' }, p.name),
      moneyCell(ctx, 'imports', p.valueUsd),
      moneyCell(ctx, 'baseline', p.baselineUsd),
      h('td', { class: 'num', 'data-col': 'baseline-rate' }, pct(lang, p.baselineRatePct)),
      moneyCell(ctx, 'added', p.addedUsd),
      h('td', { class: 'num', 'data-col': 'new-rate' }, pct(lang, p.newRatePct)),
    );
  const layers = sentLayers(choice);
  return figure(lang, {
    id: 'scenario-partners',
    title: ctx.t('tariffPartnersTitle', { year: r.year }),
    // Six columns of amounts: the whole width, so none is cut on a desktop.
    wide: true,
    body: table(
      [
        th(ctx.t('partner'), false),
        th(ctx.t('importsConsumption')),
        th(ctx.t('tariffBaselineDuty')),
        th(ctx.t('tariffBaselineRate')),
        th(ctx.t('tariffAdded')),
        th(ctx.t('tariffNewRate')),
      ],
      [
        ...rows.map((p) => tr(p, false)),
        tr({ ...r.total, code: 'total', name: ctx.t('tariffAllPartners') }, true),
      ],
    ),
    sources,
    notes: (r.notes ?? []).map((n) => dataNote(lang, n, (c) => partnerName(c, c)).text),
    csv: {
      filename: 'scenario-partners.csv',
      columns: [
        'partner_code',
        'partner',
        'imports_usd',
        'baseline_usd',
        'added_usd',
        'new_usd',
        'baseline_rate_pct',
        'new_rate_pct',
        ...layers.map((i) => `added_usd_layer_${i}`),
      ],
      rows: r.partners.map((p) => [
        p.partner.code,
        p.partner.name,
        p.valueUsd,
        p.baselineUsd,
        p.addedUsd,
        p.newUsd,
        p.baselineRatePct,
        p.newRatePct,
        ...p.byLayerUsd,
      ]),
    },
  });
}

function layersFigure(
  ctx: Ctx,
  r: TariffScenario,
  choice: ScenarioChoice,
  partnerName: (code: string, fallback: string) => string,
  sources: SourceRef[],
): HTMLElement {
  const { lang } = ctx;
  const preset = sentLayers(choice);
  const applies = (l: TariffScenario['layers'][number]) =>
    l.partners === 'all'
      ? ctx.t('tariffAllPartners')
      : l.partners.map((p) => partnerName(p.code, p.name)).join(', ');
  return figure(lang, {
    id: 'scenario-layers',
    title: ctx.t('tariffLayersTitle', { year: r.year }),
    wide: true,
    body: table(
      [
        th(ctx.t('tariffLayer'), false),
        th(ctx.t('tariffAppliesTo'), false),
        th(ctx.t('tariffAdded')),
      ],
      r.layers.map((l, i) =>
        h(
          'tr',
          { 'data-layer': preset[i] ?? i },
          h(
            'th',
            { scope: 'row' },
            layerLabel(lang, preset[i] ?? i, choice.rates[preset[i] ?? i]!),
          ),
          h('td', null, applies(l)),
          moneyCell(ctx, 'added', l.addedUsd),
        ),
      ),
    ),
    sources,
    csv: {
      filename: 'scenario-layers.csv',
      columns: ['layer', 'label', 'kind', 'partners', 'added_usd'],
      rows: r.layers.map((l, i) => [
        preset[i] ?? i,
        l.label,
        l.kind,
        l.partners === 'all' ? 'all' : l.partners.map((p) => p.code).join(' '),
        l.addedUsd,
      ]),
    },
  });
}

/**
 * A click on a product of the treemap shows its duty components on 1 July of the year with
 * their legal references (chapter 99 heading and U.S. note) and the exclusions that may apply,
 * from `GET /api/tariff/line`; a click with Ctrl or ⌘ still follows the product's link.
 */
function lineReferences(ctx: Ctx, chart: HTMLElement, year: number): HTMLElement {
  const panel = h('div', { class: 'line-refs', 'data-role': 'line-refs' }, ctx.t('tariffLineHint'));
  chart.addEventListener('click', (e) => {
    const cell = (e.target as Element).closest('a.tm-cell');
    const key = cell?.getAttribute('data-key') ?? '';
    const m = /^(\d{4})-(\d{10})$/.exec(key);
    if (!m || (e as MouseEvent).ctrlKey || (e as MouseEvent).metaKey) return;
    e.preventDefault();
    const date = `${year}-07-01`;
    apiGet(`tariff/line/${m[2]}`, { partner: m[1], date })
      .then((l) => {
        panel.replaceChildren(
          h('h4', {}, ctx.t('tariffLineTitle', { code: l.hts10, date: l.date })),
          h(
            'ul',
            {},
            ...l.components.map((c) =>
              h(
                'li',
                {},
                `${c.component}: ${c.ratePct === null ? '—' : `${c.ratePct}%`} — ${c.reference}`,
              ),
            ),
            ...l.conflicts.map((c) => h('li', {}, c)),
          ),
          ...(l.exclusions.length
            ? [
                h('p', {}, ctx.t('tariffLineExclusions')),
                h(
                  'ul',
                  {},
                  ...l.exclusions.map((x) =>
                    h(
                      'li',
                      {},
                      `${x.reference}${x.item ? ` (${x.item})` : ''}: ${x.product ?? '—'}`,
                    ),
                  ),
                ),
              ]
            : []),
        );
      })
      .catch((err: unknown) => panel.replaceChildren(String((err as Error).message)));
  });
  return h('div', {}, chart, panel);
}

/** Rates on a legend: `5%`, `2.5%`. */
const shortPct = (lang: Lang, v: number) =>
  `${Number.isInteger(v) ? integer(lang, v) : ratio(lang, v)}%`;

function treemapFigure(
  ctx: Ctx,
  r: TariffScenario,
  partnerName: (code: string, fallback: string) => string,
  sources: SourceRef[],
  grouping: 'partner' | 'chapter',
): HTMLElement {
  const { lang } = ctx;
  const products = r.products
    .filter((p) => Number(p.valueUsd) > 0)
    .map((p) => ({
      ...p,
      // Rounded as shown, so products printed at the same rate get the same colour.
      rate: Math.round((Number(p.addedUsd) / Number(p.valueUsd)) * 1000) / 10,
      partner: partnerName(p.partnerCode, p.partnerCode),
    }));
  const scale = sequentialScale(
    linearThresholds(Math.max(0, ...products.map((p) => p.rate))),
    (v) => shortPct(lang, v),
  );
  const groups = new Map<string, Group>();
  for (const p of products) {
    const chapter = p.hsCode.slice(0, 2);
    const key = grouping === 'partner' ? p.partnerCode : chapter;
    let g = groups.get(key);
    if (!g) {
      g = {
        key,
        name: grouping === 'partner' ? p.partner : `${chapter} ${chapterName(lang, chapter, '')}`,
        color: partnerColor(p.partnerCode, groups.size),
        children: [],
      };
      groups.set(key, g);
    }
    const es = lang === 'es' ? r.productNamesEs?.[p.hsCode] : undefined;
    const description = es ? `SA ${es.code}: ${es.name}` : (p.description ?? '');
    g.children.push({
      key: `${p.partnerCode}-${p.hsCode}`,
      label: description,
      heading: es ? `${p.hsCode} — ${description}` : `${p.hsCode} ${description}`.trim(),
      value: Number(p.valueUsd),
      display: `${money(lang, p.valueUsd)} · +${pct(lang, p.rate)}`,
      short: `${moneyShort(lang, p.valueUsd)} · +${pct(lang, p.rate)}`,
      share: pct(lang, p.rate),
      color: scale.color(p.rate),
      href: ctx.link('product', p.hsCode.slice(0, 6)),
      tip: [
        p.partner,
        `${ctx.t('importsConsumption')}: ${money(lang, p.valueUsd)}`,
        `${ctx.t('tariffAdded')}: ${money(lang, p.addedUsd)} (${pct(lang, p.rate)})`,
        `${ctx.t('tariffNewRate')}: ${pct(lang, p.newRatePct)}`,
      ],
    });
  }
  const pick = select(
    ctx,
    'group',
    ctx.t('tariffGroupBy'),
    [
      { value: 'partner', label: ctx.t('partner') },
      { value: 'chapter', label: ctx.t('chapter') },
    ],
    grouping,
  );
  return figure(lang, {
    id: 'scenario-treemap',
    title: ctx.t('tariffTreemapTitle', { n: products.length }),
    notes: r.productNamesEs ? [ctx.t('euCnWording')] : undefined,
    body:
      products.length === 0
        ? h('p', { class: 'empty' }, ctx.t('tariffNoProducts'))
        : [
            controls(pick),
            lineReferences(
              ctx,
              treemapChart([...groups.values()], {
                height: 460,
                legend: colorLegend(ctx.t('tariffAddedRate'), scale.legend),
              }),
              r.year,
            ),
          ],
    sources,
    wide: true,
    csv: {
      filename: 'scenario-products.csv',
      columns: [
        'partner_code',
        'hs_code',
        'description',
        'imports_usd',
        'baseline_usd',
        'added_usd',
        'added_rate_pct',
        'new_rate_pct',
      ],
      rows: r.products.map((p) => [
        p.partnerCode,
        p.hsCode,
        p.description,
        p.valueUsd,
        p.baselineUsd,
        p.addedUsd,
        Number(p.valueUsd) > 0 ? (Number(p.addedUsd) / Number(p.valueUsd)) * 100 : null,
        p.newRatePct,
      ]),
    },
  });
}

/** Places added up over Mexico and Canada, exactly (the API's dollars are whole-dollar strings). */
function sumPlaces(rows: PlaceShare[]) {
  const out = new Map<string, Map<string, bigint>>();
  for (const r of rows) {
    const m = out.get(r.key) ?? new Map<string, bigint>();
    m.set(r.partnerCode, (m.get(r.partnerCode) ?? 0n) + BigInt(r.addedUsd));
    out.set(r.key, m);
  }
  return [...out.entries()]
    .map(([key, parts]) => ({ key, parts, total: [...parts.values()].reduce((a, v) => a + v, 0n) }))
    .sort((a, b) => (b.total > a.total ? 1 : b.total < a.total ? -1 : a.key.localeCompare(b.key)));
}

function placeFigures(
  ctx: Ctx,
  r: TariffScenario,
  places: NonNullable<TariffScenario['places']>,
  partnerName: (code: string, fallback: string) => string,
  base: UsStates,
): HTMLElement {
  const { lang } = ctx;
  const stateNames = new Map(base.states.map((s) => [s.id, s.name]));
  const stateName = (key: string) =>
    (lang === 'es' ? r.stateNamesEs?.[key] : undefined) ??
    stateNames.get(key) ??
    (key === 'DU' ? ctx.t('tariffUnknownState') : key);
  const byState = sumPlaces(places.states);
  const byPort = sumPlaces(places.ports);
  const portNames = new Map(places.ports.map((p) => [p.key, p.name]));
  const parts = (m: Map<string, bigint>) =>
    [MEXICO, CANADA]
      .filter((c) => m.has(c))
      .map((c) => `${partnerName(c, c)}: ${money(lang, m.get(c)!)}`);

  const months =
    places.months.length > 1
      ? `${monthName(lang, places.months[0]!)} – ${monthName(lang, places.months.at(-1)!)}`
      : monthName(lang, places.months[0] ?? '');
  const unplaced = places.unapportioned.reduce((a, u) => a + BigInt(u.addedUsd), 0n);
  // The API words its method in English; a Spanish page says it in Spanish first.
  const estimate = h(
    'div',
    { class: 'estimate', 'data-role': 'estimate' },
    h(
      'p',
      null,
      h('strong', { class: 'estimate-badge' }, ctx.t('tariffEstimate')),
      ' ',
      lang === 'en' ? null : [ctx.t('tariffEstimateNote'), ' '],
      (() => {
        const method = dataNote(lang, places.method);
        return h(
          'span',
          { 'data-role': 'method', ...(method.en || lang === 'en' ? { lang: 'en' } : {}) },
          method.text,
        );
      })(),
    ),
    h(
      'p',
      { 'data-role': 'months' },
      ctx.t('tariffMonthsUsed', { months }),
      places.months.some((m) => m.startsWith(`${r.year}-`))
        ? null
        : [' ', ctx.t('tariffMonthsOtherYear', { year: r.year })],
    ),
  );
  const notes =
    unplaced !== 0n ? [ctx.t('tariffUnapportioned', { amount: money(lang, unplaced) })] : [];

  const scale = sequentialScale(
    quantileThresholds(byState.filter((s) => stateNames.has(s.key)).map((s) => Number(s.total))),
    (v) => axisMoney(lang, v),
  );
  const values = new Map<string, StateValue>(
    byState.map((s) => [
      s.key,
      {
        value: Number(s.total),
        tip: [money(lang, s.total), ...parts(s.parts)],
        href: ctx.link('state', s.key),
      },
    ]),
  );
  const map = stateMapChart(
    { ...base, states: base.states.map((s) => ({ ...s, name: stateName(s.id) })) },
    values,
    {
      color: scale.color,
      legend: colorLegend(ctx.t('tariffAdded'), scale.legend, [
        { color: NO_VALUE_COLOR, label: ctx.t('tariffNoEstimate') },
      ]),
      noValue: ctx.t('tariffNoEstimate'),
    },
  );
  const suffix = ` (${ctx.t('tariffEstimate').toLowerCase()})`;
  const stateCsv = {
    filename: 'scenario-states.csv',
    columns: ['us_state', 'name', 'mexico_added_usd', 'canada_added_usd', 'added_usd', 'estimate'],
    rows: byState.map((s) => [
      s.key,
      stateName(s.key),
      String(s.parts.get(MEXICO) ?? 0n),
      String(s.parts.get(CANADA) ?? 0n),
      String(s.total),
      'true',
    ]),
  };
  const ranking = (
    rows: ReturnType<typeof sumPlaces>,
    name: (k: string) => string,
    link: (k: string) => string | undefined,
  ) =>
    barChart(
      rows.slice(0, 12).map((s) => ({
        key: s.key,
        label: name(s.key),
        value: Number(s.total),
        display: money(lang, s.total),
        short: moneyShort(lang, s.total),
        href: link(s.key),
      })),
      { color: '#e31a1c' },
    );
  return h(
    'div',
    { class: 'scenario-places' },
    estimate,
    h(
      'div',
      { class: 'grid map-grid' },
      figure(lang, {
        id: 'scenario-states',
        title: ctx.t('tariffStatesTitle') + suffix,
        body: map,
        sources: r.sources,
        notes,
        csv: stateCsv,
      }),
      h(
        'div',
        { class: 'stack' },
        figure(lang, {
          id: 'scenario-state-ranking',
          title: ctx.t('tariffStatesRankTitle') + suffix,
          body: ranking(byState, stateName, (k) =>
            stateNames.has(k) ? ctx.link('state', k) : undefined,
          ),
          sources: r.sources,
          csv: stateCsv,
        }),
        figure(lang, {
          id: 'scenario-ports',
          title: ctx.t('tariffPortsTitle') + suffix,
          body: ranking(
            byPort,
            (k) => `${portLabel(lang, portNames.get(k) ?? k)} (${k})`,
            (k) => (/^\d{4}$/.test(k) ? ctx.link('port', k) : undefined),
          ),
          sources: r.sources,
          csv: {
            filename: 'scenario-ports.csv',
            columns: [
              'port_code',
              'name',
              'mexico_added_usd',
              'canada_added_usd',
              'added_usd',
              'estimate',
            ],
            rows: byPort.map((p) => [
              p.key,
              portNames.get(p.key) ?? null,
              String(p.parts.get(MEXICO) ?? 0n),
              String(p.parts.get(CANADA) ?? 0n),
              String(p.total),
              'true',
            ]),
          },
        }),
      ),
    ),
  );
}
