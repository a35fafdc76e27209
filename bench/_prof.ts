import { SOURCES } from '../src/sources/registry.ts';
import { ingestFile } from '../src/store/ingest-file.ts';
import { openStore } from '../src/store/open-store.ts';
const t0 = performance.now();
const store = await openStore(process.argv[2]!);
console.error('open', (performance.now() - t0).toFixed(0));
const c = store.conn as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
for (const m of ['run', 'runAndReadAll']) {
  const orig = c[m]!.bind(store.conn);
  c[m] = async (...a: unknown[]) => {
    const t = performance.now();
    const r = await orig(...a);
    const d = performance.now() - t;
    if (d > 30) console.error(`  ${d.toFixed(0)} ms  ${String(a[0]).replace(/\s+/g, ' ').slice(0, 150)}`);
    return r;
  };
}
for (const f of process.argv.slice(3)) {
  const t = performance.now();
  await ingestFile(store, f, SOURCES);
  console.error('ingest', f, (performance.now() - t).toFixed(0));
}
store.close();
console.error('total', (performance.now() - t0).toFixed(0), 'rss', process.resourceUsage().maxRSS);
