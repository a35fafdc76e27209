import { readFile } from 'node:fs/promises';
import type { Problem } from '../model/problem.ts';
import type { FileSample } from './source.ts';

/** A whole small JSON file, or the problem that says why it is not one. */
export async function readJsonObject(
  s: FileSample,
): Promise<{ text: string; value: Record<string, unknown>; problems: Problem[] }> {
  const text = (await readFile(s.path, 'utf8')).replace(/^\uFEFF/, '');
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      return { text, value: value as Record<string, unknown>, problems: [] };
    }
  } catch (e) {
    // V8 says where parsing stopped ("… at position 24415"): name the line and what is there.
    const at = Number(/position (\d+)/.exec((e as Error).message)?.[1] ?? NaN);
    const where = Number.isNaN(at)
      ? {}
      : {
          line: text.slice(0, at).split('\n').length,
          value: `at position ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 30), at + 10))}`,
        };
    const problem: Problem = {
      code: 'bad-structure',
      file: s.path,
      ...where,
      message: `not valid JSON: ${(e as Error).message}`,
    };
    return { text, value: {}, problems: [problem] };
  }
  const problem: Problem = {
    code: 'bad-structure',
    file: s.path,
    message: 'expected a JSON object keyed by code',
  };
  return { text, value: {}, problems: [problem] };
}

/** The head parsed as a JSON object when the whole file fits in it (code lists are small). */
export function smallJsonObject(s: FileSample): Record<string, unknown> | undefined {
  if (s.container !== 'text' || s.bytes > Buffer.byteLength(s.head) + 3) return undefined;
  try {
    const v: unknown = JSON.parse(s.head);
    return v && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** JSON has no rows; the line where a key is written is what a person can go and look at. */
export function lineOfKey(text: string, key: string): number | undefined {
  const at = text.indexOf(JSON.stringify(key));
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}
