import type { FileExtract, RowsExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import type { ModelTable } from '../model/tables.ts';

/** The earliest period any source Frontera reads publishes (Census and BTS series begin later). */
export const EARLIEST = '1900-01-01';

/**
 * Amounts and counts that no source publishes below zero: trade values and duties in
 * dollars, DataWeb's values, crossings, wait minutes and open lanes. (No flow Frontera loads is
 * a balance, the one trade figure that may be negative.)
 */
const NON_NEGATIVE: Partial<Record<ModelTable, readonly string[]>> = {
  trade_country_month: ['value_usd'],
  trade_product: ['value_usd', 'duty_usd'],
  dataweb_product: ['value'],
  crossings: ['count'],
  wait_times: ['delay_minutes', 'lanes_open'],
  wait_time_average: ['average_minutes'],
};

/** Dates that say when something was observed: never before 1900, never after the file itself. */
export const PERIODS: Partial<Record<ModelTable, readonly string[]>> = {
  trade_country_month: ['month'],
  trade_product: ['period_start', 'period_end'],
  dataweb_product: ['period_start', 'period_end'],
  crossings: ['month'],
  wait_times: ['observed_at'],
};

/**
 * Values a file cannot truthfully hold, for the rows readers parse in JS (scanned CSV and
 * Parquet columns carry the same rules as SQL checks): a negative count or amount, a period
 * before 1900 or after the file was written (a FRED observation dated 9999-12 would otherwise
 * make its vintage the newest forever). Each problem names the line (or row) and value.
 */
export function rangeProblems(fx: FileExtract, path: string, fileDate: Date): Problem[] {
  const problems: Problem[] = [];
  const latest = latestPeriod(fileDate);
  for (const x of fx.extracts) {
    if (x.kind !== 'rows') continue;
    for (const column of NON_NEGATIVE[x.table] ?? []) {
      eachValue(x, column, (v, where) => {
        const n = typeof v === 'bigint' || typeof v === 'number' ? v : Number(v);
        if (typeof n === 'number' && Number.isNaN(n)) return;
        if (n < 0) {
          problems.push({
            code: 'out-of-range',
            file: path,
            ...where,
            column,
            value: String(v),
            message: `${column} cannot be negative in this source`,
          });
        }
      });
    }
    for (const column of PERIODS[x.table] ?? []) {
      eachValue(x, column, (v, where) => {
        const iso = v instanceof Date ? v.toISOString() : String(v);
        if (iso >= EARLIEST && iso <= latest) return;
        problems.push({
          code: 'out-of-range',
          file: path,
          ...where,
          column,
          value: iso,
          message:
            iso < EARLIEST
              ? `a period before ${EARLIEST.slice(0, 4)}, earlier than any source publishes`
              : `a period after the file itself was written (${fileDate.toISOString().slice(0, 10)})`,
        });
      });
    }
  }
  return problems;
}

/** A file written today may hold today's readings in any time zone. */
export function latestPeriod(fileDate: Date): string {
  return new Date(fileDate.getTime() + 36 * 3600_000).toISOString();
}

function eachValue(
  x: RowsExtract,
  column: string,
  visit: (v: unknown, where: { line: number; value?: string }) => void,
): void {
  const i = x.columns.indexOf(column);
  if (i < 0) return;
  x.rows.forEach((row, r) => {
    const v = row[i];
    if (v === null || v === undefined || v === '') return;
    // Readers that know where a row came from say so; otherwise the row's place in the sheet.
    visit(v, { line: x.lines?.[r] ?? r + 1 });
  });
}
