import type { Param } from '../analytics/compiled-query.ts';
import type { ScenarioLayer } from './scenario-spec.ts';

/** A layer with its partner names already resolved to Census codes. */
export type ResolvedLayer = ScenarioLayer & { partnerCodes: string[] | null };

/**
 * The scenario as SQL over a year's line frame: one `added_<i>` column per layer and their
 * sum, every value a named parameter (`$l<i>_…`). The SQL text depends only on which
 * conditions a layer uses, never on what they contain.
 *
 * - An additional layer adds `ratePct` of the value on the lines it matches — of the share not
 *   claimed under USMCA when USMCA-claimed goods are exempt; listed IEEPA exemptions and
 *   carve-outs get nothing when asked; chapters 98 and 99 never.
 * - A Section 232 layer replaces the baseline Section 232 duty on the scope with `ratePct`:
 *   for the partners named (exempt or not), or else for those the baseline does not exempt.
 * Layers add up; two layers on the same line both count.
 */
export function scenarioSql(
  frame: string,
  layers: ResolvedLayer[],
): { sql: string; params: Record<string, Param> } {
  const params: Record<string, Param> = {};
  const uses = (e: 'ieepa_exempt' | 'fentanyl_carveout') =>
    layers.some((l) => l.kind === 'additional' && l.exempt?.includes(e));
  const columns = layers.map((l, i) => {
    const p = (name: string, v: Param) => {
      params[`l${i}_${name}`] = v;
      return `$l${i}_${name}`;
    };
    const when: string[] = [];
    if (l.partnerCodes) when.push(`list_contains(${p('partners', l.partnerCodes)}, partner_code)`);
    if (l.kind === 'section232') {
      when.push(`s232_material IS NOT NULL`);
      when.push(
        `list_contains(${p('materials', l.materials ?? ['steel', 'aluminum'])}, s232_material)`,
      );
      if (!l.partnerCodes) when.push('NOT s232_exempt');
      return `CASE WHEN ${when.join(' AND ')}
        THEN round(value_usd * ${p('rate', l.ratePct / 100)})::BIGINT - s232_usd ELSE 0 END AS added_${i}`;
    }
    const pr = l.products ?? {};
    // Chapter 99 lines are not products; chapter 98 is mostly US goods returned, not a
    // partner's products: tariffs on a partner's goods reach neither.
    when.push(`chapter NOT IN ('98', '99')`);
    if (pr.chapters?.length) when.push(`list_contains(${p('chapters', pr.chapters)}, chapter)`);
    if (pr.prefixes?.length)
      when.push(
        `len(list_filter(${p('prefixes', pr.prefixes)}, x -> starts_with(hs_code, x))) > 0`,
      );
    if (pr.section301Lists?.length)
      when.push(
        `list_has_any(string_split(coalesce(s301_lists, ''), ','), ${p('lists', pr.section301Lists)})`,
      );
    if (pr.section232) when.push('s232_material IS NOT NULL');
    if (l.exempt?.includes('ieepa_exempt')) when.push('NOT ieepa_exempt');
    if (l.exempt?.includes('fentanyl_carveout')) when.push('NOT fentanyl_carveout');
    const base = l.exempt?.includes('usmca_claimed')
      ? 'value_usd * (1 - usmca_share)'
      : 'value_usd';
    return `CASE WHEN ${when.join(' AND ')}
      THEN round(${base} * ${p('rate', l.ratePct / 100)})::BIGINT ELSE 0 END AS added_${i}`;
  });
  const listed = (measure: string, as: string) => `(
      hs_code IN (SELECT hts_prefix FROM tariff_measure WHERE measure = '${measure}' AND prefix_digits = 10)
      OR left(hs_code, 8) IN (SELECT hts_prefix FROM tariff_measure WHERE measure = '${measure}' AND prefix_digits = 8)
    ) AS ${as}`;
  const flags = [
    ...(uses('ieepa_exempt') ? [listed('ieepa_exempt', 'ieepa_exempt')] : []),
    ...(uses('fentanyl_carveout') ? [listed('fentanyl_carveout', 'fentanyl_carveout')] : []),
  ];
  const sum = layers.map((_l, i) => `added_${i}`).join(' + ');
  const sql = `
  flagged AS (SELECT *${flags.length ? `, ${flags.join(', ')}` : ''} FROM ${frame}),
  layered AS (SELECT *, ${columns.join(',\n    ')} FROM flagged),
  scenario AS (SELECT *, ${sum} AS added_usd FROM layered)`;
  return { sql, params };
}
