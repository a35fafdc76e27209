import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { constants, createGunzip, gunzipSync } from 'node:zlib';
import type { FileSample } from './source.ts';

const HEAD_BYTES = 64 * 1024;

/** Reads the start of a file and classifies its container by magic bytes, not by name. */
export async function sampleFile(path: string): Promise<FileSample> {
  const { size } = await stat(path);
  const fh = await open(path, 'r');
  let raw: Buffer;
  let tail = '';
  try {
    const buf = Buffer.alloc(Math.min(HEAD_BYTES, size));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    raw = buf.subarray(0, bytesRead);
    if (classify(raw) === 'parquet') {
      const end = Buffer.alloc(Math.min(HEAD_BYTES, size));
      await fh.read(end, 0, end.length, size - end.length);
      tail = end.toString('latin1');
    }
  } finally {
    await fh.close();
  }
  const container = classify(raw);
  let text = '';
  if (container === 'text') text = raw.toString('utf8');
  if (container === 'gzip') text = await gunzipHead(raw);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.split(/\r?\n/).find((l) => !l.startsWith('#')) ?? '';
  return { path, name: basename(path), bytes: size, container, head: text, firstLine, tail };
}

/**
 * The same sample from a whole small file already in memory (`plain`: its content, decompressed
 * for gzip), so a file read once for its hash is not opened again to be recognised.
 */
export function sampleOf(path: string, raw: Buffer, plain: Buffer): FileSample {
  const container = classify(raw.subarray(0, HEAD_BYTES));
  let text = '';
  if (container === 'text' || container === 'gzip') {
    text = plain.subarray(0, HEAD_BYTES).toString('utf8');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.split(/\r?\n/).find((l) => !l.startsWith('#')) ?? '';
  return {
    path,
    name: basename(path),
    bytes: raw.length,
    container,
    head: text,
    firstLine,
    tail: '',
  };
}

export function classify(b: Buffer): FileSample['container'] {
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  if (b.subarray(0, 4).toString('latin1') === 'PK\u0003\u0004') return 'zip';
  if (b.subarray(0, 4).toString('hex') === 'd0cf11e0') return 'ole2';
  if (b.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
  if (b.subarray(0, 4).toString('latin1') === '%PDF') return 'pdf';
  // Text: no NUL bytes in the sample.
  return b.includes(0) ? 'binary' : 'text';
}

/** Decompresses what it can of a gzip prefix; a prefix is by nature incomplete. */
async function gunzipHead(raw: Buffer): Promise<string> {
  // In one synchronous call when the prefix is sound (thousands of small pulls are sampled);
  // a corrupt one goes through the stream, which keeps what came before the damage.
  try {
    const plain = gunzipSync(raw, { finishFlush: constants.Z_SYNC_FLUSH });
    return plain.subarray(0, HEAD_BYTES).toString('utf8');
  } catch {
    return gunzipHeadStream(raw);
  }
}

function gunzipHeadStream(raw: Buffer): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const gz = createGunzip();
    gz.on('data', (c: Buffer) => chunks.push(c));
    const done = () => resolve(Buffer.concat(chunks).subarray(0, HEAD_BYTES).toString('utf8'));
    gz.on('end', done);
    gz.on('error', done);
    gz.end(raw);
  });
}
