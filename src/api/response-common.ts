import { z } from '@hono/zod-openapi';

/**
 * What every JSON answer is made of: 64-bit integers as decimal strings, the sources block,
 * the `integers` note `jsonText` adds, and the error body. The response schemas of
 * `*-responses.ts` are the contract: /openapi.json publishes them, the dashboard's types are
 * inferred from them (imported type-only, so these files import nothing but zod), and
 * `response-types-check.ts` fails the type check when a result type drifts from them.
 */

/**
 * A 64-bit integer (US dollars, counts) as JSON sends it: a decimal string. A named schema
 * that may be null is written `z.union([x, z.null()])`, not `x.nullable()`: the OpenAPI
 * generator drops (or mistypes) the null of a `$ref`, so /openapi.json would refuse real answers.
 */
export const int = z
  .string()
  .regex(/^-?\d+$/)
  .openapi('Int64', {
    description: 'a 64-bit integer (US dollars, counts) as a decimal string',
    example: '324377863297',
  });
export type Int = z.infer<typeof int>;

/** A 64-bit integer or null (a value not published, a change with no base). */
export const intOrNull = z.union([int, z.null()]);

/** A partner, port or product as answers name it: its code and its name. */
export const codeName = z.object({ code: z.string(), name: z.string() }).strict();

export const sourceRefSchema = z
  .object({
    source: z.string(),
    series: z.string(),
    vintage: z.string(),
    path: z.string(),
    sha256: z.string(),
    periods: z.string().nullable(),
  })
  .strict()
  .openapi('SourceRef');
export type SourceRef = z.infer<typeof sourceRefSchema>;

/** A result as `jsonText` writes it: the result's fields and the `integers` note. */
export const document = <T extends z.ZodRawShape>(schema: z.ZodObject<T>) =>
  schema.extend({ integers: z.string() }).strict();

/**
 * Every refusal: the status, a sentence, and what the client can do — the parameter at fault
 * and what it accepts (400), close candidates or the periods covered (404), the methods a path
 * takes (405), the limit passed (413).
 */
export const errorSchema = z
  .object({
    error: z
      .object({
        status: z.number().int(),
        message: z.string(),
        parameter: z.string().optional(),
        accepted: z.union([z.array(z.string()), z.string()]).optional(),
        what: z.string().optional(),
        asked: z.string().optional(),
        candidates: z.array(codeName).optional(),
        kind: z.enum(['not-covered', 'not-forecast']).optional(),
        allow: z.array(z.string()).optional(),
        found: z.number().optional(),
        limit: z.number().optional(),
        limitMs: z.number().optional(),
      })
      .strict(),
  })
  .strict()
  .openapi('Error');
export type ErrorBody = z.infer<typeof errorSchema>;

/** Any route's answer to a failure of its own: the error body, the cause in the server's log. */
export const internalError = {
  description: 'an internal error (the cause is in the server log, not the answer)',
  content: { 'application/json': { schema: errorSchema } },
};
