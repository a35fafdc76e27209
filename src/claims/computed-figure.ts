import type { CompiledQuery } from '../analytics/compiled-query.ts';
import { exactUsd, showFigure } from './format-figure.ts';
import type { ComputedFigure, QueryUsed } from './measurement.ts';

/** Exact dollars, shown exactly and for reading. */
export function usdFigure(label: string, v: bigint): ComputedFigure {
  return { label, value: v, unit: 'usd', display: `${exactUsd(v)} (${showFigure(v, 'usd')})` };
}

/** A ratio, percentage, rate or rank, shown in its unit. */
export function numFigure(label: string, v: number, unit: ComputedFigure['unit']): ComputedFigure {
  return { label, value: v, unit, display: showFigure(v, unit) };
}

/** The analytics call made and, where it runs one, the compiled query behind it. */
export function call(text: string, q: CompiledQuery | null): QueryUsed {
  return {
    call: text,
    spec: q ? { query: q.name, params: q.params, tables: q.tables } : null,
    sql: q ? q.sql.replace(/\s+/g, ' ').trim() : null,
  };
}
