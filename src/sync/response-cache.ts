import { createHash, randomBytes } from 'node:crypto';
import { access, copyFile, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * Raw responses on disk, addressed by the SHA-256 of their bytes: `<dir>/<source>/<sha>.<ext>`.
 * The same bytes downloaded twice are one file, and a file is written whole (temporary file,
 * then rename) or not at all, so a killed sync never leaves half a response to be read.
 */
export class ResponseCache {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  pathOf(source: string, sha256: string, ext: string): string {
    return join(this.dir, source, `${sha256}.${ext}`);
  }

  async put(source: string, body: Buffer, ext: string): Promise<{ sha256: string; path: string }> {
    const sha256 = createHash('sha256').update(body).digest('hex');
    const path = this.pathOf(source, sha256, ext);
    if (!(await exists(path))) await writeAtomically(path, body);
    return { sha256, path };
  }

  /**
   * A response already streamed to disk (and hashed on the way) becomes the cached copy by
   * renaming; the spool file is gone afterwards either way.
   */
  async adopt(
    source: string,
    file: string,
    sha256: string,
    ext: string,
  ): Promise<{ sha256: string; path: string }> {
    const path = this.pathOf(source, sha256, ext);
    if (await exists(path)) {
      await unlink(file).catch(() => undefined);
      return { sha256, path };
    }
    await mkdir(dirname(path), { recursive: true });
    try {
      await rename(file, path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      // Another disk: copy under a temporary name, then rename, so the file appears whole.
      const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
      await copyFile(file, temp);
      await rename(temp, path);
      await unlink(file).catch(() => undefined);
    }
    return { sha256, path };
  }

  /** Where downloads are written as they arrive: inside the cache, so adopting is a rename. */
  get spoolDir(): string {
    return join(this.dir, '.partial');
  }

  /** A file derived from a response (a CSV inside a ZIP), kept beside it under a plain name. */
  async putDerived(
    source: string,
    parentSha: string,
    name: string,
    body: Uint8Array,
  ): Promise<string> {
    const path = join(this.dir, source, 'extracted', parentSha, name);
    if (!(await exists(path))) await writeAtomically(path, body);
    return path;
  }
}

export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function writeAtomically(path: string, body: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
  await writeFile(temp, body);
  await rename(temp, path);
}
