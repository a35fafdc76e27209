import type { Store } from '../store/open-store.ts';
import { BASIS } from './basis.ts';
import { compileBorder } from './border-queries.ts';
import { share } from './growth.ts';
import { loadLabels } from './labels.ts';
import { CoverageError } from './lookup-error.ts';
import type { Split } from './partner-profile.ts';
import { readProvenance, type SourceRef } from './provenance.ts';
import { mexicanStateLabels } from './resolve-mexican-state.ts';
import { resolveState, type UsState } from './resolve-state.ts';
import { transborderMonth } from './transborder-month.ts';
import { TRANSBORDER_PARTNERS } from './transborder-partners.ts';
import { transborderSplit } from './transborder-split.ts';

export interface StatePartnerTrade {
  partner: { code: string; name: string };
  exports: bigint;
  imports: bigint;
  total: bigint;
  /** This partner's share of the state's trade with Mexico and Canada together. */
  share: number | null;
  /** Each split's shares are of the state's trade with this partner. */
  byMode: Split[];
  byHs2: Split[];
  byPort: Split[];
  /** Mexico only: the state's exports by Mexican state of destination (dot1; exports only). */
  byMexState?: Split[];
}

export interface StateProfile {
  kind: 'state-profile';
  state: UsState;
  month: string;
  /** Every TransBorder month loaded, so a reader sees what else could be asked. */
  monthsLoaded: string[];
  totals: { exports: bigint; imports: bigint; total: bigint };
  partners: StatePartnerTrade[];
  basis: string[];
  sources: SourceRef[];
  notes: string[];
}

/**
 * One US state's surface trade with Mexico and Canada in one TransBorder month: totals, then
 * the same trade split by mode and by port (dot1) and by HS chapter (dot2). The cuts are
 * different views of the same dollars, so each split is read from one cut and never added to
 * another.
 */
export async function stateProfile(
  store: Store,
  asked: string,
  opts: { month?: string } = {},
): Promise<StateProfile> {
  const state = await resolveState(store, asked);
  const picked = await transborderMonth(store, opts.month);
  if (!picked) throw new CoverageError('BTS TransBorder freight', 'any month', 'nothing yet');
  const { month, months } = picked;
  const labels = await loadLabels(store);
  const notes: string[] = [];

  const partners: StatePartnerTrade[] = [];
  for (const p of TRANSBORDER_PARTNERS) {
    const base = { partner: p.code, month, usState: state.code };
    const byMode = await transborderSplit(store, { ...base, by: 'mode' }, labels.mode);
    const byPort = await transborderSplit(store, { ...base, by: 'port' }, labels.port);
    const byHs2 = await transborderSplit(store, { ...base, by: 'hs2' }, labels.hs);
    const byMexState =
      p.code === '2010'
        ? await transborderSplit(
            store,
            { ...base, flow: 'export', by: 'mex_state' },
            await mexicanStateLabels(store),
          )
        : undefined;
    const sum = (k: 'exports' | 'imports') => byMode.reduce((a, s) => a + (s[k] ?? 0n), 0n);
    const exports = sum('exports');
    const imports = sum('imports');
    partners.push({
      partner: { ...p },
      exports,
      imports,
      total: exports + imports,
      share: null,
      byMode,
      byHs2,
      byPort,
      ...(byMexState ? { byMexState } : {}),
    });
  }
  if (partners.some((p) => p.byMode.length > 0 && p.byHs2.length === 0))
    notes.push(
      `dot2 (state × HS2) rows are missing for ${month}: HS chapter splits are incomplete`,
    );
  const totals = {
    exports: partners.reduce((a, p) => a + p.exports, 0n),
    imports: partners.reduce((a, p) => a + p.imports, 0n),
    total: partners.reduce((a, p) => a + p.total, 0n),
  };
  for (const p of partners) p.share = share(p.total, totals.total);
  const shown = (split: (p: StatePartnerTrade) => { key: string }[]) => [
    ...new Set(partners.flatMap((p) => split(p).map((s) => s.key))),
  ];

  if (totals.total === 0n)
    notes.push(`TransBorder has no rows for ${state.name} (${state.code}) in ${month}`);
  if (partners.some((p) => p.byPort.some((s) => s.key.endsWith('XX'))))
    notes.push(
      'ports ending in XX are trade BTS knows only by customs district (vessels, low-value shipments, mail), not a port',
    );
  notes.push(
    'mode and port splits are from dot1 (state × port), HS chapters from dot2 (state × HS2): the same trade cut two ways, never to be added together',
    'imports are Census general imports as BTS publishes them; exports include re-exports of foreign goods',
  );
  return {
    kind: 'state-profile',
    state,
    month,
    monthsLoaded: months,
    totals,
    partners,
    basis: [BASIS.transborder],
    sources: await readProvenance(store, [
      // The freight rows of each cut, and the code lists naming what the profile shows.
      ...partners.flatMap((p) =>
        (['mode', 'hs2'] as const).flatMap(
          (by) =>
            compileBorder({
              kind: 'transborder-split',
              by,
              partner: p.partner.code,
              month,
              usState: state.code,
            }).reads ?? [],
        ),
      ),
      { table: 'us_state', where: 'usps = $state', params: { state: state.code } },
      {
        table: 'region',
        where: "code_list IN ('mode', 'us_state_code') AND code IN (SELECT unnest($codes))",
        params: { codes: [state.code, ...shown((p) => p.byMode)] },
      },
      {
        table: 'port',
        where: 'port_code IN (SELECT unnest($codes))',
        params: { codes: shown((p) => p.byPort) },
      },
      {
        table: 'hs_product',
        where: 'level = 2 AND hs_code IN (SELECT unnest($codes))',
        params: { codes: shown((p) => p.byHs2) },
      },
    ]),
    notes,
  };
}
