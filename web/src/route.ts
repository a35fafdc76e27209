import { isLang, type Lang } from './i18n.ts';

/**
 * Every view's state is in its URL: `/{lang}/{page}/{arg}?{query}`, e.g.
 * `/es/partner/2010?year=2021` or `/en/map?measure=Trucks&year=2024`.
 */
export const PAGES = [
  'overview',
  'partner',
  'state',
  'port',
  'product',
  'compare',
  'map',
  'check',
  'tariffs',
  'waits',
  'mexican-state',
] as const;
export type PageId = (typeof PAGES)[number];

export interface Route {
  lang: Lang;
  page: PageId | 'not-found';
  arg: string | undefined;
  query: URLSearchParams;
}

/** Pages that show one thing and what they show when no thing is named. */
export const DEFAULT_ARG: Partial<Record<PageId, string>> = {
  partner: '2010',
  state: 'TX',
  port: '2304',
  product: '87',
  waits: '2304',
  'mexican-state': 'NL',
};

export function parseRoute(url: URL): Route | { redirect: string } {
  const parts = url.pathname.split('/').filter(Boolean).map(safeDecode);
  const [first, page = 'overview', arg, ...rest] = parts;
  if (!isLang(first)) return { redirect: '' };
  const lang = first;
  const known = (PAGES as readonly string[]).includes(page) && page !== 'overview';
  if (parts.length === 1)
    return { lang, page: 'overview', arg: undefined, query: url.searchParams };
  if (!known || rest.length > 0)
    return { lang, page: 'not-found', arg: undefined, query: url.searchParams };
  const id = page as PageId;
  const fallback = DEFAULT_ARG[id];
  if (fallback !== undefined && !arg) {
    return { redirect: `/${lang}/${id}/${fallback}${url.search}` };
  }
  if (fallback === undefined && arg)
    return { lang, page: 'not-found', arg: undefined, query: url.searchParams };
  return { lang, page: id, arg, query: url.searchParams };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export type Query = Record<string, string | number | undefined | null>;

/** The URL of a view. */
export function href(lang: Lang, page: PageId, arg?: string, query: Query = {}): string {
  const path =
    page === 'overview'
      ? `/${lang}/`
      : `/${lang}/${page}${arg ? `/${encodeURIComponent(arg)}` : ''}`;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  // Commas need no escaping in a query, and lists read better as `layers=0,1,3`.
  const qs = q.toString().replaceAll('%2C', ',');
  return qs ? `${path}?${qs}` : path;
}

/** The same view in another language. */
export function withLang(url: URL, lang: Lang): string {
  const parts = url.pathname.split('/');
  if (isLang(parts[1])) parts[1] = lang;
  else parts.splice(1, 0, lang);
  return `${parts.join('/') || '/'}${url.search}`;
}
