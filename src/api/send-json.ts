import type { z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { jsonText } from '../model/json-text.ts';

/** An answer typed as the JSON its route declares (what the client's type is built from). */
export type JsonAnswer<S extends z.ZodType> = Response &
  TypedResponse<JSONParsed<z.infer<S> & { integers: string }>, 200, 'json'>;

/**
 * A result as JSON (64-bit integers as strings and the `integers` note, by `jsonText`), typed as
 * the route's response schema `document(S)`. The body is not checked here at run time: that the result types match the
 * schemas is checked by the compiler (`response-types-check.ts`) and on real answers by the
 * contract test (test/api/contract.test.ts).
 */
export function sendJson<S extends z.ZodType>(
  c: Context,
  _schema: S,
  value: object,
): JsonAnswer<S> {
  return c.body(jsonText(value), 200, {
    'content-type': 'application/json; charset=utf-8',
  }) as unknown as JsonAnswer<S>;
}
