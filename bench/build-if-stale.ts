import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const NODE = process.execPath;

/**
 * A section that runs `bin/frontera.js` times dist/cli-bundle, not src/: rebuild it (tsc, then
 * the bundle) if any source is newer, or the figures are an older commit's.
 */
export function buildIfStale(): void {
  const built =
    statSync(join(ROOT, 'dist/cli-bundle/main.js'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const newest = Math.max(
    ...readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => statSync(join(ROOT, 'src', f)).mtimeMs),
  );
  if (newest <= built) return;
  console.log('\n(dist/ is older than src/: building it first with tsc and bin/bundle-cli.mjs)');
  execFileSync(NODE, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  execFileSync(NODE, [join(ROOT, 'bin/bundle-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
}
