import type { Lang } from './i18n.ts';

/**
 * Number formats in both languages. English: `$324.4 billion`; Spanish (Mexican usage, decimal
 * point): `324.4 mil millones de dólares`, where "billón" is 10^12. Dollars arrive as exact
 * integer strings; a figure rounded to one decimal of a billion is safe through a float.
 */
const LOCALE: Record<Lang, string> = { en: 'en-US', es: 'es-MX' };

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}:${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat(LOCALE[lang], opts)));
  return f;
}

const ONE_DECIMAL = { minimumFractionDigits: 1, maximumFractionDigits: 1 };

interface Scale {
  size: number;
  en: string;
  es: [one: string, many: string];
}
const SCALES: Scale[] = [
  { size: 1e12, en: 'trillion', es: ['billón', 'billones'] },
  { size: 1e9, en: 'billion', es: ['mil millones', 'mil millones'] },
  { size: 1e6, en: 'million', es: ['millón', 'millones'] },
];

export type Amount = string | number | bigint;

/** A dollar amount in words: `$324.4 billion`, `324.4 mil millones de dólares`. */
export function money(lang: Lang, value: Amount | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const v = Number(value);
  const abs = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  const scale = SCALES.find((s) => abs >= s.size * 0.99995);
  if (!scale) {
    const digits = nf(lang, { maximumFractionDigits: 0 }).format(Math.round(abs));
    return lang === 'en' ? `${sign}$${digits}` : `${sign}${digits} dólares`;
  }
  const n = nf(lang, ONE_DECIMAL).format(abs / scale.size);
  if (lang === 'en') return `${sign}$${n} ${scale.en}`;
  const word = n === '1.0' ? scale.es[0] : scale.es[1];
  return `${sign}${n} ${word} de dólares`;
}

/**
 * A dollar amount for a bar or a cell, where words do not fit: Spanish in Mexican press usage,
 * `14.4 mmd` (miles de millones de dólares, 10^9, also above a billón: `1,234.5 mmd`) and
 * `850.2 mdd` (millones de dólares); English `$14.4 billion` is already short. The full figure
 * (`money`) goes in the tooltip and the table.
 */
export function moneyShort(lang: Lang, value: Amount | null | undefined): string {
  if (lang === 'en' || value === null || value === undefined || value === '')
    return money(lang, value);
  const v = Number(value);
  const abs = Math.abs(v);
  const sign = v < 0 ? '-' : '';
  if (abs >= 1e9 * 0.99995) return `${sign}${nf(lang, ONE_DECIMAL).format(abs / 1e9)} mmd`;
  if (abs >= 1e6 * 0.99995) return `${sign}${nf(lang, ONE_DECIMAL).format(abs / 1e6)} mdd`;
  return money(lang, value);
}

/** Whole dollars with every digit: `$324,377,863,297` / `324,377,863,297 dólares`. */
export function moneyExact(lang: Lang, value: Amount | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const b = BigInt(value);
  const digits = (b < 0n ? -b : b).toLocaleString(LOCALE[lang]);
  const sign = b < 0n ? '-' : '';
  return lang === 'en' ? `${sign}$${digits}` : `${sign}${digits} dólares`;
}

/** A count with grouping: `3,026,632`. */
export function count(lang: Lang, value: Amount | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' || typeof value === 'bigint'
    ? BigInt(value).toLocaleString(LOCALE[lang])
    : nf(lang, { maximumFractionDigits: 0 }).format(value);
}

/** A percentage given in percent units: 17.32 → `17.3%`. */
export function pct(lang: Lang, value: number | null | undefined, signed = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return nf(lang, {
    style: 'percent',
    ...ONE_DECIMAL,
    signDisplay: signed ? 'exceptZero' : 'auto',
  }).format(value / 100);
}

/** A ratio: `2.1`. */
export function ratio(lang: Lang, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return nf(lang, { minimumFractionDigits: 1, maximumFractionDigits: 2 }).format(value);
}

export function integer(lang: Lang, value: number): string {
  return nf(lang, { maximumFractionDigits: 0 }).format(value);
}

/**
 * Short money for chart axes: `$300B` / `300 mmd` (Spanish as the bars show it: mmd = miles de
 * millones de dólares, mdd = millones de dólares).
 */
export function axisMoney(lang: Lang, value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (lang === 'en') return `${sign}$${axisCount(lang, abs)}`;
  const one = (n: number) => nf(lang, { maximumFractionDigits: 1 }).format(n);
  if (abs >= 1e9) return `${sign}${one(abs / 1e9)} mmd`;
  if (abs >= 1e6) return `${sign}${one(abs / 1e6)} mdd`;
  return `${sign}${axisCount(lang, abs)}`;
}

const ES_AXIS: [number, string][] = [
  [1e12, 'B'],
  [1e9, 'mil M'],
  [1e6, 'M'],
  [1e3, 'mil'],
];

export function axisCount(lang: Lang, value: number): string {
  if (lang === 'en')
    return nf(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  const abs = Math.abs(value);
  const scale = ES_AXIS.find(([size]) => abs >= size);
  if (!scale) return nf(lang, { maximumFractionDigits: 1 }).format(value);
  return `${nf(lang, { maximumFractionDigits: 1 }).format(value / scale[0])} ${scale[1]}`;
}

const monthFormats = new Map<string, Intl.DateTimeFormat>();
function df(lang: Lang, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}:${JSON.stringify(opts)}`;
  let f = monthFormats.get(key);
  if (!f)
    monthFormats.set(
      key,
      (f = new Intl.DateTimeFormat(LOCALE[lang], { ...opts, timeZone: 'UTC' })),
    );
  return f;
}

/** `2015-01` → `January 2015` / `enero de 2015`. */
export function monthName(lang: Lang, ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  if (!y || !m) return ym;
  return df(lang, { month: 'long', year: 'numeric' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** `2026-12-02` → `December 2, 2026` / `2 de diciembre de 2026` (es-MX). */
export function dayName(lang: Lang, ymd: string): string {
  const [y, m, d] = ymd.split('-').map(Number);
  if (!y || !m || !d) return ymd;
  return df(lang, { day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/**
 * A period as a panel states it: `2015-01` → `January 2015`, a whole year `2019` as itself.
 */
export function periodName(lang: Lang, period: string): string {
  return /^\d{4}$/.test(period) ? period : monthName(lang, period);
}

/** Months 1..n of a year, without the year: `January` or `January–March` (`enero–marzo`). */
export function firstMonths(lang: Lang, n: number): string {
  const name = (m: number) =>
    df(lang, { month: 'long' }).format(new Date(Date.UTC(2000, m - 1, 1)));
  return n === 1 ? name(1) : `${name(1)}–${name(n)}`;
}

/** `2015-01` → `Jan` / `ene`. */
export function monthShort(lang: Lang, ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  if (!y || !m) return ym;
  return df(lang, { month: 'short' }).format(new Date(Date.UTC(y, m - 1, 1)));
}

/** An ISO instant as a local-free date and time (UTC). */
export function instant(lang: Lang, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${df(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d)} UTC`;
}

/**
 * A time zone as people name it ("hora del Pacífico", "Pacific Time"), from the browser's
 * Intl data; the IANA name ("America/Los_Angeles") when the browser has no name for it.
 */
export function zoneName(lang: Lang, zone: string): string {
  if (!zone) return '';
  try {
    const part = new Intl.DateTimeFormat(lang === 'es' ? 'es-MX' : 'en-US', {
      timeZone: zone,
      timeZoneName: 'longGeneric',
    })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? zone;
  } catch {
    return zone;
  }
}
