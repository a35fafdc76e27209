import { DuckDBInstance } from '@duckdb/node-api';
const db = await DuckDBInstance.create(process.argv[2]);
const c = await db.connect();
for (const q of process.argv.slice(3)) { const t = performance.now(); const r = await c.runAndReadAll(q); console.log((performance.now()-t).toFixed(0), 'ms', q.slice(0,90).replace(/\s+/g,' '), JSON.stringify(r.getRowsJS().slice(0,2), (k,v)=>typeof v==='bigint'?String(v):v).slice(0,200)); }
