/**
 * The DuckDB type a published ClickHouse column was mapped from (`chType` in
 * publish-clickhouse.ts, read backwards), for the readers that copy published rows into an
 * in-memory DuckDB (`export --engine`, the tariff engine on ClickHouse). `Nullable(…)` is
 * unwrapped; `String` is VARCHAR (publish also stores instants as ISO text: a reader that
 * needs them as TIMESTAMPTZ knows which columns they are). Undefined: no exact DuckDB type.
 */
export function duckTypeOfPublished(chType: string): string | undefined {
  const inner = /^Nullable\((.*)\)$/.exec(chType)?.[1] ?? chType;
  return DUCK_TYPE[inner];
}

const DUCK_TYPE: Record<string, string> = {
  String: 'VARCHAR',
  Int64: 'BIGINT',
  Int32: 'INTEGER',
  Int16: 'SMALLINT',
  Float64: 'DOUBLE',
  // Publish writes only DuckDB BOOLEANs as UInt8 (18.16 has no boolean type).
  UInt8: 'BOOLEAN',
  Date: 'DATE',
  'Array(String)': 'VARCHAR[]',
};
