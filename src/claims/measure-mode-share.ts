import { compileBorder } from '../analytics/border-queries.ts';
import { loadLabels } from '../analytics/labels.ts';
import { provenance } from '../analytics/provenance.ts';
import { transborderMonth } from './shared-analytics.ts';
import { transborderSplit } from '../analytics/transborder-split.ts';
import type { Store } from '../store/open-store.ts';
import type { Claim } from './claim.ts';
import { call, numFigure, usdFigure } from './computed-figure.ts';
import type { At, Measurement } from './measurement.ts';
import { NotVerifiable } from './not-verifiable.ts';

/** The TransBorder mode a crossing measure's vehicle carries freight by. */
const MODE_OF: Record<string, string> = {
  Trucks: 'Truck',
  'Truck Containers Loaded': 'Truck',
  'Truck Containers Empty': 'Truck',
  Trains: 'Rail',
  'Rail Containers Loaded': 'Rail',
  'Rail Containers Empty': 'Rail',
};

/** "Trucks carried 60% of US–Mexico trade": a share of dollars, not of crossings. */
export function isModeShare(claim: Claim): boolean {
  return (
    claim.kind === 'share' &&
    claim.subject.kind === 'border' &&
    claim.measure !== null &&
    /\b(trade|freight|exports|imports|goods|comercio|carga|exportaciones|importaciones|mercanc)/i.test(
      claim.text,
    )
  );
}

/**
 * The share of one mode (truck, rail) in the dollar value of US trade with Mexico or Canada,
 * from BTS TransBorder for a loaded month. TransBorder is monthly; a year needs all twelve.
 */
export async function measureModeShare(store: Store, claim: Claim, at: At): Promise<Measurement> {
  if (claim.subject.kind !== 'border') throw new Error('a mode share is about a border');
  const partner = claim.subject.border === 'mexico' ? '2010' : '1220';
  const with_ = claim.subject.border === 'mexico' ? 'Mexico' : 'Canada';
  const mode = MODE_OF[claim.measure ?? ''];
  if (!mode)
    throw new NotVerifiable(
      `${claim.measure} is a crossing count, not a TransBorder mode of transport`,
      'a statement about trucks, rail, pipeline, vessel or air freight',
    );
  const loaded = (await transborderMonth(store))?.months ?? [];
  if (!at.month || !loaded.includes(at.month))
    throw new NotVerifiable(
      `a share by mode of transport is measured from BTS TransBorder, loaded for ${loaded.join(', ') || 'no month'}; the statement is about ${at.month ?? (at.year === null ? 'no stated period (the latest complete year)' : at.year)}`,
      `BTS TransBorder raw files (dot1) for ${at.month ?? (at.year === null ? 'all twelve months of a year' : `all twelve months of ${at.year}`)}`,
      {
        reason: `la participación por modo de transporte se mide con BTS TransBorder, cargado para ${loaded.join(', ') || 'ningún mes'}; la afirmación trata de ${at.month ?? (at.year === null ? 'ningún periodo dicho (el último año completo)' : at.year)}`,
        wouldDecide: `los archivos de BTS TransBorder (dot1) de ${at.month ?? 'los doce meses del año'}`,
      },
    );
  const flow: 'export' | 'import_general' | undefined =
    claim.flow === 'exports' ? 'export' : claim.flow === 'imports' ? 'import_general' : undefined;
  const labels = await loadLabels(store);
  const spec = { by: 'mode' as const, partner, month: at.month, flow };
  const rows = await transborderSplit(store, spec, labels.mode);
  const row = rows.find((r) => r.label === mode);
  if (!row || row.share === null)
    throw new NotVerifiable(
      `TransBorder has no ${mode} freight with ${with_} in ${at.month}`,
      `BTS TransBorder rows by mode for ${at.month}`,
    );
  const flowWords = flow === 'export' ? 'exports to' : flow ? 'imports from' : 'trade with';
  const what = `${mode}'s share of US ${flowWords} ${with_} by value, ${at.month} (BTS TransBorder)`;
  return {
    value: row.share,
    computed: [
      numFigure(what, row.share, 'percent'),
      usdFigure(`${mode} freight, US ${flowWords} ${with_}, ${at.month}`, row.total),
    ],
    label: what,
    at,
    query: [
      call(
        `transborderSplit(store, ${JSON.stringify(spec)})`,
        compileBorder({ kind: 'transborder-split', ...spec }),
      ),
    ],
    sources: await provenance(store, ['transborder_state_port']),
    notes: ['surface and other modes as TransBorder records them; the value, not the tonnage'],
  };
}
