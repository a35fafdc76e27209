import { compareGroupWithNext as compareGroupWithNextOf } from '../analytics/compare-partners.ts';
import { comparePartners as comparePartnersOf } from '../analytics/compare-partners.ts';
import { mexicoStateExports as mexicoStateExportsOf } from '../analytics/subnational.ts';
import { partnerProfile as partnerProfileOf } from '../analytics/partner-profile.ts';
import { partnerSeries as partnerSeriesOf } from '../analytics/partner-series.ts';
import { productProfile as productProfileOf } from '../analytics/product-profile.ts';
import {
  rankPartners as rankPartnersOf,
  yearAndMonths as yearAndMonthsOf,
} from '../analytics/top-partners.ts';
import { resolvePartner as resolvePartnerOf } from '../analytics/resolve-partner.ts';
import { resolvePort as resolvePortOf } from '../analytics/resolve-port.ts';
import { resolveProduct as resolveProductOf } from '../analytics/resolve-product.ts';
import { resolveState as resolveStateOf } from '../analytics/resolve-state.ts';
import { stateProfile as stateProfileOf } from '../analytics/state-profile.ts';
import {
  topPorts as topPortsOf,
  topProducts as topProductsOf,
  topStates as topStatesOf,
} from '../analytics/top-places.ts';
import { tradeComposition as tradeCompositionOf } from '../analytics/trade-composition.ts';
import { transborderMonth as transborderMonthOf } from '../analytics/transborder-month.ts';
import { memoize, type Store } from '../store/open-store.ts';

/**
 * The analytics calls the checker makes, each computed once per loaded state of the store
 * (the store's memo, cleared by every ingest). A text or a corpus asks the same ranking,
 * profile or code list for statement after statement; the answers depend only on the loaded
 * data and the arguments, and the checker only reads them (it copies before sorting), so
 * sharing them changes no verdict. A call that fails is not kept (`memoize` drops it).
 */
function shared<A extends unknown[], R>(
  name: string,
  fn: (store: Store, ...args: A) => Promise<R>,
): (store: Store, ...args: A) => Promise<R> {
  return (store, ...args) =>
    memoize(store, `claims:${name}:${JSON.stringify(args)}`, () => fn(store, ...args));
}

export const partnerProfile = shared('partnerProfile', partnerProfileOf);
export const partnerSeries = shared('partnerSeries', partnerSeriesOf);
export const rankPartners = shared('rankPartners', rankPartnersOf);
export const yearAndMonths = shared('yearAndMonths', yearAndMonthsOf);
export const comparePartners = shared('comparePartners', comparePartnersOf);
export const compareGroupWithNext = shared('compareGroupWithNext', compareGroupWithNextOf);
export const topPorts = shared('topPorts', topPortsOf);
export const topStates = shared('topStates', topStatesOf);
export const topProducts = shared('topProducts', topProductsOf);
export const stateProfile = shared('stateProfile', stateProfileOf);
export const productProfile = shared('productProfile', productProfileOf);
export const mexicoStateExports = shared('mexicoStateExports', mexicoStateExportsOf);
export const tradeComposition = shared('tradeComposition', tradeCompositionOf);
export const transborderMonth = shared('transborderMonth', transborderMonthOf);
export const resolvePartner = shared('resolvePartner', resolvePartnerOf);
export const resolvePort = shared('resolvePort', resolvePortOf);
export const resolveProduct = shared('resolveProduct', resolveProductOf);
export const resolveState = shared('resolveState', resolveStateOf);
