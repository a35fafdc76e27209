import { usitcTariffDatabase } from '../src/sources/usitc-tariff-database.ts';
import { sampleFile } from '../src/sources/sample-file.ts';
const s = await sampleFile('/work/shared/data/usitc/tariff_database_2024.xlsx');
const t = performance.now();
const ok = usitcTariffDatabase.detect(s);
const fx = await usitcTariffDatabase.read(s);
const x = fx.extracts[0] as { rows: unknown[][] };
console.log(ok, x.rows.length, fx.problems.length, JSON.stringify(x.rows[100]).slice(0, 200), (performance.now() - t).toFixed(0), 'ms', 'maxRSS MiB', (process.resourceUsage().maxRSS / 1024).toFixed(0));
