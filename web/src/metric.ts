import type { MessageKey } from './i18n.ts';

/** The four trade measures, as the API's query names them and as results key them. */
export type Metric = 'exports' | 'imports' | 'two-way' | 'balance';
export const METRICS: Metric[] = ['two-way', 'exports', 'imports', 'balance'];

export const METRIC_LABEL: Record<Metric, MessageKey> = {
  exports: 'metricExports',
  imports: 'metricImports',
  'two-way': 'metricTwoWay',
  balance: 'metricBalance',
};

/** The same, inside a sentence ("by two-way trade"). */
export const METRIC_INLINE: Record<Metric, MessageKey> = {
  exports: 'inlineExports',
  imports: 'inlineImports',
  'two-way': 'inlineTwoWay',
  balance: 'inlineBalance',
};

export const METRIC_FIELD: Record<Metric, 'exports' | 'imports' | 'twoWay' | 'balance'> = {
  exports: 'exports',
  imports: 'imports',
  'two-way': 'twoWay',
  balance: 'balance',
};

export function parseMetric(v: string | undefined, fallback: Metric = 'two-way'): Metric {
  return (METRICS as string[]).includes(v ?? '') ? (v as Metric) : fallback;
}

/** A year's value of a metric from exports and imports (exact, in BigInt). */
export function metricOf(
  m: Metric,
  exports: string | null | undefined,
  imports: string | null | undefined,
): bigint | null {
  if (exports == null || imports == null) {
    if (m === 'exports' && exports != null) return BigInt(exports);
    if (m === 'imports' && imports != null) return BigInt(imports);
    return null;
  }
  const x = BigInt(exports);
  const i = BigInt(imports);
  return m === 'exports' ? x : m === 'imports' ? i : m === 'two-way' ? x + i : x - i;
}
