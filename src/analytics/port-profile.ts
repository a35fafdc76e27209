import { conflictNotes } from './conflict-notes.ts';
import { memoize, type Store } from '../store/open-store.ts';
import { askedOften } from './asked-often.ts';
import { BASIS } from './basis.ts';
import { compileBorder } from './border-queries.ts';
import { runQuery, runShared, type Row } from './compiled-query.ts';
import { loadLabels } from './labels.ts';
import { CoverageError } from './lookup-error.ts';
import type { Split } from './partner-profile.ts';
import { filesByValue, readProvenance, valueKey, type Read, type SourceRef } from './provenance.ts';
import { portHistory, type PortHistory } from './port-history.ts';
import { mexicanStateLabels } from './resolve-mexican-state.ts';
import { resolvePort, type Port } from './resolve-port.ts';
import { periodFilter, transborderPeriod } from './transborder-period.ts';
import { TRANSBORDER_PARTNERS } from './transborder-partners.ts';
import { transborderSplit } from './transborder-split.ts';
import { splitFiles } from './transborder-split-index.ts';

export interface PortFreight {
  partner: { code: string; name: string };
  exports: bigint;
  imports: bigint;
  total: bigint;
  byMode: Split[];
  byHs2: Split[];
  /** Mexico only: US exports through the port by Mexican state of destination (dot1). */
  byMexState?: Split[];
}

export interface CrossingYear {
  year: number;
  /** Months with any row for this port; under 12 is a partial year (or unpublished months). */
  months: number;
  byMeasure: { measure: string; count: bigint; months: number }[];
}

export interface WaitObservation {
  /** CBP's crossing number: mostly the Schedule D port and a 2-digit crossing (230401). */
  portNumber: string;
  crossingName: string | null;
  laneType: string;
  laneKind: string;
  /** UTC instant, ISO 8601. */
  observedAt: string;
  status: string | null;
  delayMinutes: number | null;
  lanesOpen: number | null;
}

/** One CBP crossing of a port and the latest reading of each of its lanes. */
export interface WaitCrossing {
  /** CBP's number for the crossing ("535501"): a code, never a quantity. */
  portNumber: string;
  /** The port and crossing names CBP gives it (its latest readings'). */
  portName: string | null;
  crossingName: string | null;
  /** How it was tied to the Schedule D port: its first four characters, or CBP's port name. */
  matchedBy: 'number' | 'port name';
  readings: number;
  firstObservedAt: string;
  lastObservedAt: string;
  /** The latest reading with a wait in minutes; null if it only ever showed a status. */
  lastWaitAt: string | null;
  lanes: WaitObservation[];
}

export interface PortProfile {
  kind: 'port-profile';
  port: Port;
  transborder: {
    month: string;
    /** The period the freight panels show, stated on them: "2015-01", or a whole year. */
    period: string;
    partners: PortFreight[];
  } | null;
  crossings: {
    yearly: CrossingYear[];
    year: number;
    monthly: { measure: string; total: bigint; months: { month: string; count: bigint }[] }[];
  } | null;
  /** Every CBP crossing of the port, each with its lanes' latest readings. */
  waitCrossings: WaitCrossing[];
  /** The same latest readings, one row per crossing and lane. */
  waitTimes: WaitObservation[];
  /** Port code changes touching this port (a split), and the combined series across them. */
  history: PortHistory;
  basis: string[];
  sources: SourceRef[];
  notes: string[];
}

/**
 * One port: who it is (Schedule D, BTS coordinates), the freight through it in the latest
 * TransBorder month (dot1 by mode, dot3 by HS chapter), what crosses it year by year and month
 * by month (BTS crossings), and the latest CBP wait times at its crossings.
 */
export async function portProfile(
  store: Store,
  asked: string,
  opts: { year?: number } = {},
): Promise<PortProfile> {
  const port = await resolvePort(store, asked);
  const notes: string[] = [];
  if (port.alias) {
    const others = port.alias.ports.filter((c) => c !== port.code);
    notes.push(
      `asked as "${port.alias.asked}": ${port.alias.city} (${port.alias.mexicanState}) is across the border from ${port.name} (${port.code})${others.length ? ` and from ${others.join(', ')}` : ''}; ${port.alias.source}`,
    );
  }
  // The rows each panel reads, so the result cites exactly their files and vintages.
  // On a store asked for port after port (see askedOften), the files of the port's own rows
  // (`port_code = $port` of port and of crossings) are looked up among every port's.
  const bulk = await askedOften(store, 'port-profile');
  const files: number[] = [];
  const reads: Read[] = [];
  const portFiles = (table: 'port' | 'crossings', codes: string[]) =>
    filesByValue(store, table, ['port_code']).then((byPort) =>
      files.push(...codes.flatMap((c) => byPort.get(valueKey([c])) ?? [])),
    );
  if (bulk) await portFiles('port', [port.code]);
  else reads.push({ table: 'port', where: 'port_code = $port', params: { port: port.code } });
  const transborder = await freight(store, port, opts.year, notes, bulk ? { files } : { reads });
  const crossings = await crossingsAt(store, port, opts.year, notes, bulk);
  const history = crossings
    ? await portHistory(store, port.code, (await loadLabels(store)).port)
    : { changes: [], combined: null };
  for (const c of history.changes) notes.push(c.text);
  if (crossings) {
    const ports = [port.code, ...(history.combined?.ports.map((p) => p.code) ?? [])];
    if (bulk) await portFiles('crossings', [...new Set(ports)]);
    else
      reads.push({
        table: 'crossings',
        where: 'port_code IN (SELECT unnest($ports))',
        params: { ports: [...new Set(ports)] },
      });
  }
  const { crossings: waitCrossings, files: waitFiles } = await latestWaits(store, port.code);
  const waitTimes = waitCrossings.flatMap((c) => c.lanes);
  if (waitTimes.length === 0)
    notes.push(
      `no CBP wait time observation loaded for ${port.name} (CBP crossings ${port.code}xx)`,
    );
  notes.push(...waitNotes(waitCrossings, port.name));
  return {
    kind: 'port-profile',
    port,
    transborder,
    crossings,
    waitCrossings,
    waitTimes,
    history,
    basis: [
      ...(transborder ? [BASIS.transborder] : []),
      ...(crossings ? [BASIS.crossings] : []),
      ...(waitTimes.length > 0 ? [BASIS.wait_times] : []),
    ],
    sources: await readProvenance(store, reads, [...waitFiles, ...files]),
    notes,
  };
}

/**
 * `cite`: the reads of the splits shown (a one-off profile's own query finds their files), or,
 * on a store asked port after port, the list their files are looked up into.
 */
async function freight(
  store: Store,
  port: Port,
  year: number | undefined,
  notes: string[],
  cite: { reads: Read[] } | { files: number[] },
): Promise<PortProfile['transborder']> {
  const bulk = 'files' in cite;
  const period = await transborderPeriod(store, year);
  if (!period) {
    notes.push('no TransBorder freight is loaded');
    return null;
  }
  if (period.note) notes.push(period.note);
  const month = period.label;
  const labels = await loadLabels(store);
  const partners: PortFreight[] = [];
  for (const p of TRANSBORDER_PARTNERS) {
    const base = { partner: p.code, ...periodFilter(period), port: port.code };
    const byMode = await transborderSplit(store, { ...base, by: 'mode' }, labels.mode, { bulk });
    if (byMode.length === 0) continue;
    const byHs2 = await transborderSplit(store, { ...base, by: 'hs2' }, labels.hs, { bulk });
    for (const by of ['mode', 'hs2'] as const)
      if ('files' in cite) cite.files.push(...(await splitFiles(store, { ...base, by })));
      else
        cite.reads.push(...(compileBorder({ kind: 'transborder-split', ...base, by }).reads ?? []));
    const exports = byMode.reduce((a, s) => a + (s.exports ?? 0n), 0n);
    const imports = byMode.reduce((a, s) => a + (s.imports ?? 0n), 0n);
    const byMexState =
      p.code === '2010'
        ? await transborderSplit(
            store,
            { ...base, flow: 'export', by: 'mex_state' },
            await mexicanStateLabels(store),
            { bulk },
          )
        : undefined;
    partners.push({
      partner: { ...p },
      exports,
      imports,
      total: exports + imports,
      byMode,
      byHs2,
      ...(byMexState ? { byMexState } : {}),
    });
  }
  if (partners.length === 0) {
    notes.push(`TransBorder has no freight through ${port.name} (${port.code}) in ${month}`);
    return null;
  }
  notes.push(
    'freight by mode is from dot1 (state × port), by HS chapter from dot3 (port × HS2): the same trade cut two ways, never to be added together',
  );
  return { month: period.month, period: period.label, partners };
}

/**
 * Each port's crossings by year and measure, in that order, with the months each measure
 * and the port reported and the months the whole loaded data covers that year: one query for
 * all ports (a port profile is asked of each port in turn), kept per loaded state.
 */
function crossingsByPortYear(store: Store): Promise<Map<string, Row[]>> {
  return memoize(store, 'port-crossings-by-year', async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'port-crossings-by-year',
      tables: ['crossings'],
      params: {},
      // Months per measure, per port and in the whole loaded data: a year the data covers
      // fully can still have months with no row here, as BTS leaves out what it has nothing for.
      sql: `WITH m AS (
              SELECT port_code, year(month)::INTEGER AS year, measure, sum(count) AS count,
                     count(DISTINCT month)::INTEGER AS months
              FROM crossings GROUP BY ALL
            ), p AS (
              SELECT port_code, year(month)::INTEGER AS year,
                     count(DISTINCT month)::INTEGER AS port_months
              FROM crossings GROUP BY 1, 2
            ), d AS (
              SELECT year(month)::INTEGER AS year, count(DISTINCT month)::INTEGER AS data_months
              FROM crossings GROUP BY 1
            )
            SELECT * FROM m JOIN p USING (port_code, year) JOIN d USING (year)
            WHERE port_code IS NOT NULL ORDER BY port_code, year, measure`,
    });
    const byPort = new Map<string, Row[]>();
    for (const r of rows) {
      const code = String(r.port_code);
      const port = byPort.get(code);
      if (port) port.push(r);
      else byPort.set(code, [r]);
    }
    return byPort;
  });
}

async function crossingsAt(
  store: Store,
  port: Port,
  asked: number | undefined,
  notes: string[],
  bulk: boolean,
): Promise<PortProfile['crossings']> {
  // The same whatever year is asked: read for every port at once, once per loaded state.
  const rows = (await crossingsByPortYear(store)).get(port.code) ?? [];
  if (rows.length === 0) {
    notes.push(`BTS publishes no land-border crossings for ${port.name} (${port.code})`);
    return null;
  }
  const yearly: CrossingYear[] = [];
  const complete = new Set<number>();
  for (const r of rows) {
    const year = Number(r.year);
    let y = yearly[yearly.length - 1];
    if (!y || y.year !== year)
      yearly.push((y = { year, months: Number(r.port_months), byMeasure: [] }));
    y.byMeasure.push({
      measure: String(r.measure),
      count: r.count as bigint,
      months: Number(r.months),
    });
    // A year is complete when the loaded data covers all its months, whatever this port
    // reported.
    if (Number(r.data_months) === 12) complete.add(year);
  }
  const years = yearly.map((y) => y.year);
  let year: number;
  if (asked !== undefined) {
    if (!years.includes(asked))
      throw new CoverageError(
        `BTS crossings at ${port.name}`,
        String(asked),
        `${years[0]}–${years[years.length - 1]}`,
      );
    year = asked;
  } else year = [...complete].sort((a, b) => a - b).pop() ?? years[years.length - 1]!;
  const chosen = yearly.find((y) => y.year === year)!;
  if (!complete.has(year))
    notes.push(
      `crossings for ${year} are a partial year: the loaded data does not cover all 12 months`,
    );
  else if (chosen.months < 12)
    notes.push(
      `${port.name} has crossing rows for ${chosen.months} of 12 months in ${year}: BTS does not publish months with nothing to report`,
    );
  // A month the file states twice with different values is counted once: say which.
  notes.push(...(await conflictNotes(store, 'crossings', { port_code: port.code })));
  return { yearly, year, monthly: await monthly(store, port.code, year, bulk) };
}

async function monthly(
  store: Store,
  code: string,
  year: number,
  bulk: boolean,
): Promise<NonNullable<PortProfile['crossings']>['monthly']> {
  // Every month of the port, read once per port and loaded state (or, on a store asked port
  // after port, every port's at once); the year's are kept, in the same order (measure,
  // month) as a query for the year alone.
  const all = bulk
    ? await portMonths(store, code)
    : await runShared(store, {
        kind: 'compiled-query',
        name: 'port-crossings-by-month',
        tables: ['crossings'],
        params: { port: code },
        sql: `SELECT measure, strftime(month, '%Y-%m') AS month, sum(count) AS count
          FROM crossings WHERE port_code = $port
          GROUP BY ALL ORDER BY measure, month`,
      });
  const rows = all.filter((r) => String(r.month).startsWith(`${year}-`));
  const out: NonNullable<PortProfile['crossings']>['monthly'] = [];
  for (const r of rows) {
    let m = out[out.length - 1];
    if (!m || m.measure !== r.measure)
      out.push((m = { measure: String(r.measure), total: 0n, months: [] }));
    m.months.push({ month: String(r.month), count: r.count as bigint });
    m.total += r.count as bigint;
  }
  return out.sort((a, b) => (a.total === b.total ? 0 : a.total > b.total ? -1 : 1));
}

/**
 * One port's rows of the `port-crossings-by-month` query (measure, month, count, in its
 * order), looked up among every port's, read in one query once per loaded state. Held
 * compactly: each port's measures, each with its months (yyyymm) and counts as typed arrays,
 * about 12 bytes a month instead of an object (the whole bundle has 400,000 port-months).
 * A count beyond 64 bits, which no crossing count reaches, fails the read (the cast refuses
 * it) rather than wrap.
 */
async function portMonths(store: Store, code: string): Promise<Row[]> {
  const all = await memoize(store, 'port-crossings-by-month-all', async () => {
    const r = await store.read((c) =>
      c.runAndReadAll(
        `WITH m AS (
           SELECT port_code, measure, strftime(month, '%Y-%m') AS month,
                  sum(count)::BIGINT AS count
           FROM crossings WHERE port_code IS NOT NULL GROUP BY ALL
         )
         SELECT port_code, measure, list(replace(month, '-', '')::INTEGER ORDER BY month) AS months,
                list(count ORDER BY month) AS counts
         FROM m GROUP BY ALL ORDER BY port_code, measure`,
      ),
    );
    const byPort = new Map<
      string,
      { measure: string; months: Int32Array; counts: BigInt64Array }[]
    >();
    for (const [port, measure, months, counts] of r.getRowsJS()) {
      const list = byPort.get(String(port)) ?? [];
      list.push({
        measure: String(measure),
        months: Int32Array.from(months as number[]),
        counts: BigInt64Array.from(counts as bigint[]),
      });
      byPort.set(String(port), list);
    }
    return byPort;
  });
  const out: Row[] = [];
  for (const { measure, months, counts } of all.get(code) ?? [])
    months.forEach((m, i) =>
      out.push({
        measure,
        month: `${Math.floor(m / 100)}-${String(m % 100).padStart(2, '0')}`,
        count: counts[i],
      }),
    );
  return out;
}

/**
 * Every CBP crossing of the port (through the `cbp_crossing` crosswalk: CBP's six-character
 * numbers, and the RSS feed's names matched to them at ingest) with the latest reading of each
 * of its lanes.
 */
async function latestWaits(
  store: Store,
  code: string,
): Promise<{ crossings: WaitCrossing[]; files: number[] }> {
  const rows = (await latestWaitsByPort(store)).get(code) ?? [];
  const out: WaitCrossing[] = [];
  // The snapshots the readings shown come from: the wait files the profile cites.
  const files = new Set<number>();
  for (const r of rows) {
    files.add(Number(r.source_file_id));
    const portNumber = String(r.port_number);
    let c = out[out.length - 1];
    if (!c || c.portNumber !== portNumber) {
      out.push(
        (c = {
          portNumber,
          portName: r.port_name == null ? null : String(r.port_name),
          crossingName: r.crossing_name == null ? null : String(r.crossing_name),
          matchedBy: r.matched_by === 'number' ? 'number' : 'port name',
          readings: Number(r.readings),
          firstObservedAt: String(r.first_observed),
          lastObservedAt: String(r.last_observed),
          lastWaitAt: r.last_wait == null ? null : String(r.last_wait),
          lanes: [],
        }),
      );
    }
    c.lanes.push({
      portNumber,
      crossingName: c.crossingName,
      laneType: String(r.lane_type),
      laneKind: String(r.lane_kind),
      observedAt: String(r.observed_at),
      status: r.operational_status == null ? null : String(r.operational_status),
      delayMinutes: r.delay_minutes == null ? null : Number(r.delay_minutes),
      lanesOpen: r.lanes_open == null ? null : Number(r.lanes_open),
    });
  }
  return { crossings: out, files: [...files] };
}

/**
 * The latest reading of every lane of every CBP crossing tied to a port, grouped by port, read
 * once per loaded state of the store: the crosswalk (`cbp_crossing`) sums all of `wait_times`
 * whichever port is asked, so asking it for one port costs as much as for all of them. Rows
 * keep the order a query for one port gives (crossing number, lane type, lane kind).
 */
function latestWaitsByPort(store: Store): Promise<Map<string, Row[]>> {
  return memoize(store, 'port-latest-waits', async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'port-wait-times',
      tables: ['wait_times'],
      params: {},
      sql: `WITH latest AS (
              SELECT * FROM wait_times WHERE port_number IN (
                SELECT port_number FROM cbp_crossing WHERE port_code IS NOT NULL)
              QUALIFY row_number() OVER (
                PARTITION BY port_number, lane_type, lane_kind ORDER BY observed_at DESC) = 1
            )
            SELECT c.port_code, c.port_number, c.port_name, c.crossing_name, c.matched_by,
              c.readings::BIGINT AS readings,
              strftime(timezone('UTC', c.first_observed), '%Y-%m-%dT%H:%M:%SZ') AS first_observed,
              strftime(timezone('UTC', c.last_observed), '%Y-%m-%dT%H:%M:%SZ') AS last_observed,
              strftime(timezone('UTC', c.last_wait), '%Y-%m-%dT%H:%M:%SZ') AS last_wait,
              w.lane_type, w.lane_kind,
              strftime(timezone('UTC', w.observed_at), '%Y-%m-%dT%H:%M:%SZ') AS observed_at,
              w.operational_status, w.delay_minutes, w.lanes_open, w.source_file_id
            FROM cbp_crossing c JOIN latest w USING (port_number)
            WHERE c.port_code IS NOT NULL
            ORDER BY c.port_code, c.port_number, w.lane_type, w.lane_kind`,
    });
    const byPort = new Map<string, Row[]>();
    for (const r of rows) {
      const port = String(r.port_code);
      const list = byPort.get(port);
      if (list) list.push(r);
      else byPort.set(port, [r]);
    }
    return byPort;
  });
}

/** What a reader of the wait section must know: old crossings, numbers matched by name. */
function waitNotes(crossings: readonly WaitCrossing[], portName: string): string[] {
  const notes: string[] = [];
  const newest = crossings.reduce((a, c) => (c.lastObservedAt > a ? c.lastObservedAt : a), '');
  const day = 86_400_000;
  for (const c of crossings) {
    const behind = Date.parse(newest) - Date.parse(c.lastObservedAt);
    if (behind > 7 * day) {
      notes.push(
        `CBP crossing ${c.portNumber} (${c.crossingName ?? c.portName ?? 'unnamed'}) last reported ${c.lastObservedAt}, ${Math.floor(behind / day)} days before the newest reading at ${portName}`,
      );
    }
  }
  for (const c of crossings) {
    if (c.lanes.every((l) => l.delayMinutes === null)) {
      const statuses = [...new Set(c.lanes.map((l) => l.status ?? 'no status'))].join(', ');
      notes.push(
        `CBP crossing ${c.portNumber} (${c.crossingName ?? c.portName ?? 'unnamed'}) shows no wait in its latest readings (${statuses}); ${c.lastWaitAt ? `its last wait was reported at ${c.lastWaitAt}` : 'no wait from it is loaded'}`,
      );
    }
  }
  const byName = crossings.filter((c) => c.matchedBy === 'port name').map((c) => c.portNumber);
  if (byName.length > 0) {
    notes.push(
      `CBP numbers ${byName.join(', ')} are not Schedule D port codes: matched to ${portName} by CBP's port name`,
    );
  }
  return notes;
}
