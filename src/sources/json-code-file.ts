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
    const problem: Problem = {
      code: 'bad-structure',
      file: s.path,
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
