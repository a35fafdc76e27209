import type { Store } from '../store/open-store.ts';
import { BASIS } from './basis.ts';
import { compileBorder } from './border-queries.ts';
import { share } from './growth.ts';
import { loadLabels } from './labels.ts';
import { CoverageError } from './lookup-error.ts';
import { UNKNOWN_MEXSTATES } from './mexican-state-codes.ts';
import type { Split } from './partner-profile.ts';
import { readProvenance, type SourceRef } from './provenance.ts';
import { mexicanStates, resolveMexicanState, type MexicanState } from './resolve-mexican-state.ts';
import { transborderMonth } from './transborder-month.ts';
import { transborderSplit } from './transborder-split.ts';
import { usStateNamesEs } from './us-state-names-es.ts';

/** Mexico's Census code in TransBorder's `COUNTRY` column. */
const MEXICO = '2010';

export interface MexicanStateRank {
  state: MexicanState;
  exports: bigint;
  /** Share of all US exports to Mexico in the month (unknown states included). */
  share: number | null;
  /** 1 = largest; null for the unknown-state codes, which are not states. */
  rank: number | null;
}

export interface MexicanStateProfile {
  kind: 'mexican-state-profile';
  state: MexicanState;
  /** The TransBorder month shown ("2015-01"): the period every figure covers. */
  month: string;
  monthsLoaded: string[];
  /** TransBorder names the Mexican state of US exports only, so only exports are shown. */
  flow: 'export';
  /** US exports to this state in the month. */
  exports: bigint;
  /** Of all US exports to Mexico in the month. */
  share: number | null;
  rank: number | null;
  /** Every Mexican state's US exports in the month, largest first (for a map or list). */
  states: MexicanStateRank[];
  byMode: Split[];
  byUsState: Split[];
  byPort: Split[];
  byHs2: Split[];
  /** Spanish names of the US states in `byUsState` (ISO 3166-2 gettext), by USPS code. */
  usStateNamesEs: Record<string, string>;
  basis: string[];
  sources: SourceRef[];
  notes: string[];
}

/**
 * A Mexican state's trade with the US as TransBorder records it: the value of US exports bound
 * for the state in one month, by mode, US state of origin and port (dot1), and by HS chapter
 * (dot2). BTS records `MEXSTATE` on exports only: imports from Mexico carry no Mexican state,
 * so the profile never shows them, and says so.
 */
export async function mexicanStateProfile(
  store: Store,
  asked: string,
  opts: { month?: string } = {},
): Promise<MexicanStateProfile> {
  const state = await resolveMexicanState(store, asked);
  const picked = await transborderMonth(store, opts.month);
  if (!picked) throw new CoverageError('BTS TransBorder freight', 'any month', 'nothing yet');
  const { month, months } = picked;
  const labels = await loadLabels(store);
  const base = { partner: MEXICO, flow: 'export' as const, month, mexState: state.code };
  const byMode = await transborderSplit(store, { ...base, by: 'mode' }, labels.mode);
  const byUsState = await transborderSplit(store, { ...base, by: 'us_state' }, labels.usState);
  const byPort = await transborderSplit(store, { ...base, by: 'port' }, labels.port);
  const byHs2 = await transborderSplit(store, { ...base, by: 'hs2' }, labels.hs);
  const exports = byMode.reduce((a, s) => a + (s.exports ?? 0n), 0n);

  const all = await mexicanStates(store);
  const ranking = await transborderSplit(
    store,
    { partner: MEXICO, flow: 'export', month, by: 'mex_state' },
    new Map(),
  );
  const total = ranking.reduce((a, r) => a + r.total, 0n);
  let n = 0;
  const states: MexicanStateRank[] = ranking.map((r) => {
    const known = !UNKNOWN_MEXSTATES.includes(r.key);
    return {
      state: all.find((s) => s.code === r.key) ?? {
        code: r.key,
        iso: null,
        name: r.key,
        nameEs: null,
        btsName: r.key,
      },
      exports: r.total,
      share: share(r.total, total),
      rank: known ? ++n : null,
    };
  });
  const own = states.find((s) => s.state.code === state.code);

  const notes = [
    'TransBorder records the Mexican state of US exports only (the state the goods are bound for); imports from Mexico carry no Mexican state, so none are shown',
    'mode, US state and port splits are from dot1 (state × port), HS chapters from dot2 (state × HS2): the same trade cut two ways, never to be added together',
    'exports include re-exports of foreign goods',
  ];
  if (exports === 0n)
    notes.unshift(`TransBorder has no US exports to ${state.name} (${state.code}) in ${month}`);
  if (UNKNOWN_MEXSTATES.includes(state.code))
    notes.unshift(`${state.code} is BTS's code for exports whose Mexican state is not known`);
  if (byPort.some((s) => s.key.endsWith('XX')))
    notes.push(
      'ports ending in XX are trade BTS knows only by customs district (vessels, low-value shipments, mail), not a port',
    );
  if (byMode.length > 0 && byHs2.length === 0)
    notes.push(`dot2 (state × HS2) rows are missing for ${month}: the HS chapter split is empty`);

  const shown = (xs: Split[]) => xs.map((x) => x.key);
  const es = await usStateNamesEs(store);
  return {
    kind: 'mexican-state-profile',
    state,
    month,
    monthsLoaded: months,
    flow: 'export',
    exports,
    share: own?.share ?? null,
    rank: own?.rank ?? null,
    states,
    byMode,
    byUsState,
    byPort,
    byHs2,
    usStateNamesEs: Object.fromEntries(
      shown(byUsState)
        .filter((c) => es[c])
        .map((c) => [c, es[c]!]),
    ),
    basis: [BASIS.transborder],
    sources: await readProvenance(store, [
      ...(['mode', 'hs2'] as const).flatMap(
        (by) => compileBorder({ kind: 'transborder-split', by, ...base }).reads ?? [],
      ),
      ...(compileBorder({
        kind: 'transborder-split',
        by: 'mex_state',
        partner: MEXICO,
        flow: 'export',
        month,
      }).reads ?? []),
      {
        table: 'region',
        where:
          "(code_list = 'mexican_state' AND code = $state) OR (code_list = 'mode' AND code IN (SELECT unnest($modes)))",
        params: { state: state.code, modes: shown(byMode) },
      },
      {
        table: 'subdivision',
        where: 'code IN (SELECT unnest($codes))',
        params: {
          codes: [...(state.iso ? [state.iso] : []), ...shown(byUsState).map((c) => `US-${c}`)],
        },
      },
      {
        table: 'us_state',
        where: 'usps IN (SELECT unnest($codes))',
        params: { codes: shown(byUsState) },
      },
      {
        table: 'port',
        where: 'port_code IN (SELECT unnest($codes))',
        params: { codes: shown(byPort) },
      },
      {
        table: 'hs_product',
        where: 'level = 2 AND hs_code IN (SELECT unnest($codes))',
        params: { codes: shown(byHs2) },
      },
    ]),
    notes,
  };
}
