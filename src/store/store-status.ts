import { FACT_TABLES, TABLES, type ModelTable } from '../model/tables.ts';
import type { Store } from './open-store.ts';

export interface StoreStatus {
  kind: 'store-status';
  database: string;
  files: {
    id: number;
    source: string;
    series: string;
    vintage: string;
    vintageBasis: string;
    periodFrom: string | null;
    periodTo: string | null;
    /**
     * The data rows the file states, as a reader of the file counts them (repeats included):
     * rows of its fact tables, or of its one table for a code list. Rows a data file also
     * gives a code list (the ports the Border Crossing file names) are counted in `byTable`.
     */
    rows: number;
    /**
     * The values stored from the file (its fact-table rows, repeats included). A long file
     * stores one per row; a wide one more (country.xlsx: one per partner, year and month).
     */
    values: number;
    /** Values of this file that default queries see (0 when fully superseded). */
    currentRows: number;
    /** Rows the file repeats whole (stored and counted once), over all its tables. */
    repeatedRows: number;
    /** Keys the file states twice with different values, over all its tables. */
    conflicts: number;
    byTable: {
      table: string;
      rows: number;
      repeatedRows: number;
      conflicts: number;
      /** The first conflicting keys, each with the values stated and the one counted. */
      conflictExamples: string[];
    }[];
    path: string;
    sha256: string;
    ingestedAt: string;
    tables: string[];
  }[];
  tables: { table: ModelTable; rows: number; currentRows: number; description: string }[];
}

/**
 * What is loaded: each file with its vintage, coverage, rows per table and the repeats and
 * conflicts found in it, and each table's size.
 */
export async function storeStatus(store: Store): Promise<StoreStatus> {
  const current = Object.keys(TABLES)
    .map(
      (t) =>
        `SELECT source_file_id, count(*) FILTER (WHERE current AND set_aside IS NULL) AS n,
                ${(FACT_TABLES as readonly string[]).includes(t)} AS fact FROM ${t}_all GROUP BY 1`,
    )
    .join(' UNION ALL ');
  // A file's rows are its fact rows (the code-list rows a data file also gives are apart).
  const files = await store.conn.runAndReadAll(`
    WITH cur AS (
      SELECT source_file_id,
             CASE WHEN bool_or(fact) THEN sum(n) FILTER (WHERE fact) ELSE sum(n) END AS n
      FROM (${current}) GROUP BY 1)
    SELECT f.id, f.source, f.series, f.vintage, f.vintage_basis, f.period_from, f.period_to,
           f.rows, coalesce(cur.n, 0) AS current_rows, f.path, f.sha256,
           strftime(f.ingested_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS ingested_at, f.tables
    FROM source_file f LEFT JOIN cur ON cur.source_file_id = f.id
    ORDER BY f.source, f.series, f.vintage, f.id`);
  const byTable = await tableCounts(store);
  const tables = [];
  for (const [t, spec] of Object.entries(TABLES) as [ModelTable, (typeof TABLES)[ModelTable]][]) {
    const r = await store.conn.runAndReadAll(
      `SELECT count(*)::BIGINT, count(*) FILTER (WHERE current AND set_aside IS NULL)::BIGINT FROM ${t}_all`,
    );
    const [rows, cur] = r.getRowsJS()[0] ?? [0, 0];
    tables.push({
      table: t,
      rows: Number(rows),
      currentRows: Number(cur),
      description: spec.description,
    });
  }
  return {
    kind: 'store-status',
    database: store.path,
    files: files.getRowsJS().map((r) => {
      const parts = byTable.get(Number(r[0])) ?? [];
      const facts = parts.filter((p) => (FACT_TABLES as readonly string[]).includes(p.table));
      const values =
        parts.length === 0
          ? Number(r[7])
          : (facts.length > 0 ? facts : parts).reduce((a, p) => a + p.rows, 0);
      // source_file.rows is what the reader counted when it said (a wide file), else every
      // row stored over all tables; in that case the file's rows are its fact rows.
      const stated = Number(r[7]) !== parts.reduce((a, p) => a + p.rows, 0);
      return {
        id: Number(r[0]),
        source: String(r[1]),
        series: String(r[2]),
        vintage: String(r[3]),
        vintageBasis: String(r[4]),
        periodFrom: r[5] == null ? null : String(r[5]),
        periodTo: r[6] == null ? null : String(r[6]),
        rows: stated ? Number(r[7]) : values,
        values,
        currentRows: Number(r[8]),
        repeatedRows: parts.reduce((a, p) => a + p.repeatedRows, 0),
        conflicts: parts.reduce((a, p) => a + p.conflicts, 0),
        byTable: parts,
        path: String(r[9]),
        sha256: String(r[10]),
        ingestedAt: String(r[11]),
        tables:
          (r[12] as { items?: unknown[] } | unknown[] | null) instanceof Array
            ? (r[12] as unknown[]).map(String)
            : ((r[12] as { items?: unknown[] } | null)?.items ?? []).map(String),
      };
    }),
    tables,
  };
}

async function tableCounts(
  store: Store,
): Promise<Map<number, StoreStatus['files'][number]['byTable']>> {
  const r = await store.conn.runAndReadAll(
    `SELECT source_file_id, table_name, rows, repeated_rows, conflicts, conflict_examples
     FROM source_file_table ORDER BY source_file_id, table_name`,
  );
  const out = new Map<number, StoreStatus['files'][number]['byTable']>();
  for (const [id, table, rows, repeated, conflicts, examples] of r.getRowsJS()) {
    const list = out.get(Number(id)) ?? [];
    list.push({
      table: String(table),
      rows: Number(rows),
      repeatedRows: Number(repeated),
      conflicts: Number(conflicts),
      conflictExamples: (examples instanceof Array
        ? examples
        : ((examples as { items?: unknown[] } | null)?.items ?? [])
      ).map(String),
    });
    out.set(Number(id), list);
  }
  return out;
}
