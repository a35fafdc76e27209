import type { Language } from './claim.ts';

/**
 * Digits as written to a number. English writes 324,377.5; Spain writes 324.377,5 and Mexico
 * writes like English, so in Spanish a lone separator followed by exactly three digits is read
 * as thousands ("2.500 millones", "2,500 millones") and otherwise as the decimal point ("2,5",
 * "2.5"). Two different separators: the last one is the decimal point.
 */
export function parseNumber(raw: string, language: Language): number {
  const dots = (raw.match(/\./g) ?? []).length;
  const commas = (raw.match(/,/g) ?? []).length;
  if (dots > 0 && commas > 0) {
    const decimal = raw.lastIndexOf('.') > raw.lastIndexOf(',') ? '.' : ',';
    return toNumber(raw, decimal);
  }
  if (dots + commas === 0) return Number(raw);
  const sep = dots > 0 ? '.' : ',';
  const groups = raw.split(sep);
  const thousands = groups.slice(1).every((g) => g.length === 3);
  if (groups.length > 2) return thousands ? toNumber(raw, null) : Number.NaN;
  if (language === 'en') return sep === ',' && thousands ? toNumber(raw, null) : toNumber(raw, sep);
  return thousands ? toNumber(raw, null) : toNumber(raw, sep);
}

function toNumber(raw: string, decimal: '.' | ',' | null): number {
  if (decimal === null) return Number(raw.replace(/[.,]/g, ''));
  const [int = '', frac = ''] = [
    raw.slice(0, raw.lastIndexOf(decimal)),
    raw.slice(raw.lastIndexOf(decimal) + 1),
  ];
  return Number(`${int.replace(/[.,]/g, '')}.${frac}`);
}
