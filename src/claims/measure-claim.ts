import { CoverageError, LookupError } from '../analytics/lookup-error.ts';
import type { Store } from '../store/open-store.ts';
import type { Claim } from './claim.ts';
import type { At, Measurement } from './measurement.ts';
import { measureComposition } from './measure-composition.ts';
import { measureCrossings } from './measure-crossings.ts';
import { measureFreight } from './measure-freight.ts';
import { measurePartner } from './measure-partner.ts';
import { measurePartnerRank } from './measure-partner-rank.ts';
import { measureProduct } from './measure-product.ts';
import { measureRegion } from './measure-region.ts';
import { measureGroup, measureRatio } from './measure-ratio.ts';
import { NotVerifiable } from './not-verifiable.ts';

/** Which data answer a claim: Census partner totals, BTS crossings, TransBorder, or products. */
export type DataFamily = 'census' | 'crossings' | 'transborder' | 'products' | 'inegi' | 'none';

export function familyOf(claim: Claim): DataFamily {
  if (claim.endUse) return 'products';
  switch (claim.subject.kind) {
    case 'partners':
      return 'census';
    case 'border':
      return 'crossings';
    case 'port':
      return claim.measure ? 'crossings' : 'transborder';
    case 'state':
      return 'transborder';
    case 'product':
      return 'products';
    case 'region':
      return 'inegi';
    case 'unknown':
      return 'none';
  }
}

/**
 * Measures a claim at a period (and, for Census totals, a release) with the analytics layer.
 * Whatever the data cannot answer — an unknown name, a period not loaded — is NotVerifiable.
 */
export async function measureClaim(store: Store, claim: Claim, at: At): Promise<Measurement> {
  try {
    const s = claim.subject;
    if (s.kind === 'unknown')
      throw new NotVerifiable(
        s.message,
        'a partner, US state, port or product the loaded code lists know',
      );
    switch (familyOf(claim)) {
      case 'census':
        if (at.year === null)
          throw new NotVerifiable('no Census partner totals are loaded', 'Census country.xlsx');
        if (claim.kind === 'rank') return await measurePartnerRank(store, claim, at);
        if (claim.kind === 'ratio') return await measureRatio(store, claim, at);
        if (claim.kind === 'group_vs_next') return await measureGroup(store, claim, at);
        return await measurePartner(store, claim, at);
      case 'crossings':
        if (at.year === null)
          throw new NotVerifiable('no BTS crossings are loaded', 'BTS Border Crossing Entry Data');
        return await measureCrossings(store, claim, at);
      case 'transborder':
        return await measureFreight(store, claim, at);
      case 'products':
        if (claim.endUse) return await measureComposition(store, claim, at);
        return await measureProduct(store, claim, at);
      case 'inegi':
        return await measureRegion(store, claim, at);
      case 'none':
        throw new NotVerifiable('the subject is unknown', 'a known subject');
    }
  } catch (e) {
    if (e instanceof CoverageError) throw new NotVerifiable(e.message, wouldDecide(claim, at));
    if (e instanceof LookupError)
      throw new NotVerifiable(e.message, 'a name the loaded code lists know');
    throw e;
  }
}

function wouldDecide(claim: Claim, at: At): string {
  const when = at.month ?? (at.year === null ? 'the period' : String(at.year));
  switch (familyOf(claim)) {
    case 'census':
      return `a Census country.xlsx release (or FT-900 / International Trade API country totals) covering ${when}`;
    case 'crossings':
      return `BTS Border Crossing Entry Data for ${when}`;
    case 'transborder':
      return `BTS TransBorder raw files for ${when}`;
    case 'products':
      return `Census International Trade API product-level data for ${when}`;
    case 'inegi':
      return `INEGI exports by Mexican state (EAEF) for ${when}`;
    case 'none':
      return 'a known subject';
  }
}
