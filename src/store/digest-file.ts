import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import { inputError } from '../model/input-error.ts';
import { classify, sampleOf } from '../sources/sample-file.ts';
import type { FileSample } from '../sources/source.ts';

/**
 * Longest line a CSV scan accepts. A file with a line over DuckDB's default limit is read with
 * a larger one; one read at the default is checked to have lost no line (load-scan.ts).
 */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/** What identifies the exact bytes that were read, and what they say about lines and text. */
export interface FileDigest {
  sha256: string;
  bytes: number;
  /** The file's identity when the read began; `assertUnchanged` compares against it. */
  stamp: FileStamp;
  /** Text and gzip-of-text only: the longest line (bytes, without its break) and where. */
  longestLine: { line: number; bytes: number };
  /**
   * Text and gzip-of-text only: lines holding at least one byte. A CSV reader that staged every
   * one of them as a row (or a header) dropped none (load-scan.ts).
   */
  filledLines?: number;
  /** Text and gzip-of-text only: where the first byte that is not UTF-8 sits, if any. */
  badUtf8?: { line: number; value: string };
  /** A small text or gzip file's whole content, decompressed: the bytes hashed, to parse. */
  plain?: Buffer;
}

/** Text and gzip files up to this size are read into memory once: hashed, measured, parsed. */
export const SMALL_FILE_BYTES = 8 * 1024 * 1024;

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

/**
 * Reads the file once, start to end: hashes the raw bytes and, for text (decompressed for
 * gzip), checks the encoding and measures the lines. The hash names these exact bytes only if
 * the file did not change while it was read, so the stamp taken before is compared after the
 * read here and again by the caller just before it commits.
 */
export async function digestFile(sample: FileSample): Promise<FileDigest> {
  const before = await stampOf(sample.path);
  const text = sample.container === 'text' || sample.container === 'gzip';
  if (text && before.size <= SMALL_FILE_BYTES) return digestSmall(sample, before);
  const hash = createHash('sha256');
  const lines = new LineMeter();
  let bytes = 0;
  const raw = createReadStream(sample.path);
  const plain = sample.container === 'gzip' ? raw.pipe(createGunzip()) : raw;
  if (plain !== raw) raw.on('error', (e) => plain.destroy(e));
  raw.on('data', (c: Buffer | string) => {
    hash.update(c);
    bytes += c.length;
  });
  try {
    for await (const chunk of plain) if (text) lines.push(chunk as Buffer);
  } catch (e) {
    if (sample.container !== 'gzip') throw e;
    throw inputError({
      code: 'truncated',
      file: sample.path,
      message: `gzip file is truncated or corrupt (${(e as Error).message})`,
    });
  }
  if (text) lines.end();
  const digest: FileDigest = {
    sha256: hash.digest('hex'),
    bytes,
    stamp: before,
    longestLine: lines.longest,
    filledLines: text ? lines.filled : undefined,
    badUtf8: lines.badUtf8,
  };
  if (bytes !== before.size) throw changed(sample.path, before.size, bytes);
  await assertUnchanged(sample.path, digest);
  return digest;
}

/** The same, from one read into memory; the decompressed bytes are kept for the reader. */
async function digestSmall(sample: FileSample, before: FileStamp): Promise<FileDigest> {
  const raw = await readFile(sample.path);
  return digestBytes(sample.path, raw, plainOf(sample.path, raw, sample.container), before);
}

/**
 * A small text or gzip file read once: its sample (to recognise it) and digest (to hash, check
 * and parse it) from the same bytes. Undefined for a larger file or another container, which
 * take `sampleFile` and `digestFile`.
 */
export async function readSmallFile(
  path: string,
): Promise<{ sample: FileSample; digest: FileDigest } | undefined> {
  const before = await stampOf(path);
  if (before.size > SMALL_FILE_BYTES) return undefined;
  const raw = await readFile(path);
  const container = classify(raw.subarray(0, 64 * 1024));
  if (container !== 'gzip' && container !== 'text') return undefined;
  const plain = plainOf(path, raw, container);
  const sample = sampleOf(path, raw, plain);
  return { sample, digest: await digestBytes(path, raw, plain, before) };
}

function plainOf(path: string, raw: Buffer, container: FileSample['container']): Buffer {
  if (container !== 'gzip') return raw;
  try {
    return gunzipSync(raw);
  } catch (e) {
    throw inputError({
      code: 'truncated',
      file: path,
      message: `gzip file is truncated or corrupt (${(e as Error).message})`,
    });
  }
}

async function digestBytes(
  path: string,
  raw: Buffer,
  plain: Buffer,
  before: FileStamp,
): Promise<FileDigest> {
  const lines = new LineMeter();
  lines.push(plain);
  lines.end();
  const digest: FileDigest = {
    sha256: createHash('sha256').update(raw).digest('hex'),
    bytes: raw.length,
    stamp: before,
    longestLine: lines.longest,
    filledLines: lines.filled,
    badUtf8: lines.badUtf8,
    plain,
  };
  if (raw.length !== before.size) throw changed(path, before.size, raw.length);
  await assertUnchanged(path, digest);
  return digest;
}

/** Refuses a file whose size, times or inode differ from when it was hashed. */
export async function assertUnchanged(path: string, digest: FileDigest): Promise<void> {
  const now = await stampOf(path).catch(() => undefined);
  const was = digest.stamp;
  if (
    !now ||
    now.size !== was.size ||
    now.mtimeMs !== was.mtimeMs ||
    now.ctimeMs !== was.ctimeMs ||
    now.ino !== was.ino
  ) {
    throw changed(path, was.size, now?.size);
  }
}

function changed(path: string, was: number, now: number | undefined) {
  return inputError({
    code: 'file-changed',
    file: path,
    value: now === undefined ? 'deleted' : `${was} → ${now} bytes`,
    message:
      'the file changed while it was being read (another program is writing it); nothing was stored — load it again once it is complete',
  });
}

export async function stampOf(path: string): Promise<FileStamp> {
  const s = await stat(path);
  return { size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino };
}

/** Counts lines and checks UTF-8 across chunk boundaries without holding the text. */
class LineMeter {
  longest = { line: 1, bytes: 0 };
  filled = 0;
  badUtf8: { line: number; value: string } | undefined;
  private line = 1;
  private current = 0;
  private carry: Buffer = Buffer.alloc(0);

  push(chunk: Buffer) {
    this.checkUtf8(chunk);
    let from = 0;
    for (let i = chunk.indexOf(10, from); i >= 0; i = chunk.indexOf(10, from)) {
      this.endLine(this.current + i - from - (i > 0 && chunk[i - 1] === 13 ? 1 : 0));
      this.current = 0;
      from = i + 1;
    }
    this.current += chunk.length - from;
  }

  end() {
    if (this.current > 0) this.endLine(this.current);
    if (this.carry.length > 0 && !this.badUtf8) {
      this.badUtf8 = { line: this.line, value: hex(this.carry) };
    }
  }

  private endLine(bytes: number) {
    if (bytes > this.longest.bytes) this.longest = { line: this.line, bytes };
    if (bytes > 0) this.filled++;
    this.line++;
  }

  private checkUtf8(chunk: Buffer) {
    if (this.badUtf8) return;
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    // A character may straddle two chunks: hold back an incomplete last sequence.
    let cut = buf.length;
    for (let k = 1; k <= 3 && k <= buf.length; k++) {
      const b = buf[buf.length - k]!;
      if ((b & 0xc0) === 0x80) continue;
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (need > k) cut = buf.length - k;
      break;
    }
    const whole = buf.subarray(0, cut);
    this.carry = Buffer.from(buf.subarray(cut));
    if (isUtf8(whole)) return;
    const at = firstInvalid(whole);
    // Lines before the bad byte: those already counted plus breaks in this chunk before it.
    const before = whole.subarray(0, at);
    let line = this.line;
    for (let i = before.indexOf(10); i >= 0; i = before.indexOf(10, i + 1)) line++;
    const start = before.lastIndexOf(10) + 1;
    const context = whole.subarray(Math.max(start, at - 40), Math.min(whole.length, at + 40));
    this.badUtf8 = {
      line,
      value: `${context.toString('latin1')} (byte ${hex(whole.subarray(at, at + 1))})`,
    };
  }
}

function hex(b: Buffer): string {
  return [...b].map((x) => `0x${x.toString(16).padStart(2, '0')}`).join(' ');
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalid(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n =
      c < 0x80
        ? 1
        : c >= 0xc2 && c < 0xe0
          ? 2
          : c >= 0xe0 && c < 0xf0
            ? 3
            : c >= 0xf0 && c < 0xf5
              ? 4
              : 0;
    if (n === 0 || i + n > b.length) return i;
    if (!isUtf8(b.subarray(i, i + n))) return i;
    i += n;
  }
  return b.length;
}
