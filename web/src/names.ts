import { apiGet } from './api.ts';
import { t, type Lang } from './i18n.ts';

/** Spanish names for the aggregates the API names only in English. */
const AGGREGATES_ES: Record<string, string> = {
  '0003': 'Unión Europea',
  '0004': 'Mundo, desestacionalizado',
  '0015': 'Mundo',
  '0010': 'América del Norte',
};

/**
 * Spanish for Census partner names no loaded list translates (historical countries, Census's
 * own groupings), by the English name the API gives.
 */
export const CENSUS_ONLY_ES: Record<string, string> = {
  'Gaza Strip administered by Israel': 'Franja de Gaza administrada por Israel',
  'West Bank administered by Israel': 'Cisjordania administrada por Israel',
  'Serbia and Montenegro': 'Serbia y Montenegro',
  Unknown: 'Desconocido',
  'Western Sahara': 'Sahara Occidental',
  Ethiopia: 'Etiopía',
  Sudan: 'Sudán',
  'International Organizations': 'Organismos internacionales',
  'Netherlands Antilles': 'Antillas Neerlandesas',
  Czechoslovakia: 'Checoslovaquia',
  Ussr: 'URSS',
  'Yugoslavia (former)': 'Yugoslavia (antigua)',
  'Unidentified Countries': 'Países no identificados',
};

/** English and Spanish partner names by Census code, from GET /api/partners. */
export async function partnerNames(): Promise<
  (lang: Lang, code: string, fallback: string) => string
> {
  const list = await apiGet('partners');
  const byCode = new Map(list.partners.map((p) => [p.code, p]));
  return (lang, code, fallback) => {
    const p = byCode.get(code);
    if (lang === 'es') {
      const en = p?.name ?? fallback;
      return p?.nameEs ?? AGGREGATES_ES[code] ?? CENSUS_ONLY_ES[en] ?? en;
    }
    return p?.name ?? fallback;
  };
}

/**
 * Puts Spanish partner names in place of the English ones the API writes inside sentences (the
 * checker's labels, explanations and notes: "lugar de Mexico como mercado …", "#1 Canada").
 * Longest names first, so "Korea, South" is not read as "Korea".
 */
export async function partnerNamesInText(): Promise<(lang: Lang, text: string) => string> {
  const list = await apiGet('partners');
  const pairs = list.partners
    .map((p) => [p.name, p.nameEs ?? AGGREGATES_ES[p.code] ?? CENSUS_ONLY_ES[p.name]] as const)
    .filter((x): x is readonly [string, string] => !!x[1] && x[1] !== x[0])
    .sort((a, b) => b[0].length - a[0].length);
  if (pairs.length === 0) return (_, text) => text;
  const es = new Map(pairs);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${pairs.map(([en]) => escape(en)).join('|')})(?![\\p{L}\\p{N}])`,
    'gu',
  );
  return (lang, text) => (lang === 'es' ? text.replace(re, (en) => es.get(en) ?? en) : text);
}

let statesEs: Promise<Record<string, string>> | undefined;

/**
 * US state names in the page's language: Spanish from ISO 3166-2 (GET /api/names/us-states,
 * fetched once), DU as BTS's "unknown".
 */
export async function usStateNames(): Promise<
  (lang: Lang, code: string, fallback: string) => string
> {
  statesEs ??= apiGet('names/us-states')
    .then((r) => r.names)
    .catch(() => ({}));
  const es = await statesEs;
  return (lang, code, fallback) =>
    code === 'DU'
      ? t(lang, 'tariffUnknownState')
      : lang === 'es'
        ? (es[code] ?? fallback)
        : fallback;
}
