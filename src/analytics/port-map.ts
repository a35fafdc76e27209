import { resolveMeasure } from './resolve-measure.ts';
import type { Store } from '../store/open-store.ts';
import { BASIS } from './basis.ts';
import { runQuery } from './compiled-query.ts';
import { CoverageError } from './lookup-error.ts';
import { readProvenance, type SourceRef } from './provenance.ts';

export interface PortMap {
  kind: 'port-map';
  measure: string;
  year: number;
  /** Months of the year published (12 for a complete year). */
  months: number;
  years: number[];
  ports: {
    code: string;
    name: string;
    state: string | null;
    border: 'mexico' | 'canada';
    latitude: number;
    longitude: number;
    count: bigint | null;
  }[];
  basis: string[];
  sources: SourceRef[];
  notes: string[];
}

/** Every land port on both borders with coordinates, sized by one crossing measure in a year. */
export async function portMap(
  store: Store,
  opts: { measure?: string; year?: number },
): Promise<PortMap> {
  const measure = resolveMeasure(opts.measure ?? 'Trucks');
  const cov = await runQuery(store, {
    kind: 'compiled-query',
    name: 'crossing-years',
    tables: ['crossings'],
    params: {},
    sql: `SELECT year(month)::INTEGER AS year, count(DISTINCT month)::INTEGER AS months FROM crossings GROUP BY 1 ORDER BY 1`,
  });
  const years = cov.map((r) => Number(r.year));
  if (years.length === 0)
    throw new CoverageError('BTS Border Crossing data', 'any year', 'nothing yet');
  const complete = cov.filter((r) => Number(r.months) === 12).map((r) => Number(r.year));
  const year = opts.year ?? complete.at(-1) ?? years.at(-1)!;
  if (!years.includes(year))
    throw new CoverageError(
      'BTS Border Crossing data',
      String(year),
      `${years[0]}–${years.at(-1)}`,
    );
  const rows = await runQuery(store, {
    kind: 'compiled-query',
    name: 'port-map',
    tables: ['crossings', 'port'],
    params: { measure, year },
    sql: `WITH c AS (
            SELECT port_code, sum(count) AS count FROM crossings
            WHERE measure = $measure AND year(month) = $year GROUP BY 1
          )
          SELECT d.port_code, d.name, d.state, d.border, d.latitude, d.longitude, c.count
          FROM port_directory d LEFT JOIN c USING (port_code)
          WHERE d.latitude IS NOT NULL AND d.border IS NOT NULL
            AND d.port_code IN (SELECT DISTINCT port_code FROM crossings)
          ORDER BY c.count DESC NULLS LAST, d.port_code`,
  });
  return {
    kind: 'port-map',
    measure,
    year,
    months: Number(cov.find((r) => Number(r.year) === year)?.months ?? 0),
    years,
    ports: rows.map((r) => ({
      code: String(r.port_code),
      name: String(r.name),
      state: r.state == null ? null : String(r.state),
      border: r.border as 'mexico' | 'canada',
      latitude: Number(r.latitude),
      longitude: Number(r.longitude),
      count: (r.count as bigint | null) ?? null,
    })),
    basis: [BASIS.crossings],
    sources: await readProvenance(store, [
      {
        table: 'crossings',
        where: 'measure = $measure AND year(month) = $year',
        params: { measure, year },
      },
    ]),
    notes: ['a port with no count published no row for this measure and year; that is not a zero'],
  };
}
