import './styles.css';
import { ApiError } from './api.ts';
import { makeCtx, type Ctx } from './context.ts';
import { h } from './dom.ts';
import { isLang, t, type Lang } from './i18n.ts';
import { apiMessage } from './messages-es.ts';
import { overviewPage } from './pages/overview.ts';
import { href, parseRoute, withLang, type PageId } from './route.ts';

/**
 * The dashboard: a router over the URL (`/{lang}/{page}/{arg}?{query}`), one render per
 * navigation, and `body[data-state]` = loading | ready | error so tests and the bench know when
 * a page and its charts are drawn.
 */
const STORE_KEY = 'frontera.lang';

type Page = (ctx: Ctx) => Promise<Node>;
// The first page ships in the main bundle; the others load when first opened.
const PAGES: Record<PageId, () => Promise<Page>> = {
  overview: async () => overviewPage,
  partner: async () => (await import('./pages/partner.ts')).partnerPage,
  state: async () => (await import('./pages/state.ts')).statePage,
  port: async () => (await import('./pages/port.ts')).portPage,
  product: async () => (await import('./pages/product.ts')).productPage,
  compare: async () => (await import('./pages/compare.ts')).comparePage,
  map: async () => (await import('./pages/map.ts')).mapPage,
  check: async () => (await import('./pages/check.ts')).checkPage,
  tariffs: async () => (await import('./pages/tariffs.ts')).tariffsPage,
  waits: async () => (await import('./pages/waits.ts')).waitsPage,
  'mexican-state': async () => (await import('./pages/mexican-state.ts')).mexicanStatePage,
};

const NAV: { page: PageId; key: Parameters<typeof t>[1] }[] = [
  { page: 'overview', key: 'navOverview' },
  { page: 'partner', key: 'navPartner' },
  { page: 'state', key: 'navState' },
  { page: 'port', key: 'navPort' },
  { page: 'product', key: 'navProduct' },
  { page: 'compare', key: 'navCompare' },
  { page: 'map', key: 'navMap' },
  { page: 'check', key: 'navCheck' },
  { page: 'tariffs', key: 'navTariffs' },
  { page: 'waits', key: 'navWaits' },
];

function storedLang(): Lang {
  try {
    const v = localStorage.getItem(STORE_KEY);
    if (isLang(v)) return v;
  } catch {
    // storage can be disabled; fall through to the browser's language
  }
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

function remember(lang: Lang): void {
  try {
    localStorage.setItem(STORE_KEY, lang);
  } catch {
    // not remembered, still in the URL
  }
}

let renderSeq = 0;

async function render(): Promise<void> {
  const seq = ++renderSeq;
  const url = new URL(location.href);
  const route = parseRoute(url);
  if ('redirect' in route) {
    const target = route.redirect || withLang(url, storedLang());
    history.replaceState(null, '', target);
    return render();
  }
  const { lang } = route;
  remember(lang);
  document.documentElement.lang = lang;
  document.body.dataset.state = 'loading';
  const app = document.getElementById('app')!;
  app.classList.add('busy');
  if (!app.firstChild) app.replaceChildren(h('p', { class: 'loading' }, t(lang, 'loading')));
  shell(lang, route.page, url);
  const ctx = makeCtx(lang, route, (to) => navigate(to, false));
  let content: Node;
  let state: 'ready' | 'error' = 'ready';
  try {
    if (route.page === 'not-found') throw new ApiError(404, t(lang, 'pageNotFound'));
    const page = await PAGES[route.page]();
    content = await page(ctx);
  } catch (e) {
    state = 'error';
    content = errorView(ctx, e);
    if (!(e instanceof ApiError)) console.error(e);
  }
  if (seq !== renderSeq) return; // a newer navigation won
  app.replaceChildren(content);
  app.classList.remove('busy');
  const heading = app.querySelector('h1')?.textContent;
  document.title = heading ? `${heading} · Frontera` : 'Frontera';
  // Ready once the new view has been painted: the frame after the DOM change.
  await new Promise<void>((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  if (seq !== renderSeq) return;
  document.body.dataset.state = state;
  if (!performance.getEntriesByName('frontera-ready').length) performance.mark('frontera-ready');
}

function shell(lang: Lang, page: PageId | 'not-found', url: URL): void {
  document.getElementById('nav')!.replaceChildren(
    ...NAV.map((n) =>
      h(
        'a',
        {
          href: href(lang, n.page),
          class: n.page === page ? 'active' : null,
          'data-nav': n.page,
        },
        t(lang, n.key),
      ),
    ),
  );
  const other: Lang = lang === 'en' ? 'es' : 'en';
  const switcher = h(
    'a',
    {
      href: withLang(url, other),
      hreflang: other,
      lang: other,
      'data-lang': other,
      class: 'lang-switch',
    },
    t(lang, 'switchTo'),
  );
  switcher.addEventListener('click', () => remember(other));
  document.getElementById('lang')!.replaceChildren(switcher);
  const brand = document.querySelector<HTMLAnchorElement>('.brand');
  if (brand) brand.href = href(lang, 'overview');
  document
    .getElementById('foot')!
    .replaceChildren(
      h('p', null, t(lang, 'tagline'), ' · ', h('a', { href: '/openapi.json' }, 'API')),
    );
}

/** The API's message in the page's language; one it cannot translate is marked English. */
function errorMessage(ctx: Ctx, message: string): HTMLElement {
  const m = apiMessage(ctx.lang, message);
  return h('p', { class: 'error-message', ...(m.en ? { lang: 'en' } : {}) }, m.text);
}

function errorView(ctx: Ctx, e: unknown): HTMLElement {
  const api = e instanceof ApiError ? e : undefined;
  const title = api?.status === 404 ? ctx.t('notFound') : ctx.t('error');
  const page = ctx.route.page;
  return h(
    'div',
    { class: 'page error', role: 'alert' },
    h('h1', null, title),
    errorMessage(ctx, api ? api.message : String((e as Error)?.message ?? e)),
    api && api.candidates.length > 0 && page !== 'not-found' && page !== 'overview'
      ? h(
          'p',
          null,
          `${ctx.t('candidates')}: `,
          api.candidates.map((c, i) => [
            i > 0 ? ', ' : '',
            h('a', { href: ctx.link(page, c.code) }, `${c.name} (${c.code})`),
          ]),
          ctx.lang === 'es' ? '?' : '?',
        )
      : null,
    h('p', null, h('a', { href: ctx.link('overview') }, ctx.t('backHome'))),
  );
}

/** Goes to a view; links scroll to the top, controls (a year, a measure) keep the place. */
function navigate(to: string, scroll = true): void {
  if (to !== location.pathname + location.search) history.pushState(null, '', to);
  void render();
  if (scroll) window.scrollTo({ top: 0 });
}

// Same-origin links to views navigate in place; API links, downloads and new tabs do not.
document.addEventListener('click', (ev) => {
  if (
    ev.defaultPrevented ||
    ev.button !== 0 ||
    ev.metaKey ||
    ev.ctrlKey ||
    ev.shiftKey ||
    ev.altKey
  )
    return;
  const a = (ev.target as Element).closest?.('a');
  if (!a || a.hasAttribute('download') || (a.target && a.target !== '_self')) return;
  const raw = a.getAttribute('href') ?? a.getAttribute('xlink:href');
  if (!raw || raw.startsWith('#')) return;
  const url = new URL(raw, location.href);
  if (
    url.origin !== location.origin ||
    url.pathname.startsWith('/api/') ||
    url.pathname === '/openapi.json'
  )
    return;
  ev.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener('popstate', () => void render());

void render();
