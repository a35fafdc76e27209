import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create('/work/db2/bundle.duckdb', { access_mode: 'READ_ONLY' });
const c = await i.connect();
const q = process.argv[2];
const r = await c.runAndReadAll(q);
for (const row of r.getRowsJS()) console.log(row.join('\n'));
