import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { inputError } from '../model/input-error.ts';
import type { FileSample } from './source.ts';

/**
 * A truncated download must be named as such, not surface later as a puzzling parse error:
 * gzip is decompressed to the end; a zip must end with its central directory record.
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
  if (sample.container === 'zip') {
    const { open } = await import('node:fs/promises');
    const fh = await open(sample.path, 'r');
    try {
      const len = Math.min(sample.bytes, 65_557);
      const buf = Buffer.alloc(len);
      await fh.read(buf, 0, len, sample.bytes - len);
      // End-of-central-directory signature PK\x05\x06 sits in the last 64 KiB of a whole zip.
      if (buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) < 0) {
        throw inputError({
          code: 'truncated',
          file: sample.path,
          message:
            'zip container (xlsx) is truncated: no end-of-central-directory record, the file is half-written',
        });
      }
    } finally {
      await fh.close();
    }
  }
}
