/**
 * A value written into ClickHouse SQL as a literal. ClickHouse 18.16 has no query
 * parameters, so user-supplied values are inlined here and only here: strings quoted with
 * every backslash and quote escaped (ClickHouse reads `\\` and `\'` inside '…'), numbers
 * only when finite, lists as arrays of those.
 */
export function chLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot write ${v} as a ClickHouse literal`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (Array.isArray(v)) return `[${v.map(chLiteral).join(', ')}]`;
  throw new Error(`cannot write a ${typeof v} as a ClickHouse literal`);
}

/** A ClickHouse identifier (table or database name from the model or the user), quoted. */
export function chName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a table name: ${name}`);
  return `\`${name}\``;
}
