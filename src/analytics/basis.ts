/**
 * What each dataset measures and cannot include; every result states its basis so a reader
 * never mistakes goods for goods-and-services, or nominal for real.
 */
export const BASIS = {
  census_goods:
    'US goods trade, Census basis, nominal US dollars, not seasonally adjusted; exports are total (domestic and foreign) exports, imports are general imports. Excludes services.',
  census_products:
    'US imports for consumption by HS product (Census International Trade API), nominal US dollars. Goods only.',
  usitc_dataweb:
    'US trade by HTS product as USITC DataWeb republishes the Census figures, nominal US dollars: total exports (domestic and foreign) at FAS value, imports at customs value. Goods only.',
  transborder:
    'BTS TransBorder Freight: US trade with Canada and Mexico by surface and other modes, nominal US dollars; Census-based, goods only, revised less often than Census totals.',
  crossings:
    'BTS Border Crossing Entry Data: inbound crossings into the US at land ports; rows BTS does not publish are not zeros.',
  wait_times: 'CBP Border Wait Times: observed delays as CBP published them at the time.',
} as const;

export type Basis = keyof typeof BASIS;
