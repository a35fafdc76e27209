import type { DuckDBConnection } from '@duckdb/node-api';
import { TABLES, type ModelTable } from '../model/tables.ts';
import { applyPrecedence } from './apply-precedence.ts';
import { settleRepeats } from './settle-repeats.ts';
import { literal } from './sql-text.ts';

/**
 * Raised whenever stored rows change meaning, so that a database made before is brought up to
 * date by `frontera ingest` and refused by read commands until then. 2: repeated rows settled
 * per file (`set_aside`, `source_file_table`), one source per measurement in default views.
 * 3: CBP's historical averages (`wait_time_average`). 4: the chapter 99 text, HTS footnotes,
 * the 2020 China table and exclusion claim shares (`chapter99_provision` and others).
 * 5: Spanish product names from the EU Combined Nomenclature (`hs_product_name`).
 */
export const SCHEMA_VERSION = 5;

/**
 * Each model table is stored with every vintage as `<table>_all`, and shown as `<table>`: a
 * view of the rows of the current vintage, which is what analysts and default queries see —
 * less the rows set aside (a file's conflicting repeat that lost, or a measurement another
 * source states with precedence).
 */
export async function createSchema(conn: DuckDBConnection): Promise<void> {
  await conn.run(`
    CREATE SEQUENCE IF NOT EXISTS source_file_seq START 1;
    CREATE TABLE IF NOT EXISTS source_file (
      id INTEGER PRIMARY KEY,
      source VARCHAR NOT NULL,
      series VARCHAR NOT NULL,
      path VARCHAR NOT NULL,
      sha256 VARCHAR NOT NULL UNIQUE,
      bytes BIGINT NOT NULL,
      vintage VARCHAR NOT NULL,
      vintage_basis VARCHAR NOT NULL,
      period_from VARCHAR,
      period_to VARCHAR,
      tables VARCHAR[] NOT NULL,
      rows BIGINT NOT NULL,
      notes VARCHAR[] NOT NULL,
      ingested_at TIMESTAMPTZ NOT NULL
    );
    -- What each file stated per table: rows read, rows repeated whole (counted once) and keys
    -- stated twice with different values (conflicts, settled by one rule).
    CREATE TABLE IF NOT EXISTS source_file_table (
      source_file_id INTEGER NOT NULL,
      table_name VARCHAR NOT NULL,
      rows BIGINT NOT NULL,
      repeated_rows BIGINT NOT NULL,
      conflicts BIGINT NOT NULL,
      conflict_examples VARCHAR[] NOT NULL,
      PRIMARY KEY (source_file_id, table_name)
    );
    CREATE TABLE IF NOT EXISTS frontera_schema (version INTEGER NOT NULL);
    -- Each path's size, times and inode when its bytes were hashed (file-stamps.ts): a re-run
    -- finds an unchanged file with a stat instead of reading it again.
    CREATE TABLE IF NOT EXISTS file_stamp (
      path VARCHAR NOT NULL,
      sha256 VARCHAR NOT NULL,
      bytes BIGINT NOT NULL,
      mtime_ms DOUBLE NOT NULL,
      ctime_ms DOUBLE NOT NULL,
      inode DOUBLE NOT NULL
    );`);
  // The columns every stored table has now, read once: information_schema.columns binds every
  // table and view, so asking it once per table made opening a store cost a sixth of a second.
  const existing = await storedColumns(conn);
  for (const [name, spec] of Object.entries(TABLES) as [
    ModelTable,
    (typeof TABLES)[ModelTable],
  ][]) {
    const cols = Object.entries(spec.columns)
      .map(([c, t]) => `${c} ${t}`)
      .join(', ');
    await conn.run(
      `CREATE TABLE IF NOT EXISTS ${name}_all (source_file_id INTEGER NOT NULL, ${cols}, current BOOLEAN NOT NULL DEFAULT true, set_aside VARCHAR)`,
    );
    const added = await addMissingColumns(conn, name, existing.get(`${name}_all`), {
      ...spec.columns,
      set_aside: 'VARCHAR',
    });
    if (name === 'wait_times' && added.includes('snapshot_at')) await forgetWaitTimes(conn);
    await conn.run(
      `CREATE OR REPLACE VIEW ${name} AS SELECT * EXCLUDE (current, set_aside) FROM ${name}_all WHERE current AND set_aside IS NULL`,
    );
  }
  await createSyncTables(conn);
  await createConvenienceViews(conn);
  await upgradeRows(conn);
}

/** The schema version a database was last brought up to (0: before versions were recorded). */
export async function schemaVersion(conn: DuckDBConnection): Promise<number> {
  const has = await conn.runAndReadAll(
    `SELECT count(*) FROM information_schema.tables WHERE table_name = 'frontera_schema'`,
  );
  if (Number(has.getRowsJS()[0]?.[0] ?? 0) === 0) return 0;
  const r = await conn.runAndReadAll(`SELECT coalesce(max(version), 0) FROM frontera_schema`);
  return Number(r.getRowsJS()[0]?.[0] ?? 0);
}

/**
 * Rows loaded by an older Frontera were never checked for repeats: settle every file's rows
 * now, as a fresh load would have, so `ingest` (which skips unchanged files) fixes them.
 */
async function upgradeRows(conn: DuckDBConnection): Promise<void> {
  if ((await schemaVersion(conn)) >= SCHEMA_VERSION) return;
  await conn.run('BEGIN TRANSACTION');
  try {
    const files = await conn.runAndReadAll(
      `SELECT id, tables FROM source_file
       WHERE id NOT IN (SELECT source_file_id FROM source_file_table) ORDER BY id`,
    );
    for (const [id, tables] of files.getRowsJS()) {
      const names = listOf(tables).filter((t): t is ModelTable => t in TABLES);
      const { notes } = await settleRepeats(conn, Number(id), names);
      if (notes.length > 0) {
        await conn.run(
          `UPDATE source_file SET notes = list_concat(notes, [${notes.map(literal).join(', ')}]::VARCHAR[])
           WHERE id = ${Number(id)}`,
        );
      }
    }
    for (const t of Object.keys(TABLES) as ModelTable[]) await applyPrecedence(conn, t);
    await conn.run(
      `DELETE FROM frontera_schema; INSERT INTO frontera_schema VALUES (${SCHEMA_VERSION})`,
    );
    await conn.run('COMMIT');
  } catch (e) {
    await conn.run('ROLLBACK');
    throw e;
  }
}

function listOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  const items = (v as { items?: unknown[] } | null)?.items;
  return (items ?? []).map(String);
}

/** Each `<table>_all` table's columns, by table name. */
async function storedColumns(conn: DuckDBConnection): Promise<Map<string, Set<string>>> {
  const r = await conn.runAndReadAll(
    `SELECT table_name, column_name FROM information_schema.columns WHERE ends_with(table_name, '_all')`,
  );
  const out = new Map<string, Set<string>>();
  for (const [t, c] of r.getRowsJS()) {
    const cols = out.get(String(t)) ?? new Set<string>();
    cols.add(String(c));
    out.set(String(t), cols);
  }
  return out;
}

/**
 * A database made before a column was added to the model gains it (empty for older rows).
 * `have`: the table's columns before this open; none when it was created just now, with every
 * column.
 */
async function addMissingColumns(
  conn: DuckDBConnection,
  table: ModelTable,
  have: Set<string> | undefined,
  columns: Record<string, string>,
): Promise<string[]> {
  if (!have) return [];
  const added: string[] = [];
  for (const [c, t] of Object.entries(columns)) {
    if (have.has(c)) continue;
    await conn.run(`ALTER TABLE ${table}_all ADD COLUMN ${c} ${t}`);
    added.push(c);
  }
  return added;
}

/**
 * Wait times loaded before readings carried their snapshot were stamped on the wrong clock
 * (the RSS "EST" taken literally, readings placed after their feed): they are dropped with
 * their files' provenance, so the next ingest reads those files again instead of finding them
 * unchanged.
 */
async function forgetWaitTimes(conn: DuckDBConnection): Promise<void> {
  await conn.run(`
    DELETE FROM source_file WHERE id IN (SELECT DISTINCT source_file_id FROM wait_times_all);
    DELETE FROM wait_times_all;`);
}

/**
 * What `frontera sync` remembers between runs: which response each request returned (so a
 * re-run reuses the cached body instead of downloading it again) and how many calls each
 * source took per day (the Census API allows about 500 a day without a key).
 */
async function createSyncTables(conn: DuckDBConnection): Promise<void> {
  await conn.run(`
    CREATE TABLE IF NOT EXISTS sync_request (
      request_key VARCHAR PRIMARY KEY,
      source VARCHAR NOT NULL,
      url VARCHAR NOT NULL,
      outcome VARCHAR NOT NULL,
      sha256 VARCHAR,
      bytes BIGINT,
      content_type VARCHAR,
      fetched_at TIMESTAMPTZ NOT NULL
    );
    CREATE TABLE IF NOT EXISTS sync_call (
      source VARCHAR NOT NULL,
      day DATE NOT NULL,
      calls INTEGER NOT NULL,
      PRIMARY KEY (source, day)
    );`);
}

/** Joins across code lists that analysts would otherwise rebuild by hand. */
async function createConvenienceViews(conn: DuckDBConnection): Promise<void> {
  // Partners: Census codes with ISO-3 (through ISO alpha-2) and Spanish names. Codes below
  // 1000 are Census aggregates (world, EU, USMCA …), never countries.
  await conn.run(`
    CREATE OR REPLACE VIEW partner AS
    WITH codes AS (
      SELECT partner_code, name FROM census_partner
      UNION ALL
      SELECT partner_code, name FROM census_partner_aggregate
      WHERE partner_code NOT IN (SELECT partner_code FROM census_partner)
    )
    SELECT c.partner_code, c.name, cp.iso2, co.iso3, co.name_es,
           c.partner_code < '1000' AS is_aggregate
    FROM codes c
    LEFT JOIN census_partner cp USING (partner_code)
    LEFT JOIN country co ON co.iso2 = cp.iso2`);
  // Ports: Schedule D names and districts, coordinates from BTS where it publishes them.
  await conn.run(`
    CREATE OR REPLACE VIEW port_directory AS
    WITH crossing_geo AS (
      SELECT port_code, any_value(port_name) AS crossing_name, any_value(state) AS crossing_state,
             any_value(border) AS border
      FROM crossings GROUP BY port_code
    ), geo AS (
      -- Two files may place a port (BTS crossings rounded to 3 decimals, the coordinates file
      -- to 6): one point whole, from the first file loaded, never a latitude of one and a
      -- longitude of the other, nor a different one from run to run as any_value would.
      SELECT port_code, arg_min(latitude, (source_file_id, latitude, longitude)) AS latitude,
             arg_min(longitude, (source_file_id, latitude, longitude)) AS longitude,
             arg_min(border, (source_file_id, latitude, longitude)) AS border
      FROM port WHERE latitude IS NOT NULL GROUP BY port_code
    ), named AS (
      SELECT port_code, any_value(name) AS name, any_value(district) AS district,
             any_value(state) AS state
      FROM port WHERE name IS NOT NULL AND district IS NOT NULL GROUP BY port_code
    ), codes AS (
      SELECT port_code FROM named UNION SELECT port_code FROM crossing_geo
      UNION SELECT port_code FROM geo
    )
    SELECT c.port_code, coalesce(n.name, cg.crossing_name) AS name, n.district,
           coalesce(n.state, cg.crossing_state) AS state, coalesce(cg.border, g.border) AS border,
           g.latitude, g.longitude
    FROM codes c LEFT JOIN named n USING (port_code) LEFT JOIN crossing_geo cg USING (port_code)
    LEFT JOIN geo g USING (port_code)`);
  // CBP crossings and the Schedule D ports they belong to, built once from what is loaded. CBP
  // numbers a crossing with six characters, port + crossing (230401: Laredo, Bridge I); a few
  // numbers are not Schedule D ports (535501 is Brownsville, 2301; L01901 is Madawaska, 0109),
  // and those are matched by CBP's port name when exactly one port has that name.
  await conn.run(`
    CREATE OR REPLACE VIEW cbp_crossing AS
    WITH seen AS (
      SELECT port_number, arg_max(port_name, observed_at) AS port_name,
             arg_max(crossing_name, observed_at) AS crossing_name,
             arg_max(border, observed_at) AS border, count(*) AS readings,
             min(observed_at) AS first_observed, max(observed_at) AS last_observed,
             max(observed_at) FILTER (WHERE delay_minutes IS NOT NULL) AS last_wait
      FROM wait_times WHERE port_number IS NOT NULL GROUP BY port_number
    ), codes AS (
      SELECT DISTINCT port_code FROM port_directory
    ), named AS (
      SELECT lower(trim(name)) AS name, min(port_code) AS port_code FROM port_directory
      WHERE name IS NOT NULL GROUP BY 1 HAVING count(DISTINCT port_code) = 1
    )
    SELECT s.port_number, s.port_name, s.crossing_name, s.border,
           coalesce(c.port_code, n.port_code) AS port_code,
           CASE WHEN c.port_code IS NOT NULL THEN 'number'
                WHEN n.port_code IS NOT NULL THEN 'port name' END AS matched_by,
           s.readings, s.first_observed, s.last_observed, s.last_wait
    FROM seen s LEFT JOIN codes c ON c.port_code = left(s.port_number, 4)
    LEFT JOIN named n ON n.name = lower(trim(s.port_name))`);
}
