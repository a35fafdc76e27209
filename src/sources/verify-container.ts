import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { readFile } from 'node:fs/promises';
import { createGunzip, inflateRawSync } from 'node:zlib';
import { inputError } from '../model/input-error.ts';
import type { FileSample } from './source.ts';

/**
 * A truncated download must be named as such, not surface later as a puzzling parse error:
 * gzip is decompressed to the end; a zip must end with its central directory record and every
 * part must inflate; a Parquet file must end with its footer.
 */
export async function verifyContainer(sample: FileSample): Promise<void> {
  if (sample.container === 'gzip') {
    try {
      await pipeline(
        createReadStream(sample.path),
        createGunzip(),
        new Writable({ write: (_c, _e, cb) => cb() }),
      );
    } catch (e) {
      throw inputError({
        code: 'truncated',
        file: sample.path,
        message: `gzip file is truncated or corrupt (${(e as Error).message})`,
      });
    }
  }
  if (sample.container === 'parquet' && !sample.tail.endsWith('PAR1')) {
    throw inputError({
      code: 'truncated',
      file: sample.path,
      message:
        'Parquet file is truncated: it does not end with the PAR1 footer, the file is half-written',
    });
  }
  if (sample.container === 'zip') await verifyZip(sample);
}

/** Largest xlsx Frontera opens, by the sizes its parts inflate to (the bundle's largest: 25 MB). */
export const XLSX_MAX_INFLATED = 256 * 1024 * 1024;
/** Largest shared-strings part (the bundle's largest: 1.8 MB); the reader holds it all at once. */
export const XLSX_MAX_SHARED_STRINGS = 64 * 1024 * 1024;

/**
 * A zip must end with its central directory, and every part must inflate to exactly the size
 * the directory declares; the declared sizes are bounded before any spreadsheet reader sees the
 * file, so a small file that inflates to gigabytes is refused instead of exhausting memory.
 */
async function verifyZip(sample: FileSample): Promise<void> {
  const buf = await readFile(sample.path);
  const fail = (code: 'truncated' | 'unreadable', message: string, value?: string) =>
    inputError({ code, file: sample.path, message, value });
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  // End-of-central-directory record sits in the last 64 KiB of a whole zip.
  if (eocd < 0 || eocd < buf.length - 65_557) {
    throw fail(
      'truncated',
      'zip container (xlsx) is truncated: no end-of-central-directory record, the file is half-written',
    );
  }
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  let inflated = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) {
      throw fail('unreadable', 'the xlsx workbook is corrupt: its zip directory is damaged');
    }
    const method = buf.readUInt16LE(at + 10);
    const packed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const skip = nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    at += 46 + skip;
    inflated += size;
    if (size === 0xffffffff || inflated > XLSX_MAX_INFLATED) {
      throw fail(
        'unreadable',
        `the workbook's parts inflate to more than ${XLSX_MAX_INFLATED / 2 ** 20} MiB, more than any spreadsheet Frontera reads; refused before reading it`,
        name,
      );
    }
    if (/sharedStrings\.xml$/i.test(name) && size > XLSX_MAX_SHARED_STRINGS) {
      throw fail(
        'unreadable',
        `the workbook's shared-strings table inflates to ${(size / 2 ** 20).toFixed(0)} MiB, over the ${XLSX_MAX_SHARED_STRINGS / 2 ** 20} MiB Frontera reads`,
        name,
      );
    }
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) {
      throw fail('unreadable', 'the xlsx workbook is corrupt: a part is missing', name);
    }
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + packed);
    try {
      const out =
        method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(size, 1) + 1 });
      if (out.length !== size) throw new Error(`${out.length} bytes, ${size} declared`);
    } catch (e) {
      throw fail(
        'unreadable',
        `the xlsx workbook is corrupt: part ${name} does not inflate (${(e as Error).message})`,
        name,
      );
    }
  }
}
