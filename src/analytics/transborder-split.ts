import type { Store } from '../store/open-store.ts';
import { compileBorder, type BorderSpec } from './border-queries.ts';
import { runShared } from './compiled-query.ts';
import { share } from './growth.ts';
import type { Split } from './partner-profile.ts';
import { indexedSplit, splitFromIndex } from './transborder-split-index.ts';

/**
 * One TransBorder split, labelled, each row with its share of the split's own total. The
 * split reads one cut only, so its rows add up to the whole they divide (a state's or a
 * port's trade with one partner) and never to anything from another cut.
 *
 * `bulk` (a store asked for profile after profile, see `askedOften`): a split of one place and
 * partner is looked up among every place's of its period (`transborder-split-index.ts`).
 */
export async function transborderSplit(
  store: Store,
  spec: Omit<Extract<BorderSpec, { kind: 'transborder-split' }>, 'kind'>,
  label: Map<string, string>,
  opts: { bulk?: boolean } = {},
): Promise<Split[]> {
  // Profiles of one place for different years mostly show the same loaded period: read once.
  const rows =
    opts.bulk && indexedSplit(spec)
      ? await splitFromIndex(store, spec)
      : await runShared(store, compileBorder({ kind: 'transborder-split', ...spec }));
  const total = rows.reduce((a, r) => a + (r.total as bigint), 0n);
  return rows.map((r) => ({
    key: String(r.key),
    label: label.get(String(r.key)) ?? String(r.key),
    exports: (r.exports as bigint | null) ?? null,
    imports: (r.imports as bigint | null) ?? null,
    total: r.total as bigint,
    share: share(r.total as bigint, total),
  }));
}
