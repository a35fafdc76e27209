import type { Store } from '../store/open-store.ts';
import { transborderMonth } from './transborder-month.ts';

/**
 * The period a TransBorder panel shows, stated on the panel: a whole year when all twelve
 * months of the asked year are loaded, else one month. `note` says when that is not the year
 * asked (a profile for 2022 beside a TransBorder panel for 2015-01 says so, in words).
 */
export interface TransborderPeriod {
  /** YYYY-MM: the one month shown, or the last month of the year shown. */
  month: string;
  /** Set when the panel sums a whole year. */
  year: number | null;
  /** How the panel names its period: "2015-01" or "2019". */
  label: string;
  note: string | null;
}

export async function transborderPeriod(
  store: Store,
  asked?: number,
): Promise<TransborderPeriod | null> {
  const picked = await transborderMonth(store);
  if (!picked) return null;
  const latest = picked.month;
  if (asked === undefined) return { month: latest, year: null, label: latest, note: null };
  const inYear = picked.months.filter((m) => m.startsWith(`${asked}-`));
  if (inYear.length === 12)
    return { month: inYear[11]!, year: asked, label: String(asked), note: null };
  if (inYear.length > 0) {
    const month = inYear[inYear.length - 1]!;
    return {
      month,
      year: null,
      label: month,
      note: `TransBorder freight has ${inYear.length} of 12 months of ${asked} loaded (${inYear.join(', ')}): its panels show ${month}, not the year`,
    };
  }
  return {
    month: latest,
    year: null,
    label: latest,
    note: `TransBorder freight is not loaded for ${asked} (loaded: ${loadedSpans(picked.months)}): its panels show ${latest}, not ${asked}`,
  };
}

function loadedSpans(months: string[]): string {
  return months.length <= 3
    ? months.join(', ')
    : `${months.length} months, ${months[0]} – ${months[months.length - 1]}`;
}

/** The split filter for a period: its year when it sums one, else its month. */
export function periodFilter(p: TransborderPeriod): { month?: string; year?: number } {
  return p.year !== null ? { year: p.year } : { month: p.month };
}
