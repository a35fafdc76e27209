/**
 * A code (CBP crossing 230103, port 0109, a VARCHAR from SQL): printed as written, never
 * grouped into thousands or stripped of leading zeros, left-aligned.
 */
export class Code {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export function code(text: string | null | undefined): Code | null {
  return text === null || text === undefined ? null : new Code(text);
}

/** Plain-text table for terminals: right-aligns numbers, groups thousands in integers. */
export function formatTable(columns: string[], rows: unknown[][], maxWidth = 60): string {
  // Long labels (HS descriptions) are cut so the figures stay on screen; CSV and JSON keep them whole.
  const clip = (s: string) => (s.length > maxWidth ? `${s.slice(0, maxWidth - 1)}…` : s);
  const cells = rows.map((r) => r.map((v) => clip(show(v))));
  const numeric = columns.map(
    (_c, i) =>
      !rows.some((r) => r[i] instanceof Code) &&
      cells.every((r) => r[i] === '' || /^-?[\d,]+(\.\d+)?$/.test(r[i] ?? '')),
  );
  const widths = columns.map((c, i) =>
    Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)),
  );
  const line = (vals: string[]) =>
    vals
      .map((v, i) => (numeric[i] ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n');
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Code) return v.text;
  if (typeof v === 'bigint') return v.toLocaleString('en-US');
  // Group thousands from 10,000 up, so years (2022) print as years.
  if (typeof v === 'number')
    return Number.isInteger(v) && Math.abs(v) >= 10_000 ? v.toLocaleString('en-US') : String(v);
  if (typeof v === 'string' && /^-?\d{5,}$/.test(v)) return BigInt(v).toLocaleString('en-US');
  if (Array.isArray(v)) return v.map(show).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** RFC 4180 CSV. */
export function formatCsv(columns: string[], rows: unknown[][]): string {
  const esc = (v: unknown) => {
    const s =
      v === null || v === undefined
        ? ''
        : v instanceof Code
          ? v.text
          : typeof v === 'object'
            ? JSON.stringify(v)
            : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [columns, ...rows].map((r) => r.map(esc).join(',')).join('\n') + '\n';
}
