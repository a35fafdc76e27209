/**
 * Census and FRED publish millions of dollars with up to six decimals, so a value is a whole
 * number of dollars. toFixed(6) recovers the published decimal exactly (the double nearest to
 * a six-decimal value below 10^9 millions is far closer than 10^-6), and BigInt keeps it exact.
 */
export function millionsToDollars(v: unknown): bigint | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    if (!/^-?(\d+\.?\d*|\.\d+)$/.test(t)) return undefined;
    const [int = '0', frac = ''] = t.replace(/^-/, '').split('.');
    if (frac.length > 6 && /[1-9]/.test(frac.slice(6))) return undefined;
    const dollars = BigInt(int) * 1_000_000n + BigInt((frac + '000000').slice(0, 6));
    return t.startsWith('-') ? -dollars : dollars;
  }
  if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) >= 1e9) return undefined;
  // Most cells: k / 10^6 rounds back to v exactly, so k is the integer toFixed(6) would print
  // (below 10^9 millions two six-decimal values never share a double); skips the string round
  // trip, a sixth of reading country.xlsx.
  const k = Math.round(v * 1e6);
  if (k / 1e6 === v) return BigInt(k);
  return millionsToDollars(v.toFixed(6));
}
