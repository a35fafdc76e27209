import { DuckDBInstance } from '@duckdb/node-api';
const inst = await DuckDBInstance.create('/work/db2/bundle.duckdb', { access_mode: 'READ_ONLY' });
const c = await inst.connect();
const r = await c.runAndReadAll(process.argv[2]);
console.log(JSON.stringify(r.getRowObjectsJson().slice(0, Number(process.argv[3] ?? 60))).replaceAll('},{', '},\n{'));
