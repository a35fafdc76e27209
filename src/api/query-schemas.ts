import { z } from '@hono/zod-openapi';

/**
 * Request parameters, validated at the edge; the same schemas generate /openapi.json. Bounds
 * keep every request cheap: names up to 100 characters, limits up to 1,000 rows.
 */
export const name = (param: string, example: string) =>
  z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: param, in: 'path' }, example });

export const year = z.coerce
  .number()
  .int()
  .min(1985)
  .max(2100)
  .optional()
  .openapi({ description: 'calendar year (default: latest complete year)', example: 2022 });

export const limit = z.coerce.number().int().min(1).max(1000).default(10).openapi({ example: 10 });

export const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2015-01')
  .optional()
  .openapi({ example: '2015-01' });

export const years = z
  .string()
  .regex(/^\d{4}(-\d{4})?$/, 'years like 2013-2022')
  .optional()
  .openapi({ example: '2013-2022' });

export const metric = z.enum(['exports', 'imports', 'two-way', 'balance']);
export const tbFlow = z.enum(['export', 'import_general']).optional();
export const border = z.enum(['mexico', 'canada']).optional();
export const format = z
  .enum(['json', 'csv', 'parquet'])
  .default('json')
  .openapi({ description: 'json (dollars as exact strings), or the main table as csv or parquet' });

export const partnerList = z
  .string()
  .min(1)
  .max(400)
  .openapi({ description: 'comma-separated partners, 2 to 10', example: 'mexico,canada' });

export function parseYears(v: string | undefined): { from: number; to: number } | undefined {
  if (!v) return undefined;
  const [a, b] = v.split('-').map(Number);
  return { from: a!, to: b ?? a! };
}
