// Bundles the CLI (src/cli/main.ts and what it imports) into dist/cli-bundle: one module for
// what every command loads, plus one chunk per lazily imported command, so a cold
// `frontera --help` resolves and compiles a handful of files instead of ~40 (issue 18: the
// start-up of a command is module loading). npm packages stay external (they resolve from
// node_modules as before). Run by `npm run build` and `prepare` after tsc, which type-checks
// and emits dist/ (the bundle is built from the same sources with tsconfig.build.json).
// `node bin/bundle-cli.mjs OUTDIR` writes elsewhere (the test that runs the bundle).
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = process.argv[2] ?? join(root, 'dist', 'cli-bundle');

/** Writes the bundle into `outdir` (emptied first, so no stale chunk survives a rebuild). */
export async function bundleCli(dir) {
  await rm(dir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [join(root, 'src/cli/main.ts')],
    tsconfig: join(root, 'tsconfig.build.json'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir: dir,
    // Chunks beside main.js, one folder below dist/ as tsc's output is: api/serve.ts finds
    // the dashboard (dist/web) relative to its own module.
    chunkNames: '[name]-[hash]',
    logLevel: 'warning',
  });
}

await bundleCli(outdir);
