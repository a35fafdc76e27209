import { resolveMeasure } from './resolve-measure.ts';
import type { Store } from '../store/open-store.ts';
import { BASIS } from './basis.ts';
import { crossingsPortCounts } from './crossings-port-ranking.ts';
import { runQuery, runShared, type Row } from './compiled-query.ts';
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
  const cov = await runShared(store, {
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
  // The ports placed on the map are the same for every measure and year (read once per loaded
  // state); only the counts are read per request. Ordered as the map lists them: largest count
  // first, ports without one last, then by code.
  const bulk = await crossingsPortCounts(store, measure, year);
  const counts =
    bulk?.counts ??
    new Map(
      (
        await runQuery(store, {
          kind: 'compiled-query',
          name: 'port-map-counts',
          tables: ['crossings'],
          params: { measure, year },
          sql: `SELECT port_code, sum(count) AS count FROM crossings
              WHERE measure = $measure AND year(month) = $year GROUP BY 1`,
        })
      ).map((r) => [String(r.port_code), r.count as bigint]),
    );
  const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const rows = (await mapPorts(store))
    .map((p) => ({ port: p, count: counts.get(String(p.port_code)) ?? null }))
    .sort((a, b) =>
      a.count === b.count
        ? byCode(String(a.port.port_code), String(b.port.port_code))
        : a.count === null
          ? 1
          : b.count === null
            ? -1
            : a.count > b.count
              ? -1
              : 1,
    )
    .map(({ port, count }) => ({ ...port, count }) as Row);
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
    sources: bulk
      ? await bulk.sources()
      : await readProvenance(store, [
          {
            table: 'crossings',
            where: 'measure = $measure AND year(month) = $year',
            params: { measure, year },
          },
        ]),
    notes: ['a port with no count published no row for this measure and year; that is not a zero'],
  };
}

/** Land ports with coordinates and a border that appear in the crossings. */
function mapPorts(store: Store): Promise<Row[]> {
  return runShared(store, {
    kind: 'compiled-query',
    name: 'port-map-ports',
    tables: ['crossings', 'port'],
    params: {},
    sql: `SELECT d.port_code, d.name, d.state, d.border, d.latitude, d.longitude
          FROM port_directory d
          WHERE d.latitude IS NOT NULL AND d.border IS NOT NULL
            AND d.port_code IN (SELECT DISTINCT port_code FROM crossings)`,
  });
}
