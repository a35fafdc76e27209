import { memoize, type Store } from '../store/open-store.ts';
import { runQuery } from './compiled-query.ts';
import { resolveName, type NamedEntry } from './resolve-name.ts';

export interface Partner extends NamedEntry {
  nameEs: string | null;
  iso3: string | null;
  isAggregate: boolean;
}

/** Names people use that no code list carries. */
const ALIASES: Record<string, string[]> = {
  '0003': ['EU', 'European Union', 'Unión Europea', 'UE'],
  '0015': ['World', 'Mundo', 'World total'],
  '4120': ['UK', 'Great Britain', 'Britain', 'Reino Unido'],
  '5800': ['South Korea', 'Korea', 'Corea del Sur'],
  '5700': ['PRC', "People's Republic of China"],
  '1220': ['Canadá'],
  '2010': ['Méjico', 'Mexique'],
  '4280': ['Alemania'],
  '5880': ['Japón'],
};

/**
 * Every partner code that has trade data or is in Schedule C, with English and Spanish names
 * and ISO codes when the reference tables are loaded.
 */
export function partnerDirectory(store: Store): Promise<Partner[]> {
  return memoize(store, 'partner-directory', () => loadDirectory(store));
}

/**
 * In code order: candidates equally close to a misspelt name are listed in directory order,
 * which a FULL OUTER JOIN's output order left to the engine (and its threads).
 */
async function loadDirectory(store: Store): Promise<Partner[]> {
  const rows = await runQuery(store, {
    kind: 'compiled-query',
    name: 'partner-directory',
    tables: ['trade_country_month', 'census_partner', 'country'],
    params: {},
    sql: `
      WITH traded AS (
        SELECT partner_code, arg_max(partner_name, month) AS traded_name
        FROM trade_country_month WHERE partner_code IS NOT NULL GROUP BY 1
      )
      SELECT coalesce(p.partner_code, t.partner_code) AS code,
             coalesce(p.name, t.traded_name) AS name, t.traded_name, p.name_es, p.iso2, p.iso3,
             coalesce(p.partner_code, t.partner_code) < '1000' AS is_aggregate
      FROM partner p FULL OUTER JOIN traded t USING (partner_code)
      ORDER BY code`,
  });
  return rows.map((r) => {
    const code = String(r.code);
    const keys = [r.traded_name, r.name_es, r.iso2, r.iso3, ...(ALIASES[code] ?? [])]
      .filter((k): k is string => typeof k === 'string' && k !== '')
      .map(String);
    return {
      code,
      name: titleCase(String(r.name ?? code)),
      keys,
      nameEs: r.name_es == null ? null : String(r.name_es),
      iso3: r.iso3 == null ? null : String(r.iso3),
      isAggregate: r.is_aggregate === true,
    };
  });
}

export async function resolvePartner(store: Store, asked: string): Promise<Partner> {
  return resolveName('partner', asked, await partnerDirectory(store));
}

/** Census writes some names in capitals ("MEXICO"); show them as people write them. */
function titleCase(s: string): string {
  return s === s.toUpperCase() && /[A-Z]{3}/.test(s)
    ? s.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase())
    : s;
}
