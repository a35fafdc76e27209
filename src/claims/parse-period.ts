import type { Period } from './claim.ts';
import type { Quantity } from './find-quantities.ts';
import type { Token } from './tokenize.ts';

/** A period said in the statement, where it stands, and whether it is a base ("since 2015"). */
export interface PeriodMention {
  at: number;
  period: Extract<Period, { kind: 'year' | 'month' }>;
  since: boolean;
}

export const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
  enero: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  setiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
};

/** Relative periods, as word sequences, and how many years (or months) back they reach. */
const RELATIVE_YEARS: [string[], number][] = [
  [['last', 'year'], 1],
  [['past', 'year'], 1],
  [['previous', 'year'], 1],
  [['ano', 'pasado'], 1],
  [['pasado', 'ano'], 1],
  [['ano', 'anterior'], 1],
  [['this', 'year'], 0],
  [['este', 'ano'], 0],
  [['current', 'year'], 0],
  [['two', 'years', 'ago'], 2],
  [['hace', 'dos', 'anos'], 2],
];
const RELATIVE_MONTHS: [string[], number][] = [
  [['last', 'month'], 1],
  [['mes', 'pasado'], 1],
  [['this', 'month'], 0],
  [['este', 'mes'], 0],
];
const SINCE = new Set(['since', 'desde', 'from']);

/**
 * Every period the statement names: years ("in 2022"), months ("January 2015", "enero de
 * 2015"), bases ("since 2015", "from 2015 to 2022") and periods relative to the day it was
 * said ("last year", "el año pasado", "this year").
 */
export function findPeriods(tokens: Token[], quantities: Quantity[], asOf: Date): PeriodMention[] {
  const out: PeriodMention[] = [];
  const asOfYear = asOf.getUTCFullYear();
  for (const q of quantities) {
    if (q.unit !== 'year') continue;
    const year = q.value;
    const prev = tokens[q.start - 1];
    const prev2 = tokens[q.start - 2];
    const monthWord = prev?.norm === 'de' ? prev2 : prev;
    const month = monthWord ? MONTHS[monthWord.norm] : undefined;
    const said = tokens
      .slice(month ? q.start - (prev?.norm === 'de' ? 2 : 1) : q.start, q.end)
      .map((t) => t.raw)
      .join(' ');
    const since =
      SINCE.has(prev?.norm ?? '') ||
      // "between 2015 and 2022": the first year is the base.
      (['between', 'entre'].includes(prev?.norm ?? '') &&
        quantities.some((o) => o.unit === 'year' && o.start > q.end && o.start <= q.end + 2));
    out.push({
      at: q.start,
      since: since && !month,
      period: month
        ? { kind: 'month', month: `${year}-${String(month).padStart(2, '0')}`, said }
        : { kind: 'year', year, said },
    });
  }
  tokens.forEach((_t, k) => {
    for (const [words, back] of RELATIVE_YEARS) {
      if (words.every((w, i) => tokens[k + i]?.norm === w)) {
        const said = tokens
          .slice(k, k + words.length)
          .map((t) => t.raw)
          .join(' ');
        out.push({ at: k, since: false, period: { kind: 'year', year: asOfYear - back, said } });
      }
    }
    for (const [words, back] of RELATIVE_MONTHS) {
      if (words.every((w, i) => tokens[k + i]?.norm === w)) {
        const d = new Date(Date.UTC(asOfYear, asOf.getUTCMonth() - back, 1));
        const month = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
        const said = tokens
          .slice(k, k + words.length)
          .map((t) => t.raw)
          .join(' ');
        out.push({ at: k, since: false, period: { kind: 'month', month, said } });
      }
    }
  });
  return out.sort((a, b) => a.at - b.at);
}

/**
 * The period a figure is about: one said right after it ("$324 billion in 2022"), else the
 * nearest one named, else the latest loaded.
 */
export function periodAt(mentions: PeriodMention[], at: number, end = at): Period {
  const own = mentions.filter((m) => !m.since);
  const after = own.find((m) => m.at >= end && m.at <= end + 2);
  if (after) return after.period;
  let best: PeriodMention | null = null;
  for (const m of own) if (!best || Math.abs(m.at - at) < Math.abs(best.at - at)) best = m;
  return best ? best.period : { kind: 'latest', said: null };
}

export function sinceYear(mentions: PeriodMention[]): number | null {
  const s = mentions.find((m) => m.since && m.period.kind === 'year');
  return s && s.period.kind === 'year' ? s.period.year : null;
}
