import { TABLES, type ModelTable } from '../model/tables.ts';
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
    rows: number;
    /** Rows of this file that default queries see (0 when fully superseded). */
    currentRows: number;
    path: string;
    sha256: string;
    ingestedAt: string;
    tables: string[];
  }[];
  tables: { table: ModelTable; rows: number; currentRows: number; description: string }[];
}

/** What is loaded: each file with its vintage and coverage, and each table's size. */
export async function storeStatus(store: Store): Promise<StoreStatus> {
  const current = Object.keys(TABLES)
    .map(
      (t) => `SELECT source_file_id, count(*) FILTER (WHERE current) AS n FROM ${t}_all GROUP BY 1`,
    )
    .join(' UNION ALL ');
  const files = await store.conn.runAndReadAll(`
    WITH cur AS (SELECT source_file_id, sum(n) AS n FROM (${current}) GROUP BY 1)
    SELECT f.id, f.source, f.series, f.vintage, f.vintage_basis, f.period_from, f.period_to,
           f.rows, coalesce(cur.n, 0) AS current_rows, f.path, f.sha256,
           strftime(f.ingested_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS ingested_at, f.tables
    FROM source_file f LEFT JOIN cur ON cur.source_file_id = f.id
    ORDER BY f.source, f.series, f.vintage, f.id`);
  const tables = [];
  for (const [t, spec] of Object.entries(TABLES) as [ModelTable, (typeof TABLES)[ModelTable]][]) {
    const r = await store.conn.runAndReadAll(
      `SELECT count(*)::BIGINT, count(*) FILTER (WHERE current)::BIGINT FROM ${t}_all`,
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
    files: files.getRowsJS().map((r) => ({
      id: Number(r[0]),
      source: String(r[1]),
      series: String(r[2]),
      vintage: String(r[3]),
      vintageBasis: String(r[4]),
      periodFrom: r[5] == null ? null : String(r[5]),
      periodTo: r[6] == null ? null : String(r[6]),
      rows: Number(r[7]),
      currentRows: Number(r[8]),
      path: String(r[9]),
      sha256: String(r[10]),
      ingestedAt: String(r[11]),
      tables:
        (r[12] as { items?: unknown[] } | unknown[] | null) instanceof Array
          ? (r[12] as unknown[]).map(String)
          : ((r[12] as { items?: unknown[] } | null)?.items ?? []).map(String),
    })),
    tables,
  };
}
