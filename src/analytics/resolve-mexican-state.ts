import { memoize, type Store } from '../store/open-store.ts';
import { runQuery } from './compiled-query.ts';
import { BTS_MEXSTATE_ISO, INEGI_STATE_ISO } from './mexican-state-codes.ts';
import { resolveName, type NamedEntry } from './resolve-name.ts';

export interface MexicanState {
  /** BTS TransBorder code (`MEXSTATE`): "NL", "CH", "DF"; OT and XX for state unknown. */
  code: string;
  /** ISO 3166-2 code ("MX-NLE"), null for the unknown-state codes. */
  iso: string | null;
  /** ISO 3166-2 English name where loaded ("Nuevo León"), else BTS's ("Nuevo Leon"). */
  name: string;
  /** Spanish name (ISO 3166-2 gettext translation), null when no Spanish name is loaded. */
  nameEs: string | null;
  /** The name BTS's code list gives. */
  btsName: string;
}

/** Spanish for BTS's two "unknown" codes, which no ISO list names. */
const UNKNOWN_ES: Record<string, string> = {
  OT: 'Estado desconocido',
  XX: 'Desconocido',
};

/** Long official names people shorten: "Coahuila de Zaragoza" is "Coahuila". */
const SHORT = / de (Zaragoza|Ocampo|Ignacio de la Llave)$/;

/**
 * Every Mexican state in BTS's TransBorder code list (`region`, code list `mexican_state`),
 * named from ISO 3166-2 (`subdivision`, English and Spanish) through `BTS_MEXSTATE_ISO`; read
 * once per loaded state.
 */
export function mexicanStates(store: Store): Promise<MexicanState[]> {
  return memoize(store, 'mexican-states', () => readMexicanStates(store));
}

async function readMexicanStates(store: Store): Promise<MexicanState[]> {
  const rows = await runQuery(store, {
    kind: 'compiled-query',
    name: 'mexican-state-codes',
    tables: ['region'],
    params: {},
    sql: `SELECT code, any_value(name) AS bts_name FROM region
          WHERE code_list = 'mexican_state' GROUP BY code ORDER BY code`,
  });
  const iso = await runQuery(store, {
    kind: 'compiled-query',
    name: 'mexican-state-iso-names',
    tables: ['subdivision'],
    params: {},
    sql: `SELECT code, any_value(name) FILTER (WHERE lang = 'en') AS en,
                 any_value(name) FILTER (WHERE lang = 'es') AS es
          FROM subdivision WHERE country = 'MX' GROUP BY code`,
  });
  const isoNames = new Map(iso.map((r) => [String(r.code), r]));
  return rows.map((r) => {
    const code = String(r.code);
    const btsName = String(r.bts_name);
    const names = isoNames.get(BTS_MEXSTATE_ISO[code] ?? '');
    const en = names?.en == null ? null : String(names.en);
    const es = names?.es == null ? null : String(names.es);
    return {
      code,
      iso: BTS_MEXSTATE_ISO[code] ?? null,
      name: en ?? btsName,
      nameEs: es ?? UNKNOWN_ES[code] ?? null,
      btsName,
    };
  });
}

/** INEGI's code of a state by its ISO 3166-2 code ("MX-NLE" → "19"). */
const INEGI_BY_ISO = new Map(Object.entries(INEGI_STATE_ISO).map(([inegi, iso]) => [iso, inegi]));

/**
 * A Mexican state from its BTS code ("NL"), INEGI code ("19"), ISO code ("MX-NLE", "NLE") or name in English or
 * Spanish, with or without accents ("Nuevo León", "nuevo leon", "Coahuila", "CDMX" as Ciudad de
 * México, "Distrito Federal").
 */
export async function resolveMexicanState(store: Store, asked: string): Promise<MexicanState> {
  const states = await mexicanStates(store);
  const entries = states.map((s) => {
    const names = [s.name, s.nameEs, s.btsName].filter((n): n is string => !!n);
    const keys = [
      ...names,
      ...names.filter((n) => SHORT.test(n)).map((n) => n.replace(SHORT, '')),
      ...(s.iso ? [s.iso, s.iso.slice(3)] : []),
      ...(s.iso && INEGI_BY_ISO.has(s.iso) ? [INEGI_BY_ISO.get(s.iso)!] : []),
      ...(s.iso === 'MX-CMX' ? ['CDMX'] : []),
    ];
    return { code: s.code, name: s.name, keys, state: s } satisfies NamedEntry & {
      state: MexicanState;
    };
  });
  // The unknown codes share names ("Unknown", "State Unknown"): only their codes select them.
  return resolveName('Mexican state', asked, entries).state;
}

/** BTS Mexican state code → display name, for labelling splits by Mexican state. */
export async function mexicanStateLabels(store: Store): Promise<Map<string, string>> {
  return new Map((await mexicanStates(store)).map((s) => [s.code, s.name]));
}
