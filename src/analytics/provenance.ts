import type { ModelTable } from '../model/tables.ts';
import { memoize, type Store } from '../store/open-store.ts';
import { askedOften } from './asked-often.ts';
import { runQuery, type Param } from './compiled-query.ts';

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
  const wantedSet = new Set(wanted);
  return memoize(store, `provenance-files:${wanted.join(',')}`, async () =>
    wanted.length === 0
      ? []
      : (await askedOften(store, 'provenance-files'))
        ? (await everySourceFile(store)).filter((f) => wantedSet.has(f.id)).map((f) => f.ref)
        : sourceFiles(store, 'source-files', wanted.map(Number).join(', '), {}),
  );
}

/**
 * Every source file in the order the `source-files` query lists them (source, series,
 * vintage, id), read once per loaded state: a server citing set after set of files picks each
 * set from it instead of a query per set (see askedOften).
 */
function everySourceFile(store: Store): Promise<{ id: number; ref: SourceRef }[]> {
  return memoize(store, 'provenance-files-all', async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'source-files-all',
      tables: [],
      params: {},
      sql: `SELECT id, ${SOURCE_FILE_COLUMNS} FROM source_file ORDER BY source, series, vintage, id`,
    });
    return rows.map((row) => ({ id: Number(row.id), ref: sourceRef(row) }));
  });
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
export async function readProvenance(
  store: Store,
  reads: readonly Read[],
  ids: readonly number[] = [],
): Promise<SourceRef[]> {
  const found = new Set(ids);
  for (const id of (await filesOf(store, reads)).flat()) found.add(id);
  return fileProvenance(store, [...found]);
}

/**
 * Starts finding the files of these reads (each remembered, as `readProvenance` finds them),
 * so that a result whose reads are known before its panels are computed does not wait for
 * them after: its `readProvenance` then only reads the files' records.
 */
export function prefetchReads(store: Store, reads: readonly Read[]): void {
  filesOf(store, reads).catch(() => undefined);
}

/**
 * The files behind the rows of each value of some columns of a table (under a fixed filter of
 * the caller's own SQL text): for a result asked value after value (a partner's months, a
 * country's population in a year), the files of the read `column = $value AND …` without a
 * query per value, all values read in one query once per loaded state. Look a value up with
 * `valueKey`; a value with no rows has no entry.
 */
export function filesByValue(
  store: Store,
  table: ModelTable,
  columns: readonly string[],
  where = 'true',
): Promise<Map<string, number[]>> {
  return memoize(store, `files-by-value:${table}:${columns.join(',')}:${where}`, async () => {
    const r = await store.read((c) =>
      c.runAndReadAll(
        `SELECT ${columns.map((col, i) => `${col} AS v${i}`).join(', ')},
                list(DISTINCT source_file_id) AS files
         FROM ${table} WHERE ${where} GROUP BY ALL`,
      ),
    );
    return new Map(
      r
        .getRowsJS()
        .map((row) => [
          valueKey(row.slice(0, columns.length)),
          (row[columns.length] as number[]).map(Number),
        ]),
    );
  });
}

/** The key of one combination of values in `filesByValue`'s map. */
export function valueKey(values: readonly unknown[]): string {
  return JSON.stringify(values.map((v) => (v == null ? null : String(v))));
}

/**
 * The files each read's rows come from (`SELECT DISTINCT source_file_id … WHERE …`), each
 * remembered per loaded state; those not yet known are found in one query for all of them.
 * A table whose rows come from a few files is asked, file by file, whether any row of that
 * file passes the filter (the first such row answers): the same set of files, without
 * reading every matching row.
 */
async function filesOf(store: Store, reads: readonly Read[]): Promise<number[][]> {
  const keyed = reads.map((read) => {
    // Only the parameters the filter names: DuckDB refuses values it has no place for.
    const params = Object.fromEntries(
      Object.entries(read.params ?? {}).filter(([k]) => new RegExp(`\\$${k}\\b`).test(read.where)),
    );
    const sql = `SELECT DISTINCT source_file_id FROM ${read.table} WHERE ${read.where}`;
    return { read, params, key: `files-read:${sql}:${JSON.stringify(params)}` };
  });
  const missing = [...new Map(keyed.map((k) => [k.key, k])).values()].filter(
    (k) => !store.memo.has(k.key),
  );
  if (missing.length > 0) {
    const found = filesOfNew(store, missing);
    missing.forEach((m, i) => {
      const one = found.then((all) => all[i]!);
      store.memo.set(m.key, one);
      one.catch(() => store.memo.delete(m.key));
    });
  }
  return Promise.all(keyed.map((k) => store.memo.get(k.key) as Promise<number[]>));
}

async function filesOfNew(
  store: Store,
  reads: { read: Read; params: Record<string, Param> }[],
): Promise<number[][]> {
  const values: Record<string, Param> = {};
  const parts: string[] = [];
  // Each table's files, asked side by side (on the read pool).
  const tables = await Promise.all(reads.map(({ read }) => tableFiles(store, read.table)));
  for (const [i, { read, params }] of reads.entries()) {
    const files = tables[i]!;
    // A table with no rows cites nothing (and its parameters would have no place to go).
    if (files.length === 0) continue;
    // Each read's parameters renamed apart ($code → $r0_code) so one query carries them all.
    let where = read.where;
    for (const [k, v] of Object.entries(params)) {
      where = where.replace(new RegExp(`\\$${k}\\b`, 'g'), `$r${i}_${k}`);
      values[`r${i}_${k}`] = v;
    }
    if (files.length <= FEW_FILES) {
      for (const f of files)
        parts.push(
          `(SELECT ${i} AS i, source_file_id FROM ${read.table} WHERE source_file_id = ${f} AND (${where}) LIMIT 1)`,
        );
    } else {
      parts.push(`(SELECT DISTINCT ${i} AS i, source_file_id FROM ${read.table} WHERE ${where})`);
    }
  }
  const out: number[][] = reads.map(() => []);
  if (parts.length === 0) return out;
  // The reads go along (index i is the read's place) for engines that compile them anew.
  const rows = await runQuery(store, {
    kind: 'compiled-query',
    name: 'files-read',
    tables: reads.map((r) => r.read.table),
    params: values,
    reads: reads.map((r) => ({ ...r.read, params: r.params })),
    sql: parts.join(' UNION ALL '),
  });
  for (const { i, source_file_id: id } of rows) out[Number(i)]!.push(Number(id));
  return out;
}

/** A table with rows from this many files or fewer is probed file by file. */
const FEW_FILES = 8;

/** The files a table's default view holds rows from, known once per loaded state. */
function tableFiles(store: Store, table: ModelTable): Promise<number[]> {
  return memoize(store, `table-files:${table}`, async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'table-files',
      tables: [table],
      params: {},
      sql: `SELECT DISTINCT source_file_id FROM ${table} ORDER BY 1`,
    });
    return rows.map((row) => Number(row.source_file_id));
  });
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
  return sourceFiles(store, 'current-files', ids, series ? { series } : {});
}

/** `ids`: a list of file ids ('source-files') or a query giving them ('current-files'). */
async function sourceFiles(
  store: Store,
  name: 'source-files' | 'current-files',
  ids: string,
  params: Record<string, string>,
): Promise<SourceRef[]> {
  const rows = await runQuery(store, {
    kind: 'compiled-query',
    name,
    tables: [],
    params,
    sql: `SELECT source, series, vintage, path, sha256,
              CASE WHEN period_from IS NULL THEN NULL ELSE period_from || ' – ' || period_to END AS periods
       FROM source_file WHERE id IN (${ids}) ORDER BY source, series, vintage, id`,
  });
  return rows.map(sourceRef);
}

/** The columns of `source-files` (whose SQL is kept as its ClickHouse translation knows it). */
const SOURCE_FILE_COLUMNS = `source, series, vintage, path, sha256,
  CASE WHEN period_from IS NULL THEN NULL ELSE period_from || ' – ' || period_to END AS periods`;

function sourceRef(row: Record<string, unknown>): SourceRef {
  return {
    source: String(row.source),
    series: String(row.series),
    vintage: String(row.vintage),
    path: String(row.path),
    sha256: String(row.sha256),
    periods: row.periods == null ? null : String(row.periods),
  };
}
