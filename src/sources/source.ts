import type { FileExtract, SourceId } from '../model/extract.ts';

/** What the first bytes of a file say about it; enough to recognise a source by content. */
export interface FileSample {
  path: string;
  name: string;
  bytes: number;
  container: 'text' | 'gzip' | 'zip' | 'ole2' | 'parquet' | 'pdf' | 'binary';
  /** The first 64 KiB of text (decompressed for gzip), BOM removed; empty for binaries. */
  head: string;
  /** The first line of `head` that is not a `#` comment. */
  firstLine: string;
  /** For Parquet: the footer (last 64 KiB, latin1), where the schema's column names are. */
  tail: string;
  /**
   * A small file's whole content (decompressed for gzip), exactly the bytes the store hashed,
   * when it read them already: a reader that parses these instead of reading the file again
   * parses what was hashed, and reads the file once.
   */
  plain?: Buffer;
}

/** One official format: recognised by content, read into plain extracts with provenance. */
export interface Source {
  id: SourceId;
  /** Human description of the expected format, used in "unknown format" errors. */
  expects: string;
  detect(sample: FileSample): boolean;
  /**
   * Text is UTF-8 unless a source documents otherwise: the chapter 99 text is Latin-1 as
   * pdftotext wrote it (¢ is byte 0xA2, soft hyphens 0xAD), and is decoded as such.
   */
  encoding?: 'latin1';
  read(sample: FileSample): Promise<FileExtract>;
}
