import { open, readFile } from 'node:fs/promises';
import { SyncError } from './sync-error.ts';

/** What a request expects back; the body is judged by its bytes, not only by its label. */
export type Expect = 'json' | 'csv' | 'zip' | 'html';

export interface HttpResponse {
  url: string;
  status: number;
  statusText: string;
  contentType: string;
  /** The Retry-After header, for 429 and 503. */
  retryAfter?: string;
  /**
   * The start of the body (up to 64 KiB): an error body's message, a 2xx body's first bytes.
   * A 2xx body is whole only in `file`.
   */
  body: Buffer;
  /** Bytes received (after any Content-Encoding was undone). */
  bytes: number;
  /** 2xx only: the whole body, streamed to disk; the caller moves or deletes it. */
  file?: string;
  /** 2xx only: SHA-256 of the whole body. */
  sha256?: string;
}

/**
 * A 2xx body that is not what the publisher sends when all is well. Proxies and overloaded
 * servers answer with HTML error pages and cut bodies short, so those are worth a retry; a
 * persistent one ends as a clear message.
 */
export async function checkBody(source: string, r: HttpResponse, expect: Expect): Promise<void> {
  const fault = (reason: string) => new SyncError(source, r.url, reason, true);
  const label = r.contentType || 'no Content-Type';
  if (r.bytes === 0) throw fault(`HTTP ${r.status} with an empty body (${label})`);
  const head = r.body
    .subarray(0, 2048)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (expect !== 'html' && /^<(!doctype html|html|head|body)\b/i.test(head)) {
    throw fault(
      `expected ${expect.toUpperCase()} but got an HTML page (${label}): ${htmlTitle(r.body)}`,
    );
  }
  const whole = async () => (r.file ? readFile(r.file) : r.body);
  if (expect === 'json') {
    try {
      JSON.parse((await whole()).toString('utf8'));
    } catch (e) {
      throw fault(
        `the JSON body is cut short or malformed (${r.bytes} bytes, ${label}): ${(e as Error).message}`,
      );
    }
  }
  if (expect === 'csv' && (await whole()).includes(0)) {
    throw fault(`expected CSV text but got binary data (${label})`);
  }
  if (expect === 'zip') {
    const magic = r.body.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004';
    const tail = await tailOf(r, 65_557);
    if (!magic) throw fault(`expected a ZIP file but got something else (${label})`);
    if (tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) < 0) {
      throw fault(
        `the ZIP file is cut short: no end-of-central-directory record (${r.bytes} bytes)`,
      );
    }
  }
}

/** The last `n` bytes of the body, read from its file without loading the rest. */
async function tailOf(r: HttpResponse, n: number): Promise<Buffer> {
  if (!r.file) return r.body.subarray(Math.max(0, r.body.length - n));
  const f = await open(r.file, 'r');
  try {
    const len = Math.min(n, r.bytes);
    const buf = Buffer.alloc(len);
    await f.read(buf, 0, len, r.bytes - len);
    return buf;
  } finally {
    await f.close();
  }
}

/** The page's title or first words, so "Service Unavailable" or "Invalid Key" reach the user. */
export function htmlTitle(body: Buffer): string {
  const text = body.subarray(0, 65_536).toString('utf8');
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const words = (title ?? text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  return JSON.stringify(words.slice(0, 160));
}

/** The start of a plain-text error body (Census answers a bad query with one line of text). */
export function bodyExcerpt(body: Buffer, contentType: string): string {
  const text = body.subarray(0, 4096).toString('utf8');
  if (/html/i.test(contentType) || /^\s*</.test(text)) return htmlTitle(body);
  return JSON.stringify(text.replace(/\s+/g, ' ').trim().slice(0, 300));
}
