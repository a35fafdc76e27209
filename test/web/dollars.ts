/**
 * What the dashboard must print for a dollar amount, written independently of web/:
 * `$324.4 billion` / `324.4 mil millones de dólares` (Spanish billón = 10^12).
 */
export function dollars(lang: 'en' | 'es', value: string | number): string {
  const v = Number(value);
  const sign = v < 0 ? '-' : '';
  const abs = Math.abs(v);
  const scales: [number, string, string, string][] = [
    [1e12, 'trillion', 'billón', 'billones'],
    [1e9, 'billion', 'mil millones', 'mil millones'],
    [1e6, 'million', 'millón', 'millones'],
  ];
  for (const [size, en, esOne, esMany] of scales) {
    if (abs >= size * 0.99995) {
      const n = (abs / size).toFixed(1);
      return lang === 'en'
        ? `${sign}$${n} ${en}`
        : `${sign}${n} ${n === '1.0' ? esOne : esMany} de dólares`;
    }
  }
  const digits = Math.round(abs).toLocaleString('en-US');
  return lang === 'en' ? `${sign}$${digits}` : `${sign}${digits} dólares`;
}

/**
 * A dollar amount as a Spanish bar shows it, in Mexican press usage: `14.4 mmd` (miles de
 * millones de dólares), `850.2 mdd` (millones de dólares), smaller amounts in full.
 */
export function dollarsShortEs(value: string | number): string {
  const v = Number(value);
  const sign = v < 0 ? '-' : '';
  const abs = Math.abs(v);
  const one = (n: number) =>
    n.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  if (abs >= 1e9 * 0.99995) return `${sign}${one(abs / 1e9)} mmd`;
  if (abs >= 1e6 * 0.99995) return `${sign}${one(abs / 1e6)} mdd`;
  return dollars('es', value);
}
