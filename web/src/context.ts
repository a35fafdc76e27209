import { h } from './dom.ts';
import { CENSUS_ONLY_ES } from './names.ts';
import { t, type Lang, type MessageKey } from './i18n.ts';
import { href, type PageId, type Query, type Route } from './route.ts';

/** What a page gets: the language, its route, and ways to build links and change its URL. */
export interface Ctx {
  lang: Lang;
  route: Route;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  link: (page: PageId, arg?: string, query?: Query) => string;
  /** This view's URL with some query values changed (null removes one). */
  withQuery: (patch: Query) => string;
  go: (url: string) => void;
  q: (name: string) => string | undefined;
}

export function makeCtx(lang: Lang, route: Route, go: (url: string) => void): Ctx {
  const current = () => Object.fromEntries(route.query.entries()) as Query;
  return {
    lang,
    route,
    t: (key, vars) => t(lang, key, vars),
    link: (page, arg, query) => href(lang, page, arg, query),
    withQuery: (patch) =>
      href(lang, route.page === 'not-found' ? 'overview' : route.page, route.arg, {
        ...current(),
        ...patch,
      }),
    go,
    q: (name) => route.query.get(name) ?? undefined,
  };
}

/** A labelled select whose change puts the new value in the URL. */
export function select(
  ctx: Ctx,
  name: string,
  label: string,
  options: { value: string; label: string }[],
  value: string,
  /** Where a change goes (default: this view with the new value in its query). */
  target: (v: string) => string = (v) => ctx.withQuery({ [name]: v }),
): HTMLElement {
  const el = h(
    'select',
    { name, 'data-control': name },
    options.map((o) => h('option', { value: o.value, selected: o.value === value }, o.label)),
  );
  el.addEventListener('change', () => ctx.go(target(el.value)));
  return h('label', { class: 'control' }, h('span', null, label), el);
}

/** A text box that navigates on submit. */
export function textForm(
  label: string,
  name: string,
  value: string,
  button: string,
  submit: (v: string) => void,
): HTMLElement {
  const input = h('input', { name, value, 'data-control': name, autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'control' },
    h('label', null, h('span', null, label), input),
    h('button', { type: 'submit' }, button),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = input.value.trim();
    if (v) submit(v);
  });
  return form;
}

export const controls = (...children: (HTMLElement | null)[]) =>
  h('div', { class: 'controls' }, children);

export function pageHead(
  title: string,
  lead?: string,
  ...extra: (HTMLElement | null)[]
): HTMLElement {
  return h(
    'header',
    { class: 'page-head' },
    h('h1', null, title),
    lead ? h('p', { class: 'lead' }, lead) : null,
    extra,
  );
}

/** A partner's name in the page's language. */
export function partnerName(lang: Lang, p: { name: string; nameEs?: string | null }): string {
  if (lang === 'en') return p.name;
  return p.nameEs ?? CENSUS_ONLY_ES[p.name] ?? p.name;
}

export function yearOptions(years: number[]): { value: string; label: string }[] {
  return [...years].reverse().map((y) => ({ value: String(y), label: String(y) }));
}
