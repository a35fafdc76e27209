import { rename, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isModelTable, TABLES } from '../model/tables.ts';
import { clickhouseOf } from './clickhouse-reader.ts';
import { chName } from './clickhouse-literal.ts';
import { duckTypeOfPublished } from './clickhouse-duck-type.ts';
import { DuckDBInstance, LIST, listValue, VARCHAR } from './duckdb.ts';
import type { Store } from './open-store.ts';
import { literal } from './sql-text.ts';

/** Columns publish stores as ISO text that are instants in the store (`chType` in publish). */
function timestampColumns(table: string): Set<string> {
  const base = table.replace(/_all$/, '');
  if (table === 'source_file') return new Set(['ingested_at']);
  if (!isModelTable(base)) return new Set();
  return new Set(
    Object.entries(TABLES[base].columns)
      .filter(([, t]) => t === 'TIMESTAMPTZ')
      .map(([c]) => c),
  );
}

/** ClickHouse's column type back to the DuckDB type publish mapped from (`chType`). */
function duckType(ch: string, instant: boolean): string {
  const d = duckTypeOfPublished(ch);
  if (!d) throw new Error(`a published column of type ${ch} has no DuckDB type export knows`);
  return d === 'VARCHAR' && instant ? 'TIMESTAMPTZ' : d;
}

/**
 * `frontera export --engine clickhouse://…`: a published table written to Parquet or CSV by
 * an in-memory DuckDB, each column back in the type the embedded store holds it in (doubles
 * read as their IEEE bits, instants from the ISO text publish stored), so every value is
 * written as the embedded export writes it. Rows are sorted by every column: the embedded
 * export keeps a table's load order, which ClickHouse does not keep, so a table's CSV holds
 * the same lines in another order (the views `source_file`, `partner`, `port_directory`,
 * sorted by every column in both, are the same bytes). Only what publish copies is there:
 * `<table>_all` only for trade_country_month and crossings.
 */
export async function exportClickHouseTable(
  store: Store,
  table: string,
  format: 'parquet' | 'csv',
  out: string,
): Promise<{ rows: number; path: string }> {
  const ch = clickhouseOf(store);
  if (!ch) throw new Error('not a ClickHouse store');
  let cols: { name: string; type: string }[];
  try {
    cols = (await ch.query(`DESCRIBE TABLE ${chName(table)}`)).data.map((r) => ({
      name: String(r.name),
      type: String(r.type),
    }));
  } catch {
    throw new Error(
      `${table} is not in the model published at ${ch.target.text} (publish copies each table's current rows, and every vintage only of trade_country_month and crossings); export it from the embedded store with --engine duckdb`,
    );
  }
  const instants = timestampColumns(table);
  const types = cols.map((c) => duckType(c.type, instants.has(c.name)));
  // The exact double: its bits (18.16 reinterprets a Float64 only through its bytes; the zero
  // bytes reinterpretAsString drops at the end are the ones reinterpretAsUInt64 pads back).
  const select = cols
    .map((c, i) => {
      if (types[i] !== 'DOUBLE') return chName(c.name);
      const bits = (x: string) => `reinterpretAsUInt64(reinterpretAsString(${x}))`;
      return c.type.startsWith('Nullable(')
        ? `if(isNull(${chName(c.name)}), NULL, ${bits(`assumeNotNull(${chName(c.name)})`)}) AS ${chName(c.name)}`
        : `${bits(chName(c.name))} AS ${chName(c.name)}`;
    })
    .join(', ');
  const { data } = await ch.query(`SELECT ${select} FROM ${chName(table)}`);

  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  const target = resolve(out);
  const tmp = `${target}.partial-${process.pid}`;
  try {
    // Staged as text, whole numbers, doubles, booleans and lists, then cast by column.
    const stage = types.map((t) =>
      t === 'DATE' || t === 'TIMESTAMPTZ'
        ? 'VARCHAR'
        : t === 'INTEGER' || t === 'SMALLINT'
          ? 'BIGINT'
          : t,
    );
    const q = (n: string) => `"${n.replaceAll('"', '""')}"`;
    await conn.run(
      `CREATE TABLE stage (${cols.map((c, i) => `${q(c.name)} ${stage[i]}`).join(', ')})`,
    );
    const app = await conn.createAppender('stage');
    const bits = Buffer.alloc(8);
    for (const row of data) {
      cols.forEach((c, i) => {
        const v = row[c.name];
        if (v === null || v === undefined) return app.appendNull();
        switch (stage[i]) {
          case 'BIGINT':
            return app.appendBigInt(BigInt(v as string | number));
          case 'DOUBLE':
            bits.writeBigUInt64LE(BigInt(v as string));
            return app.appendDouble(bits.readDoubleLE());
          case 'BOOLEAN':
            return app.appendBoolean(Number(v) === 1);
          case 'VARCHAR[]':
            return app.appendList(listValue((v as unknown[]).map(String)), LIST(VARCHAR));
          default:
            return app.appendVarchar(String(v));
        }
      });
      app.endRow();
    }
    app.closeSync();
    await conn.run(
      `CREATE TABLE ${q(table)} AS SELECT ${cols.map((c, i) => `CAST(${q(c.name)} AS ${types[i]}) AS ${q(c.name)}`).join(', ')} FROM stage`,
    );
    const options =
      format === 'parquet' ? 'FORMAT parquet, COMPRESSION zstd' : 'FORMAT csv, HEADER true';
    const r = await conn.runAndReadAll(
      `COPY (SELECT * FROM ${q(table)} ORDER BY ALL) TO ${literal(tmp)} (${options})`,
    );
    await rename(tmp, target);
    return { rows: Number(r.getRowsJS()[0]?.[0] ?? 0), path: target };
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}
