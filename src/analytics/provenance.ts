import type { ModelTable } from '../model/tables.ts';
import { memoize, type Store } from '../store/open-store.ts';
import { bindParams, type Param } from './compiled-query.ts';

export interface SourceRef {
  source: string;
  series: string;
  vintage: string;
  path: string;
  sha256: string;
  periods: string | null;
}

/** The current source files behind the rows of these tables (optionally one series). */
export function provenance(
  store: Store,
  tables: readonly ModelTable[],
  series?: string,
): Promise<SourceRef[]> {
  return memoize(store, `provenance:${tables.join(',')}:${series ?? ''}`, () =>
    currentFiles(store, tables, series),
  );
}

/**
 * The source files with these ids: for a result built from part of a table (one DataWeb
 * download among several), the files actually read rather than every file of the table.
 */
export function fileProvenance(store: Store, ids: readonly number[]): Promise<SourceRef[]> {
  const wanted = [...new Set(ids)].sort((a, b) => a - b);
  return memoize(store, `provenance-files:${wanted.join(',')}`, () =>
    wanted.length === 0
      ? Promise.resolve([])
      : sourceFiles(store, wanted.map(Number).join(', '), {}),
  );
}

/**
 * The rows of one table a result read: the same view and filter as its query (`where` is the
 * analysis's own SQL text, every value a named parameter in `params`).
 */
export interface Read {
  table: ModelTable;
  where: string;
  params?: Record<string, Param>;
}

/**
 * The source files whose rows a result read, with their vintages: the files of the rows its
 * queries' filters select (plus `ids`, files a query carried through itself), not every file
 * of the tables touched. A table of a superseded vintage or a source set aside by precedence
 * is not cited, as its rows are not in the default views.
 */
export function readProvenance(
  store: Store,
  reads: readonly Read[],
  ids: readonly number[] = [],
): Promise<SourceRef[]> {
  if (reads.length === 0) return fileProvenance(store, ids);
  // One query for all the reads (a profile makes five or more): a round trip each cost a
  // cold command more than the profile's own figures. Each read's parameters are renamed
  // apart (two reads may both say $year, for different years).
  const params: Record<string, Param> = {};
  const selects = reads.map((r, i) => {
    const where = r.where.replace(/\$(\w+)\b/g, (_, k: string) => {
      params[`r${i}_${k}`] = r.params?.[k] ?? null;
      return `$r${i}_${k}`;
    });
    return `SELECT source_file_id FROM ${r.table} WHERE ${where}`;
  });
  const wanted = [...new Set(ids)].sort((a, b) => a - b);
  const extra =
    wanted.length > 0 ? ` UNION ALL SELECT unnest([${wanted.map(Number).join(', ')}])` : '';
  const sql = `SELECT source_file_id FROM (${selects.join(' UNION ALL ')}${extra})`;
  return memoize(store, `files-read:${sql}:${JSON.stringify(params)}`, () =>
    sourceFiles(store, sql, params),
  );
}

async function currentFiles(
  store: Store,
  tables: readonly ModelTable[],
  series?: string,
): Promise<SourceRef[]> {
  if (tables.length === 0) return [];
  const ids = tables
    .map((t) =>
      series && t === 'trade_country_month'
        ? `SELECT DISTINCT source_file_id FROM ${t} WHERE series = $series`
        : `SELECT DISTINCT source_file_id FROM ${t}`,
    )
    .join(' UNION ');
  return sourceFiles(store, ids, series ? { series } : {});
}

async function sourceFiles(
  store: Store,
  ids: string,
  params: Record<string, Param>,
): Promise<SourceRef[]> {
  const { values, types } = bindParams(params);
  const r = await store.conn.runAndReadAll(
    `SELECT source, series, vintage, path, sha256,
            CASE WHEN period_from IS NULL THEN NULL ELSE period_from || ' – ' || period_to END
     FROM source_file WHERE id IN (${ids}) ORDER BY source, series, vintage, id`,
    values,
    types,
  );
  return r.getRowsJS().map((row) => ({
    source: String(row[0]),
    series: String(row[1]),
    vintage: String(row[2]),
    path: String(row[3]),
    sha256: String(row[4]),
    periods: row[5] == null ? null : String(row[5]),
  }));
}
