import { readFileSync } from 'node:fs';
import XLSX from '@e965/xlsx';
const opts = JSON.parse(process.argv[2] ?? '{}');
const t = performance.now();
const wb = XLSX.read(readFileSync('/work/shared/data/usitc/tariff_database_2024.xlsx'), { ...opts, type: 'buffer' });
const sh = wb.Sheets[wb.SheetNames[0]!]!;
const rows = XLSX.utils.sheet_to_json<unknown[]>(sh, { header: 1, raw: true, defval: null });
console.log(JSON.stringify(opts), rows.length, (performance.now() - t).toFixed(0), 'ms', 'maxRSS MiB', (process.resourceUsage().maxRSS / 1024).toFixed(0));
