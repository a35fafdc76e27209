import type { Claim, ClaimFlow, PartnerRef } from './claim.ts';

export type Totals = { exports: bigint; imports: bigint };

const FLOW_WORDS: Record<ClaimFlow, string> = {
  exports: 'US exports to',
  imports: 'US imports from',
  two_way: 'US two-way trade with',
  balance: 'US trade balance with',
};

/** Dollars of one flow; a deficit is counted positive, as statements say it. */
export function flowValue(t: Totals, flow: ClaimFlow, side: Claim['balance']): bigint {
  switch (flow) {
    case 'exports':
      return t.exports;
    case 'imports':
      return t.imports;
    case 'two_way':
      return t.exports + t.imports;
    case 'balance':
      return side === 'deficit' ? t.imports - t.exports : t.exports - t.imports;
  }
}

/** "US exports to Mexico", "US trade deficit with China", "US exports" for the world. */
export function flowLabel(flow: ClaimFlow, side: Claim['balance'], partners: PartnerRef[]): string {
  const names = partners.map((p) => p.name).join(' and ');
  if (flow === 'balance' && side) return `US trade ${side} with ${names}`;
  if (partners.length === 1 && partners[0]!.code === '0015')
    return {
      exports: 'US exports',
      imports: 'US imports',
      two_way: 'US trade',
      balance: 'US trade balance',
    }[flow];
  return `${FLOW_WORDS[flow]} ${names}`;
}
