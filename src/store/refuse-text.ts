import type { FileExtract } from '../model/extract.ts';
import { inputError } from '../model/input-error.ts';
import type { FileSample } from '../sources/source.ts';
import { MAX_LINE_BYTES, type FileDigest } from './digest-file.ts';

/**
 * Every text format Frontera reads is UTF-8 (the bundle's are, and the publishers' are
 * documented so): a Latin-1 byte is refused with its line, never stored as U+FFFD nor handed
 * to DuckDB, whose CSV reader fails on it with an internal error.
 */
export function refuseBadText(sample: FileSample, digest: FileDigest): void {
  if (!digest.badUtf8) return;
  throw inputError({
    code: 'bad-encoding',
    file: sample.path,
    line: digest.badUtf8.line,
    value: digest.badUtf8.value,
    message:
      'not UTF-8 text (a Latin-1 or Windows-1252 byte?); save the file as UTF-8 and load it again',
  });
}

/**
 * DuckDB's CSV reader skips a line longer than its buffer without a word; a line longer than
 * the limit is refused here instead, so every line is parsed or the file is refused.
 */
export function refuseLongLines(sample: FileSample, digest: FileDigest, fx: FileExtract): void {
  if (!fx.extracts.some((x) => x.kind === 'csv-scan')) return;
  const { line, bytes } = digest.longestLine;
  if (bytes <= MAX_LINE_BYTES) return;
  throw inputError({
    code: 'line-too-long',
    file: sample.path,
    line,
    value: `${bytes.toLocaleString('en-US')} bytes`,
    message: `line is longer than the ${MAX_LINE_BYTES.toLocaleString('en-US')} bytes a CSV line may hold; the file is not a CSV of this source, or is damaged`,
  });
}
