import { tradeComposition } from './shared-analytics.ts';
import type { Store } from '../store/open-store.ts';
import type { Claim, EndUse } from './claim.ts';
import { call, numFigure, usdFigure } from './computed-figure.ts';
import type { At, Measurement } from './measurement.ts';
import { NotVerifiable } from './not-verifiable.ts';

const WORDS: Record<EndUse, string> = {
  intermediate: 'intermediate goods',
  capital: 'capital goods',
  consumption: 'consumption goods',
};

/**
 * "40% of US imports from Mexico are intermediate inputs": the end-use class's share of the
 * partner's product lines for the year, from the composition analytics (HS6 → BEC → end use).
 * What the loaded lines cannot say — a flow not loaded, lines too coarse for end use, a year
 * with no correspondence — is refused in the analytics' own words.
 */
export async function measureComposition(store: Store, claim: Claim, at: At): Promise<Measurement> {
  const endUse = claim.endUse!;
  if (claim.subject.kind !== 'partners' || claim.subject.partners.length !== 1)
    throw new NotVerifiable(
      'an end-use share is computed for one partner',
      "one partner's product lines (Census International Trade API) for the year",
    );
  const partner = claim.subject.partners[0]!;
  if (claim.flow !== 'imports' && claim.flow !== 'exports')
    throw new NotVerifiable(
      `the statement is about the end use of ${claim.flow === 'two_way' ? 'two-way trade' : 'the balance'} with ${partner.name}, which needs the product lines of both flows`,
      `Census International Trade API product lines of both US exports to and imports from ${partner.name} for the year`,
    );
  const flow = claim.flow === 'imports' ? 'import_consumption' : 'export';
  const c = await tradeComposition(store, partner.code, {
    flow,
    ...(at.year === null ? {} : { year: at.year }),
  });
  if (c.endUse.unavailable !== null)
    throw new NotVerifiable(
      c.endUse.unavailable,
      `HS6 or finer product lines of US ${claim.flow} ${claim.flow === 'imports' ? 'from' : 'to'} ${partner.name} for ${c.year}`,
    );
  const cls = c.endUse.classes.find((x) => x.code === endUse);
  const share = cls?.share ?? 0;
  const what = `${WORDS[endUse]}' share of US ${claim.flow} ${claim.flow === 'imports' ? 'from' : 'to'} ${c.partner.name}, ${c.year} (HS${c.level} lines, BEC end use)`;
  // Value not classified (no BEC code, or a BEC code with no end use) could belong to the class.
  const unclassified = c.endUse.classes
    .filter((x) => !['intermediate', 'capital', 'consumption'].includes(x.code))
    .reduce((a, x) => a + x.share, 0);
  return {
    value: share,
    upper: share + unclassified,
    computed: [
      numFigure(what, share, 'percent'),
      usdFigure(`${WORDS[endUse]}, ${c.year}`, cls?.valueUsd ?? 0n),
      usdFigure(`all product lines read, ${c.year}`, c.totalUsd),
    ],
    label: what,
    at: { year: c.year, month: null, vintage: null },
    query: [
      call(
        `tradeComposition(store, '${partner.code}', { flow: '${flow}'${at.year === null ? '' : `, year: ${at.year}`} })`,
        null,
      ),
    ],
    sources: c.sources,
    notes: [
      `${c.endUse.coverage.toFixed(1)}% of the value is classified as intermediate, capital or consumption goods (BEC ${c.endUse.edition ?? ''}); the rest is not, and none is guessed`,
      ...c.notes,
    ],
  };
}
