import { apiGet } from './api.ts';
import type { Lang } from './i18n.ts';
import type { PartnerList } from './types.ts';

/** Spanish names for the aggregates the API names only in English. */
const AGGREGATES_ES: Record<string, string> = {
  '0003': 'Unión Europea',
  '0004': 'Mundo, desestacionalizado',
  '0015': 'Mundo',
  '0010': 'América del Norte',
};

/** English and Spanish partner names by Census code, from GET /api/partners. */
export async function partnerNames(): Promise<
  (lang: Lang, code: string, fallback: string) => string
> {
  const list = await apiGet<PartnerList>('partners');
  const byCode = new Map(list.partners.map((p) => [p.code, p]));
  return (lang, code, fallback) => {
    const p = byCode.get(code);
    if (lang === 'es') return p?.nameEs ?? AGGREGATES_ES[code] ?? p?.name ?? fallback;
    return p?.name ?? fallback;
  };
}
