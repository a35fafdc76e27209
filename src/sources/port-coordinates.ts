import type { Cell, FileExtract } from '../model/extract.ts';
import type { Problem } from '../model/problem.ts';
import { lineOfKey, readJsonObject } from './json-code-file.ts';
import { nameOrUndated } from './reference-csv.ts';
import type { FileSample, Source } from './source.ts';

/** A port entry with coordinates: `"2304": {"port": …, "state": …, "lat": 27.4, "lon": …}`. */
const ENTRY = /"\d{4}"\s*:\s*\{\s*"port"\s*:\s*"[^"]*"\s*,\s*"state"\s*:\s*"[^"]*"\s*,\s*"lat"\s*:/;

/**
 * Port coordinates extracted from BTS Border Crossing data (keg4-3bc2), keyed by Schedule D
 * code, with `_source`, `_query`, `_retrieved`, `_notes` metadata keys. Its names are BTS's
 * crossing names (Tornillo, Hidalgo), not Schedule D's; rows carry no district, so the
 * `port_directory` view takes names from Schedule D and only coordinates from here. States
 * are full names ("Texas"), as in the crossing data this was taken from.
 */
export const portCoordinates: Source = {
  id: 'port-coordinates',
  expects: 'port coordinates JSON ({"_source": …, "2304": {"port", "state", "lat", "lon"}, …})',
  detect: (s) => s.container === 'text' && s.head.trimStart().startsWith('{') && ENTRY.test(s.head),
  async read(s: FileSample): Promise<FileExtract> {
    const { text, value, problems } = await readJsonObject(s);
    const meta = (k: string) => (typeof value[k] === 'string' ? (value[k] as string) : '');
    // Which border the extract covers is stated in its query ("border='US-Mexico Border'").
    const about = `${meta('_query')} ${meta('_notes')}`;
    const border = /US-Mexico Border/.test(about)
      ? 'mexico'
      : /US-Canada Border/.test(about)
        ? 'canada'
        : null;
    const rows: Cell[][] = [];
    for (const [code, entry] of Object.entries(value)) {
      if (code.startsWith('_')) continue; // metadata
      const e = (entry ?? {}) as Record<string, unknown>;
      const fail = (message: string, pc: Problem['code'] = 'bad-structure') =>
        problems.push({
          code: pc,
          file: s.path,
          line: lineOfKey(text, code),
          column: code,
          value: JSON.stringify(entry).slice(0, 200),
          message,
        });
      if (!/^\d{4}$/.test(code)) {
        fail('expected a 4-digit Schedule D port code', 'unknown-code');
        continue;
      }
      const { lat, lon } = e;
      if (
        typeof lat !== 'number' ||
        typeof lon !== 'number' ||
        Math.abs(lat) > 90 ||
        Math.abs(lon) > 180
      ) {
        fail('expected numeric "lat" and "lon" in degrees', 'not-a-number');
        continue;
      }
      const name = typeof e.port === 'string' ? e.port.trim() : '';
      const state = typeof e.state === 'string' ? e.state.trim() : null;
      rows.push([code, name || null, state, border, lat, lon]);
    }
    const retrieved = /^\d{4}-\d{2}-\d{2}$/.exec(meta('_retrieved'))?.[0];
    return {
      kind: 'file-extract',
      source: 'port-coordinates',
      series: border ? `keg4-3bc2-${border}` : 'keg4-3bc2',
      ...(retrieved
        ? { vintage: retrieved, vintageBasis: 'file-content' as const }
        : nameOrUndated(s)),
      notes: border ? [] : ['the metadata does not say which border: border left NULL'],
      problems,
      extracts: [
        {
          kind: 'rows',
          table: 'port',
          columns: ['port_code', 'name', 'state', 'border', 'latitude', 'longitude'],
          rows,
        },
      ],
    };
  },
};
