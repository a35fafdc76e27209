import { memoize, type Store } from '../store/open-store.ts';
import { runQuery, runShared } from './compiled-query.ts';
import type { CrossingYear } from './port-profile.ts';
import { PORT_CODE_CHANGES, type PortCodeChange } from './port-code-changes.ts';

/** What the twelve months either side of a change show for one measure. */
export interface ChangeEvidence {
  measure: string;
  /** The old port, twelve months before and after the change. */
  fromBefore: bigint;
  fromAfter: bigint;
  /** The new port, its first twelve months. */
  toAfter: bigint;
}

export interface PortChange {
  kind: 'split';
  from: { code: string; name: string };
  to: { code: string; name: string };
  month: string;
  /** `reference`: in the table of known changes; `data`: found in the crossings as well. */
  foundIn: ('reference' | 'data')[];
  source: string | null;
  evidence: ChangeEvidence[];
  /** One sentence for notes and captions. */
  text: string;
}

export interface PortHistory {
  changes: PortChange[];
  /** The ports together, year by year: one series across the change. */
  combined: { ports: { code: string; name: string }[]; yearly: CrossingYear[] } | null;
}

/**
 * Port code changes that touch this port: those recorded in PORT_CODE_CHANGES and those the
 * crossings show (a port in the same state whose first month is when another's series falls by
 * about what the new port reports, beyond what the rest of the border did), with the evidence
 * and the combined series of the ports involved.
 */
export async function portHistory(
  store: Store,
  code: string,
  names: Map<string, string>,
): Promise<PortHistory> {
  const name = (c: string) => ({ code: c, name: names.get(c) ?? c });
  const changes: PortChange[] = [];
  for (const v of await portChanges(store)) {
    const { from, to, month } = v;
    if (from !== code && to !== code) continue;
    const foundIn = v.foundIn;
    // A known change whose evidence is not loaded still gets the numbers where they are.
    const evidence = v.evidence.length ? v.evidence : await evidenceFor(store, from, to, month);
    const f = name(from);
    const t = name(to);
    const shown = evidence[0];
    changes.push({
      kind: 'split',
      from: f,
      to: t,
      month,
      foundIn,
      source: v.source,
      evidence,
      text:
        `${foundIn.includes('reference') ? 'BTS split' : 'The crossings suggest BTS split'} ${t.name} (${t.code}) out of ${f.name} (${f.code}) from ${month}: ` +
        `${f.name}'s series before then includes what ${t.name} reports after` +
        (shown
          ? ` (${shown.measure}: ${f.name} ${shown.fromBefore.toLocaleString('en-US')} in the twelve months before, ${shown.fromAfter.toLocaleString('en-US')} in the twelve after; ${t.name} ${shown.toAfter.toLocaleString('en-US')})`
          : '') +
        `; the combined series ${f.name} + ${t.name} is comparable across the change`,
    });
  }
  if (changes.length === 0) return { changes, combined: null };
  const ports = [...new Set(changes.flatMap((c) => [c.from.code, c.to.code]))];
  return {
    changes,
    combined: { ports: ports.map(name), yearly: await combinedYears(store, ports) },
  };
}

/**
 * Every port code change known (the reference table) or found in the loaded crossings, each
 * once, with where it was found and the data's evidence.
 */
export async function portChanges(store: Store): Promise<
  {
    from: string;
    to: string;
    month: string;
    foundIn: PortChange['foundIn'];
    source: string | null;
    evidence: ChangeEvidence[];
  }[]
> {
  const found = await portSplitsInData(store);
  const keyOf = (c: { from: string; to: string; month: string }) => `${c.from}>${c.to}@${c.month}`;
  const all = new Map<
    string,
    {
      change: PortCodeChange | null;
      from: string;
      to: string;
      month: string;
      evidence: ChangeEvidence[];
    }
  >();
  for (const c of PORT_CODE_CHANGES) all.set(keyOf(c), { change: c, ...c, evidence: [] });
  for (const d of found) {
    const k = keyOf(d);
    const hit = all.get(k) ?? {
      change: null,
      from: d.from,
      to: d.to,
      month: d.month,
      evidence: [],
    };
    hit.evidence.push(d.evidence);
    all.set(k, hit);
  }
  return [...all.values()].map((v) => ({
    from: v.from,
    to: v.to,
    month: v.month,
    foundIn: [
      ...(v.change ? (['reference'] as const) : []),
      ...(v.evidence.length > 0 ? (['data'] as const) : []),
    ],
    source: v.change?.source ?? null,
    evidence: v.evidence,
  }));
}

/** Every split the loaded crossings show, whatever the reference table says; computed once per loaded state of the store. */
export function portSplitsInData(
  store: Store,
): Promise<{ from: string; to: string; month: string; evidence: ChangeEvidence }[]> {
  return memoize(store, 'port-splits', async () => {
    const rows = await runQuery(store, {
      kind: 'compiled-query',
      name: 'port-splits',
      tables: ['crossings'],
      params: {},
      // For each port that starts after the data does, and each older port of the same state
      // and border: the twelve months either side of the start, per measure. The old port's
      // "missing" crossings are what it would have had if it had moved like the rest of the
      // border (so a border-wide fall, such as 2020's, is not read as a split); a split is a
      // measure where the missing part is at least 30% of the old port's and the new port
      // reports within a factor of 1.5 of it.
      sql: `WITH ports AS (
              SELECT port_code, any_value(state) AS state, any_value(border) AS border,
                     min(month) AS start
              FROM crossings GROUP BY 1
            ), pairs AS (
              SELECT n.port_code AS new_port, o.port_code AS old_port, n.border, n.start
              FROM ports n JOIN ports o ON o.state = n.state AND o.border = n.border
                AND o.port_code <> n.port_code AND o.start <= n.start - INTERVAL 12 MONTH
              WHERE n.start > (SELECT min(month) FROM crossings)
            ), w AS (
              SELECT p.new_port, p.old_port, p.start, c.measure,
                sum(c.count) FILTER (WHERE c.port_code = p.old_port AND c.month < p.start) AS old_before,
                sum(c.count) FILTER (WHERE c.port_code = p.old_port AND c.month >= p.start) AS old_after,
                sum(c.count) FILTER (WHERE c.port_code = p.new_port AND c.month >= p.start) AS new_after,
                sum(c.count) FILTER (WHERE c.port_code NOT IN (p.new_port, p.old_port)
                                       AND c.month < p.start) AS rest_before,
                sum(c.count) FILTER (WHERE c.port_code NOT IN (p.new_port, p.old_port)
                                       AND c.month >= p.start) AS rest_after
              FROM pairs p JOIN crossings c ON c.border = p.border
                AND c.month >= p.start - INTERVAL 12 MONTH AND c.month < p.start + INTERVAL 12 MONTH
              GROUP BY ALL
            ), m AS (
              SELECT *, old_before * rest_after / rest_before - old_after AS missing FROM w
              WHERE old_before > 0 AND rest_before > 0
            )
            SELECT old_port, new_port, strftime(start, '%Y-%m') AS month, measure,
                   old_before, old_after, new_after
            FROM m WHERE new_after >= 1000 AND missing >= 0.3 * old_before
              AND new_after BETWEEN 0.67 * missing AND 1.5 * missing
            ORDER BY old_port, new_port, new_after DESC, measure`,
    });
    return rows.map((r) => ({
      from: String(r.old_port),
      to: String(r.new_port),
      month: String(r.month),
      evidence: {
        measure: String(r.measure),
        fromBefore: BigInt(r.old_before as bigint),
        fromAfter: BigInt((r.old_after as bigint | null) ?? 0n),
        toAfter: BigInt(r.new_after as bigint),
      },
    }));
  });
}

/** The twelve months either side of a known change, for its largest measures at the new port. */
async function evidenceFor(
  store: Store,
  from: string,
  to: string,
  month: string,
): Promise<ChangeEvidence[]> {
  // The same for every profile of either port: read once per change and loaded state.
  const rows = await runShared(store, {
    kind: 'compiled-query',
    name: 'port-change-evidence',
    tables: ['crossings'],
    params: { from, to, start: `${month}-01` },
    sql: `SELECT measure,
            sum(count) FILTER (WHERE port_code = $from AND month < $start::DATE) AS from_before,
            sum(count) FILTER (WHERE port_code = $from AND month >= $start::DATE) AS from_after,
            sum(count) FILTER (WHERE port_code = $to AND month >= $start::DATE) AS to_after
          FROM crossings WHERE port_code IN ($from, $to)
            AND month >= $start::DATE - INTERVAL 12 MONTH AND month < $start::DATE + INTERVAL 12 MONTH
          GROUP BY 1 HAVING from_before > 0 AND to_after > 0 ORDER BY to_after DESC, measure LIMIT 3`,
  });
  return rows.map((r) => ({
    measure: String(r.measure),
    fromBefore: BigInt(r.from_before as bigint),
    fromAfter: BigInt((r.from_after as bigint | null) ?? 0n),
    toAfter: BigInt(r.to_after as bigint),
  }));
}

async function combinedYears(store: Store, ports: string[]): Promise<CrossingYear[]> {
  // The same for every profile of these ports (whatever year is asked): read once per set of
  // ports and loaded state.
  const rows = await runShared(store, {
    kind: 'compiled-query',
    name: 'port-combined-by-year',
    tables: ['crossings'],
    params: { ports },
    sql: `WITH m AS (
            SELECT year(month)::INTEGER AS year, measure, sum(count) AS count,
                   count(DISTINCT month)::INTEGER AS months
            FROM crossings WHERE port_code IN (SELECT unnest($ports)) GROUP BY ALL
          ), p AS (
            SELECT year(month)::INTEGER AS year, count(DISTINCT month)::INTEGER AS port_months
            FROM crossings WHERE port_code IN (SELECT unnest($ports)) GROUP BY 1
          )
          SELECT * FROM m JOIN p USING (year) ORDER BY year, measure`,
  });
  const out: CrossingYear[] = [];
  for (const r of rows) {
    let y = out[out.length - 1];
    if (!y || y.year !== Number(r.year))
      out.push((y = { year: Number(r.year), months: Number(r.port_months), byMeasure: [] }));
    y.byMeasure.push({
      measure: String(r.measure),
      count: r.count as bigint,
      months: Number(r.months),
    });
  }
  return out;
}
