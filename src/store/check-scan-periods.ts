import type { DuckDBConnection } from '@duckdb/node-api';
import type { ScanTarget } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import { TABLES } from '../model/tables.ts';
import { EARLIEST, latestPeriod, PERIODS } from './check-ranges.ts';
import { literal } from './sql-text.ts';

const MAX_REPORTED = 20;

/**
 * SQL true for a staged row whose periods (any of the target's period columns) break the rule
 * below; `false` for a target without one. Used to count first, in one pass with other
 * figures, so the detailed search runs only for a file that has such a row.
 */
export function periodOutOfRangeSql(target: ScanTarget, fileDate: Date): string {
  const latest = latestPeriod(fileDate);
  const tests = (PERIODS[target.table] ?? []).flatMap((column) => {
    const expr = target.select[column];
    const type = TABLES[target.table].columns[column];
    if (expr === undefined || type === undefined) return [];
    const at = `CAST(CAST(${expr} AS ${type}) AS TIMESTAMP)`;
    return [
      `${at} < ${literal(EARLIEST)}::TIMESTAMP OR ${at} > ${literal(latest.slice(0, 19))}::TIMESTAMP`,
    ];
  });
  if (tests.length === 0) return 'false';
  return `${target.where ? `(${target.where}) AND ` : ''}(${tests.join(' OR ')})`;
}

/**
 * The period rule of `check-ranges.ts` (never before 1900, never after the file itself was
 * written) for files DuckDB scans: each target's period column is computed from the staged
 * text exactly as it will be inserted, so a "Dec 2099" crossing row or a Census API `time` of
 * 9999-12 is refused with its line before anything is stored.
 */
export async function scanPeriodProblems(
  conn: DuckDBConnection,
  stage: string,
  target: ScanTarget,
  file: string,
  firstLine: number,
  fileDate: Date,
): Promise<{ list: Problem[]; total: number }> {
  const list: Problem[] = [];
  let total = 0;
  const latest = latestPeriod(fileDate);
  for (const column of PERIODS[target.table] ?? []) {
    const expr = target.select[column];
    const type = TABLES[target.table].columns[column];
    if (expr === undefined || type === undefined) continue;
    const where = target.where ? `(${target.where}) AND ` : '';
    const r = await conn.runAndReadAll(`
      WITH p AS (
        SELECT rowid - (SELECT min(rowid) FROM ${stage}) AS rid,
               CAST(CAST(${expr} AS ${type}) AS VARCHAR) AS period,
               CAST(CAST(${expr} AS ${type}) AS TIMESTAMP) AS period_at
        FROM ${stage} WHERE ${where}true)
      SELECT rid, period, count(*) OVER () AS n FROM p
      WHERE period_at < ${literal(EARLIEST)}::TIMESTAMP OR period_at > ${literal(latest.slice(0, 19))}::TIMESTAMP
      ORDER BY rid LIMIT ${MAX_REPORTED}`);
    const rows = r.getRowsJS();
    if (rows.length === 0) continue;
    total += Number(rows[0]?.[2] ?? rows.length);
    for (const [rid, period] of rows) {
      const value = String(period);
      list.push({
        code: 'out-of-range',
        file,
        line: Number(rid) + firstLine,
        column,
        value,
        message:
          value < EARLIEST
            ? `a period before ${EARLIEST.slice(0, 4)}, earlier than any source publishes`
            : `a period after the file itself was written (${fileDate.toISOString().slice(0, 10)})`,
      });
    }
  }
  return { list, total };
}
