import type { ModelTable } from '../model/tables.ts';
import type { Store } from '../store/open-store.ts';
import { askedOften } from './asked-often.ts';
import { BASIS } from './basis.ts';
import { compileBorder } from './border-queries.ts';
import { share } from './growth.ts';
import { loadLabels } from './labels.ts';
import { CoverageError } from './lookup-error.ts';
import type { Split } from './partner-profile.ts';
import {
  fileProvenance,
  filesByValue,
  readProvenance,
  valueKey,
  type Read,
  type SourceRef,
} from './provenance.ts';
import { mexicanStateLabels } from './resolve-mexican-state.ts';
import { resolveState, type UsState } from './resolve-state.ts';
import { transborderMonth } from './transborder-month.ts';
import { TRANSBORDER_PARTNERS } from './transborder-partners.ts';
import { transborderSplit } from './transborder-split.ts';
import { splitFiles } from './transborder-split-index.ts';

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
  // A server answering state after state looks each split (and the files behind it) up among
  // every state's of the month, read once (see askedOften).
  const bulk = await askedOften(store, 'state-profile');

  const partners: StatePartnerTrade[] = [];
  for (const p of TRANSBORDER_PARTNERS) {
    const base = { partner: p.code, month, usState: state.code };
    const byMode = await transborderSplit(store, { ...base, by: 'mode' }, labels.mode, { bulk });
    const byPort = await transborderSplit(store, { ...base, by: 'port' }, labels.port, { bulk });
    const byHs2 = await transborderSplit(store, { ...base, by: 'hs2' }, labels.hs, { bulk });
    const byMexState =
      p.code === '2010'
        ? await transborderSplit(
            store,
            { ...base, flow: 'export', by: 'mex_state' },
            await mexicanStateLabels(store),
            { bulk },
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
    sources: bulk
      ? await fileProvenance(store, await stateFiles(store, partners, month, state.code, shown))
      : await readProvenance(store, stateReads(partners, month, state.code, shown)),
    notes,
  };
}

type Shown = (split: (p: StatePartnerTrade) => { key: string }[]) => string[];

/** What a state profile read, for `readProvenance`: the files of its rows are cited. */
function stateReads(
  partners: readonly StatePartnerTrade[],
  month: string,
  code: string,
  shown: Shown,
): Read[] {
  const state = { code };
  return [
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
  ];
}

/**
 * The files `readProvenance` finds for `stateReads`, looked up among every value's (each read
 * is a filter on values: their files are the union of each value's files), read once per
 * loaded state for a server answering state after state.
 */
async function stateFiles(
  store: Store,
  partners: readonly StatePartnerTrade[],
  month: string,
  code: string,
  shown: Shown,
): Promise<number[]> {
  const files: number[] = [];
  for (const p of partners)
    for (const by of ['mode', 'hs2'] as const)
      files.push(
        ...(await splitFiles(store, { by, partner: p.partner.code, month, usState: code })),
      );
  const of = async (table: ModelTable, columns: string[], where: string, keys: string[][]) => {
    const byValue = await filesByValue(store, table, columns, where);
    for (const k of keys) files.push(...(byValue.get(valueKey(k)) ?? []));
  };
  await of('us_state', ['usps'], 'true', [[code]]);
  await of(
    'region',
    ['code_list', 'code'],
    "code_list IN ('mode', 'us_state_code')",
    [code, ...shown((p) => p.byMode)].flatMap((c) => [
      ['mode', c],
      ['us_state_code', c],
    ]),
  );
  await of(
    'port',
    ['port_code'],
    'true',
    shown((p) => p.byPort).map((c) => [c]),
  );
  await of(
    'hs_product',
    ['hs_code'],
    'level = 2',
    shown((p) => p.byHs2).map((c) => [c]),
  );
  return files;
}
