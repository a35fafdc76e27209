import { UsageError } from './cli-context.ts';

/** Loose command-line text to strict values, with errors that name the option. */
export function intOption(
  name: string,
  v: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new UsageError(
      `${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(v)}`,
    );
  }
  return Number(v);
}

export function yearsOption(v: string | undefined): { from: number; to: number } | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(v);
  if (!m)
    throw new UsageError(`--years must look like 2015-2022 or 2022, not ${JSON.stringify(v)}`);
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  if (from > to) throw new UsageError(`--years ${v}: the first year is after the last`);
  return { from, to };
}

export function monthOption(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v))
    throw new UsageError(`--month must look like 2015-01, not ${JSON.stringify(v)}`);
  return v;
}
