import { t, type Lang } from './i18n.ts';
import type { Query } from './route.ts';
import { TARIFF_PRESET } from './tariff-preset.ts';

/**
 * The tariff page's state: which of the preset's layers are on, at what rates. It lives in the
 * URL, like every view's: `?layers=0,1,3&r0=30` — `layers` lists the layers switched on (absent:
 * all; `none`: none), `rN` is layer N's rate in percent where it is not the preset's.
 */
export interface ScenarioChoice {
  on: boolean[];
  rates: number[];
}

/** How many product rows to ask for: enough for a treemap of the products most affected. */
export const PRODUCT_LIMIT = 200;

export function readChoice(q: (name: string) => string | undefined): ScenarioChoice {
  const layers = q('layers');
  const listed =
    layers === undefined
      ? null
      : new Set(
          layers
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean),
        );
  return {
    on: TARIFF_PRESET.layers.map((_l, i) => listed === null || listed.has(String(i))),
    rates: TARIFF_PRESET.layers.map((l, i) => {
      const raw = q(`r${i}`);
      const v = raw === undefined || raw.trim() === '' ? NaN : Number(raw);
      return Number.isFinite(v) ? v : l.ratePct;
    }),
  };
}

/** The query that reproduces a choice; null removes a parameter that says the default. */
export function choiceQuery(c: ScenarioChoice): Query {
  const on = c.on.flatMap((v, i) => (v ? [String(i)] : []));
  const q: Query = {
    layers: on.length === c.on.length ? null : on.length === 0 ? 'none' : on.join(','),
  };
  TARIFF_PRESET.layers.forEach((l, i) => {
    q[`r${i}`] = c.rates[i] === l.ratePct ? null : c.rates[i];
  });
  return q;
}

/** A layer's name in a language, with its rate. */
export function layerLabel(lang: Lang, i: number, rate: number): string {
  return t(lang, TARIFF_PRESET.layers[i]!.label, { rate: String(rate) });
}

/** The body POSTed to /api/tariff/scenario, or null when no layer is on. */
export function scenarioBody(c: ScenarioChoice): Record<string, unknown> | null {
  const layers = TARIFF_PRESET.layers.flatMap((l, i) =>
    c.on[i] ? [{ label: layerLabel('en', i, c.rates[i]!), ...l.spec, ratePct: c.rates[i]! }] : [],
  );
  if (layers.length === 0) return null;
  return { name: TARIFF_PRESET.name, year: TARIFF_PRESET.year, limit: PRODUCT_LIMIT, layers };
}

/** The preset's indices of the layers sent, in order: the response's layer i is layer at(i). */
export function sentLayers(c: ScenarioChoice): number[] {
  return c.on.flatMap((v, i) => (v ? [i] : []));
}
