import { TABLES, type ModelTable } from '../model/tables.ts';
import { chName } from '../store/clickhouse-literal.ts';
import { EngineRefusal } from '../store/engine-refusal.ts';
import { conflictNotesQuery } from './conflict-notes.ts';
import {
  anyValue,
  compareBigDesc,
  compareNullsLast,
  compareNumbers,
  compareText,
  inList,
  isoSeconds,
  lit,
  monthText,
  monthsFrom,
  oneValueEach,
  onlyRead,
  sumWhere,
  whereClause,
  type Exec,
  type Translation,
} from './clickhouse-sql.ts';
import type { CompiledQuery, Row } from './compiled-query.ts';

/**
 * ClickHouse translations of the place analyses' queries (state, port, product and
 * Mexican-state profiles, the other rankings, maps), written as `clickhouse-dialect.ts`
 * describes. Where 18.16 has no construct a query needs (joins on anything but equal keys,
 * several joins in one SELECT, QUALIFY), the rows are read in parts and put together here
 * exactly as DuckDB's query puts them together.
 */

/** A port's crossings by year and measure, with the months it and the data cover. */
const crossingYears = (exec: Exec, where: string, perPort: boolean) => {
  const port = perPort ? 'port_code, ' : '';
  return exec(
    `SELECT ${port}year, measure, n AS count, months, port_months${perPort ? ', data_months' : ''} FROM (
       SELECT ${port}year, measure, n, months, port_months FROM (
         SELECT ${port}toInt32(toYear(month)) AS year, measure, ${sumWhere('`count`', '1')} AS n,
                toInt32(uniqExact(month)) AS months
         FROM crossings WHERE ${where} GROUP BY ${port}year, measure
       ) ALL INNER JOIN (
         SELECT ${port}toInt32(toYear(month)) AS year, toInt32(uniqExact(month)) AS port_months
         FROM crossings WHERE ${where} GROUP BY ${port}year
       ) USING (${port}year)
     )${
       perPort
         ? ` ALL INNER JOIN (
       SELECT toInt32(toYear(month)) AS year, toInt32(uniqExact(month)) AS data_months
       FROM crossings GROUP BY year
     ) USING year`
         : ''
     }
     ORDER BY ${port}year, measure`,
  );
};

/** `d - INTERVAL 12 MONTH` of a first of the month, 'YYYY-MM-DD'. */
const yearBefore = (d: string) =>
  `${String(Number(d.slice(0, 4)) - 1).padStart(4, '0')}${d.slice(4)}`;

const big = (v: unknown): bigint | null => (v == null ? null : BigInt(v as bigint));

export const PLACE_TRANSLATIONS: Record<string, Translation> = {
  // --- names -----------------------------------------------------------------------------
  'port-directory': {
    written: ['29fdfebb8268'],
    // `LEFT JOIN us_state s ON d.state IN (s.usps, s.name)` is no equality join: the three
    // parts are read and joined here as DuckDB joins them.
    run: async (q, exec) => {
      const [dir, alt, states] = await Promise.all([
        exec(
          `SELECT port_code, name, state, border, district, latitude, longitude
           FROM port_directory WHERE name IS NOT NULL ORDER BY port_code`,
        ),
        exec(
          `SELECT port_code, arraySort(groupUniqArray(name)) AS names, ${anyValue('border', 'border')}
           FROM port WHERE name IS NOT NULL GROUP BY port_code`,
        ).then((r) => oneValueEach(q, r)),
        exec(`SELECT usps, name FROM us_state`),
      ]);
      const altOf = new Map(alt.filter((a) => a.port_code != null).map((a) => [a.port_code, a]));
      return dir.flatMap((d) => {
        const a = d.port_code == null ? undefined : altOf.get(d.port_code);
        const matches =
          d.state == null ? [] : states.filter((s) => s.usps === d.state || s.name === d.state);
        return (matches.length ? matches : [{ usps: null, name: null }]).map((s) => ({
          code: d.port_code,
          name: d.name,
          state: s.usps ?? d.state,
          state_name: s.name,
          border: d.border ?? a?.border ?? null,
          district: d.district,
          latitude: d.latitude,
          longitude: d.longitude,
          names: a?.names ?? [],
        }));
      });
    },
  },
  'us-state-directory': {
    written: ['d244c5d0c7f9'],
    // Two parts ordered together by code (bytes, NULLs last, as DuckDB orders VARCHAR).
    run: async (q, exec) => {
      const [states, codes] = await Promise.all([
        exec(`SELECT usps AS code, fips, name FROM us_state`),
        exec(
          `SELECT code, ${anyValue('name', 'name')} FROM region
           WHERE code_list = 'us_state_code' GROUP BY code`,
        ).then((r) => oneValueEach(q, r)),
      ]);
      const usps = states.map((s) => s.code);
      // DuckDB's NOT IN: a NULL among the states' codes lets no region code through.
      const others = usps.includes(null)
        ? []
        : codes
            .filter((c) => c.code == null || !usps.includes(c.code))
            .filter((c) => c.code != null)
            .map((c) => ({ code: c.code, fips: null, name: c.name }));
      return [...states, ...others].sort((a, b) => compareNullsLast(a.code, b.code));
    },
  },
  'us-state-names-es': {
    written: ['44dc1e11366d'],
    run: (_q, exec) =>
      exec(
        `SELECT usps, name FROM (
           SELECT substring(code, 4) AS usps, min(name) AS name FROM subdivision
           WHERE country = 'US' AND lang = 'es' GROUP BY usps)
         ORDER BY usps`,
      ),
  },
  'mexican-state-codes': {
    written: ['2f3fdd76a7c4'],
    run: async (q, exec) =>
      oneValueEach(
        q,
        await exec(
          `SELECT code, ${anyValue('name', 'bts_name')} FROM region
           WHERE code_list = 'mexican_state' GROUP BY code ORDER BY code`,
        ),
      ),
  },
  'mexican-state-iso-names': {
    written: ['d6e0d6b88b61'],
    run: async (q, exec) =>
      oneValueEach(
        q,
        await exec(
          `SELECT code, ${anyValue(`if(lang = 'en', name, NULL)`, 'en')},
                  ${anyValue(`if(lang = 'es', name, NULL)`, 'es')}
           FROM subdivision WHERE country = 'MX' GROUP BY code`,
        ),
      ),
  },

  // --- products ----------------------------------------------------------------------------
  'hs-products': {
    written: ['0e4fab283f3c'],
    run: async (_q, exec) => {
      const [en, es, [nomenclature]] = await Promise.all([
        exec(
          `SELECT hs_code, level, description, 'en' AS lang FROM hs_product
           WHERE level IN (2, 4, 6)`,
        ),
        exec(
          `SELECT hs_code, level, name AS description, 'es' AS lang, hs_code IN (
             SELECT hs_code FROM ${exec.table('hs_product')}) AS known
           FROM hs_product_name WHERE lang = 'es' AND level IN (2, 4, 6)`,
          ['known'],
        ),
        exec(`SELECT count() AS n FROM hs_product`),
      ]);
      // Spanish names only for codes the nomenclature has, unless it is not loaded at all.
      const none = BigInt(nomenclature?.n as bigint) === 0n;
      const named = es.filter((r) => r.known === true || none).map(({ known: _, ...r }) => r);
      // ORDER BY 2, 1, 4: level, code, language.
      return [...en, ...named].sort(
        (a, b) =>
          compareNumbers(a.level, b.level) ||
          compareNullsLast(a.hs_code, b.hs_code) ||
          compareNullsLast(a.lang, b.lang),
      );
    },
  },
  // resolve-product.ts's (product-lines.ts's query of the same name reads every line, for a
  // busy embedded store only: a ClickHouse store never asks for it).
  'product-lines': {
    written: ['032fd75a1a1c'],
    run: (_q, exec) => exec(`SELECT DISTINCT hs_code FROM trade_product WHERE hs_code IS NOT NULL`),
  },
  'product-names-es': {
    written: ['e8a9156ccf78'],
    run: (q, exec) =>
      exec(
        `SELECT hs_code, name FROM hs_product_name
         WHERE lang = 'es' AND hs_code IN ${inList(q.params.codes)}`,
      ),
  },
  'product-classification': {
    written: ['a6f4d6d946cb'],
    run: async (_q, exec) => {
      const [products, sections] = await Promise.all([
        exec(`SELECT hs_code, level, section, description FROM hs_product`),
        exec(`SELECT section, name FROM hs_section WHERE section IS NOT NULL`),
      ]);
      return leftJoin(products, sections, 'section', 'section').map(([p, s]) => ({
        hs_code: p.hs_code,
        level: p.level,
        section: p.section,
        section_name: s?.name ?? null,
        description: p.description,
      }));
    },
  },
  'product-spanish-name-files': {
    written: ['e246bc2e7005'],
    run: (_q, exec) =>
      exec(
        `SELECT hs_code, arraySort(groupUniqArray(source_file_id)) AS files FROM hs_product_name
         WHERE lang = 'es' GROUP BY hs_code`,
      ),
  },
  'product-end-use': {
    written: ['c1e1b3d6c596'],
    // Several joins and a window: the four small tables read, joined here as DuckDB does.
    run: async (_q, exec) => {
      const [kids, bec, endUse, category] = await Promise.all([
        exec(`SELECT hs_code AS hs6 FROM hs_product WHERE level = 6`),
        exec(
          `SELECT hs6, hs_edition, bec_code FROM hs_bec
           WHERE hs_edition IN ('2022', '2017') AND hs6 IS NOT NULL`,
        ),
        exec(`SELECT bec_code, end_use FROM bec_end_use WHERE bec_code IS NOT NULL`),
        exec(`SELECT bec_code, description FROM bec_category WHERE bec_code IS NOT NULL`),
      ]);
      // m: each subheading's correspondences in its latest edition of the two.
      const joined = leftJoin(bec, kids, 'hs6', 'hs6')
        .filter(([, k]) => k !== null)
        .map(([b]) => b);
      const latest = new Map<unknown, string>();
      for (const b of joined) {
        const e = String(b.hs_edition);
        if (!latest.has(b.hs6) || e > latest.get(b.hs6)!) latest.set(b.hs6, e);
      }
      const m = joined.filter((b) => b.hs_edition === latest.get(b.hs6));
      const rows = leftJoin(kids, m, 'hs6', 'hs6').flatMap(([k, b]) =>
        leftJoin([b ?? { bec_code: null }], endUse, 'bec_code', 'bec_code').flatMap(([, e]) =>
          leftJoin([b ?? { bec_code: null }], category, 'bec_code', 'bec_code').map(([, c]) => ({
            hs6: k.hs6,
            hs_edition: b?.hs_edition ?? null,
            bec_code: b?.bec_code ?? null,
            end_use: e?.end_use ?? 'unmapped',
            bec_description: c?.description ?? null,
          })),
        ),
      );
      return rows.sort(
        (a, b) => compareNullsLast(a.hs6, b.hs6) || compareNullsLast(a.bec_code, b.bec_code),
      );
    },
  },
  'product-census-trade': {
    written: ['8d5e2e67c23e'],
    // The window (each partner, flow and period's coarsest lines) and the grouping are done
    // here over the lines' sums by level, read from ClickHouse.
    run: async (q, exec) => {
      const [lines, partners] = await Promise.all([
        exec(
          `SELECT partner_code, partner_name, flow, toString(period_start) AS ps,
                  toString(period_end) AS pe, hs_level,
                  ${sumWhere('value_usd', '1')} AS value_usd, ${sumWhere('duty_usd', '1')} AS duty_usd,
                  count() AS n
           FROM trade_product WHERE startsWith(hs_code, ${lit(q.params.code)})
             AND hs_level >= ${lit(q.params.level)} AND ifNull(geo_level, 'country') = 'country'
           GROUP BY partner_code, partner_name, flow, ps, pe, hs_level`,
        ),
        exec(`SELECT partner_code, name FROM partner WHERE partner_code IS NOT NULL`),
      ]);
      const key = (r: Row) => JSON.stringify([r.flow, r.partner_code, r.ps, r.pe]);
      const coarsest = new Map<string, number>();
      for (const r of lines) {
        const k = key(r);
        if (!coarsest.has(k) || Number(r.hs_level) < coarsest.get(k)!)
          coarsest.set(k, Number(r.hs_level));
      }
      const groups = new Map<string, Row[]>();
      for (const r of lines)
        if (Number(r.hs_level) === coarsest.get(key(r)))
          groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
      const nameOf = new Map<unknown, unknown[]>();
      for (const p of partners)
        nameOf.set(p.partner_code, [...(nameOf.get(p.partner_code) ?? []), p.name]);
      const out = [...groups.values()].map((g) => {
        const r = g[0]!;
        // coalesce(any_value(p.name), any_value(t.partner_name)): one name each, or refused.
        const own = one(
          q,
          'name',
          (nameOf.get(r.partner_code) ?? []).filter((n) => n != null),
        );
        const traded = one(
          q,
          'partner_name',
          g.map((x) => x.partner_name).filter((n) => n != null),
        );
        return {
          partner_code: r.partner_code,
          name: own ?? traded,
          flow: r.flow,
          period_start: r.ps == null ? null : String(r.ps).slice(0, 7),
          period_end: r.pe == null ? null : String(r.pe).slice(0, 7),
          value_usd: sumOrNull(g.map((x) => big(x.value_usd))),
          duty_usd: sumOrNull(g.map((x) => big(x.duty_usd))),
          level: Number(r.hs_level),
          lines: g.reduce((a, x) => a + Number(x.n), 0),
        };
      });
      return out.sort(
        (a, b) =>
          compareBigDesc(a.value_usd, b.value_usd) ||
          compareNullsLast(a.partner_code, b.partner_code),
      );
    },
  },
  'product-data-coverage': {
    written: ['e4556074603c'],
    run: async (_q, exec) => {
      const where = `ifNull(geo_level, 'country') = 'country'`;
      const [flows, traders, partners] = await Promise.all([
        exec(
          `SELECT flow, first, last, levels FROM (
             SELECT flow, ${monthText('min(period_start)')} AS first,
                    ${monthText('max(period_end)')} AS last,
                    arraySort(groupUniqArray(hs_level)) AS levels
             FROM trade_product WHERE ${where} GROUP BY flow)
           ORDER BY flow`,
        ),
        exec(`SELECT DISTINCT flow, partner_code, partner_name FROM trade_product WHERE ${where}`),
        exec(`SELECT partner_code, name FROM partner WHERE partner_code IS NOT NULL`),
      ]);
      return flows.map((f) => {
        const seen = new Map<string, { code: unknown; name: unknown }>();
        for (const [t, p] of leftJoin(
          traders.filter((t) => t.flow === f.flow),
          partners,
          'partner_code',
          'partner_code',
        )) {
          const v = { code: t.partner_code, name: p?.name ?? t.partner_name };
          seen.set(JSON.stringify(v), v);
        }
        return {
          flow: f.flow,
          first: f.first,
          last: f.last,
          partners: [...seen.values()],
          levels: f.levels,
        };
      });
    },
  },
  'product-chapters-transborder': {
    written: ['f13c82ca9bab'],
    run: (q, exec) =>
      exec(
        `SELECT hs2, partner_code, flow, value_usd, files FROM (
           SELECT hs2, partner_code, flow, ${sumWhere('value_usd', '1')} AS value_usd,
                  arraySort(groupUniqArray(source_file_id)) AS files
           FROM transborder_state_hs2 WHERE ${monthText()} = ${lit(q.params.month)}
           GROUP BY hs2, partner_code, flow)
         ORDER BY hs2, partner_code DESC, flow`,
      ),
  },

  // The files of whole tables a result cites (`provenance` in provenance.ts): its SQL is
  // assembled from the tables, so it is read back part by part, anything else refused.
  'current-files': {
    written: ['*'],
    run: (q, exec) => {
      const ids = /WHERE id IN \((.*)\) ORDER BY source, series, vintage, id$/s.exec(q.sql.trim());
      const parts = (ids?.[1] ?? '').split(' UNION ').map((p) => {
        const m =
          /^SELECT DISTINCT source_file_id FROM ([a-z_0-9]+)( WHERE series = \$series)?$/.exec(
            p.trim(),
          );
        if (!m)
          throw new EngineRefusal(
            'ClickHouse',
            'this analysis',
            `its query '${q.name}' reads files it does not know`,
          );
        return `SELECT source_file_id FROM ${exec.table(m[1]!)}${m[2] ? ` WHERE series = ${lit(q.params.series)}` : ''}`;
      });
      return exec(
        `SELECT source, series, vintage, path, sha256,
                if(period_from IS NULL, NULL, concat(period_from, ' – ', period_to)) AS periods
         FROM source_file WHERE id IN (${parts.join(' UNION ALL ')})
         ORDER BY source, series, vintage, id`,
      );
    },
  },

  // --- rankings and the map ----------------------------------------------------------------
  ...Object.fromEntries(
    // Ports or measures by a crossing measure's count (`/api/top/ports?measure=…`); the row's
    // port_name is min(port_name) on both engines.
    (['port', 'measure'] as const).map((by) => [
      `crossings-by-${by}`,
      {
        written: ['*'],
        run: (q: CompiledQuery, exec: Exec) => {
          const read = onlyRead(q);
          return exec(
            `SELECT key, port_name, n AS count, months FROM (
               SELECT ${by === 'port' ? 'port_code' : 'measure'} AS key, min(port_name) AS port_name,
                      ${sumWhere('`count`', '1')} AS n, toInt32(uniqExact(month)) AS months
               FROM crossings WHERE ${whereClause(read.where, read.params ?? {})}
               GROUP BY key)
             ORDER BY n DESC, key LIMIT ${lit(q.params.limit)}`,
          );
        },
      },
    ]),
  ),
  'crossing-years': {
    written: ['b77af33ae7d3'],
    run: (_q, exec) =>
      exec(
        `SELECT toInt32(toYear(month)) AS year, toInt32(uniqExact(month)) AS months
         FROM crossings GROUP BY year ORDER BY year`,
      ),
  },
  'port-map-counts': {
    written: ['747e3144c5d8'],
    run: (q, exec) =>
      exec(
        `SELECT port_code, n AS count FROM (
           SELECT port_code, ${sumWhere('`count`', '1')} AS n FROM crossings
           WHERE measure = ${lit(q.params.measure)} AND toYear(month) = ${lit(q.params.year)}
           GROUP BY port_code)`,
      ),
  },
  'port-map-ports': {
    written: ['fa8b1c693084'],
    run: (_q, exec) =>
      exec(
        `SELECT port_code, name, state, border, latitude, longitude FROM port_directory
         WHERE latitude IS NOT NULL AND border IS NOT NULL
           AND port_code IN (SELECT DISTINCT port_code FROM ${exec.table('crossings')})`,
      ),
  },
  'product-years': {
    written: ['286cbfed7c92'],
    run: (_q, exec) =>
      exec(
        `SELECT flow, toInt32(toYear(period_end)) AS year, count() AS n FROM trade_product
         WHERE ifNull(geo_level, 'country') = 'country' GROUP BY flow, year
         ORDER BY n DESC, flow, year`,
      ),
  },
  'top-products': {
    written: ['3f5a9573e900'],
    run: (q, exec) => {
      const { flow, year, level, partner, limit } = q.params;
      return exec(
        `SELECT hs_code, value_usd FROM (
           SELECT substring(hs_code, 1, ${lit(level)}) AS code, ${sumWhere('value_usd', '1')} AS value_usd
           FROM trade_product WHERE ifNull(geo_level, 'country') = 'country'
             AND flow = ${lit(flow)} AND period_end >= toDate(${lit(`${String(year)}-01-01`)})
             AND period_end < toDate(${lit(`${Number(year) + 1}-01-01`)})
             ${partner == null ? '' : `AND partner_code = ${lit(partner)}`}
           GROUP BY code)
         ORDER BY value_usd DESC, code LIMIT ${lit(limit)}`.replace(
          'SELECT hs_code,',
          'SELECT code AS hs_code,',
        ),
      );
    },
  },
  'top-products-total': {
    written: ['2074d2b7b11a'],
    run: (q, exec) => {
      const { flow, year, partner } = q.params;
      return exec(
        `SELECT ${sumWhere('value_usd', '1')} AS total FROM trade_product
         WHERE flow = ${lit(flow)} AND toYear(period_end) = ${lit(year)}
           ${partner == null ? '' : `AND partner_code = ${lit(partner)}`}
           AND ifNull(geo_level, 'country') = 'country'`,
      );
    },
  },
  'hs-descriptions': {
    written: ['92e7d343e759'],
    run: (_q, exec) => exec(`SELECT hs_code, description FROM hs_product`),
  },

  // --- port profiles ---------------------------------------------------------------------
  'port-crossings-by-year': {
    written: ['cd1593954895'],
    run: (_q, exec) => crossingYears(exec, 'port_code IS NOT NULL', true),
  },
  'port-combined-by-year': {
    written: ['fb15e07c2e58'],
    run: (q, exec) => crossingYears(exec, `port_code IN ${inList(q.params.ports)}`, false),
  },
  'port-crossings-by-month': {
    written: ['49168cda2d8b'],
    run: (q, exec) =>
      exec(
        `SELECT measure, m AS month, n AS count FROM (
           SELECT measure, ${monthText()} AS m, ${sumWhere('`count`', '1')} AS n
           FROM crossings WHERE port_code = ${lit(q.params.port)} GROUP BY measure, m)
         ORDER BY measure, month`,
      ),
  },
  'port-change-evidence': {
    written: ['3e1553476dc1'],
    run: (q, exec) => {
      const { from, to, start } = q.params;
      const at = `toDate(${lit(start)})`;
      return exec(
        `SELECT measure, from_before, from_after, to_after FROM (
           SELECT measure,
                  ${sumWhere('`count`', `port_code = ${lit(from)} AND month < ${at}`)} AS from_before,
                  ${sumWhere('`count`', `port_code = ${lit(from)} AND month >= ${at}`)} AS from_after,
                  ${sumWhere('`count`', `port_code = ${lit(to)} AND month >= ${at}`)} AS to_after
           FROM crossings WHERE port_code IN (${lit(from)}, ${lit(to)})
             AND month >= ${monthsFrom(start, -12)} AND month < ${monthsFrom(start, 12)}
           GROUP BY measure)
         WHERE from_before > 0 AND to_after > 0
         ORDER BY to_after DESC, measure LIMIT 3`,
      );
    },
  },
  'port-splits': {
    written: ['58edd4785a92'],
    // The ports and their pairs are few: paired here; the twelve months either side are
    // summed in ClickHouse, and the split test (`m`) is applied here in DuckDB's arithmetic
    // (exact integers, then the division in doubles).
    run: async (q, exec) => {
      const [ports, [first]] = await Promise.all([
        exec(
          `SELECT port_code, ${anyValue('state', 'state')}, ${anyValue('border', 'border')},
                  toString(min(month)) AS start
           FROM crossings WHERE port_code IS NOT NULL GROUP BY port_code`,
        ).then((r) => oneValueEach(q, r)),
        exec(`SELECT toString(min(month)) AS m FROM crossings`),
      ]);
      const pairs: { n: Row; o: Row }[] = [];
      for (const n of ports)
        for (const o of ports)
          if (
            n.state != null &&
            n.border != null &&
            o.state === n.state &&
            o.border === n.border &&
            o.port_code !== n.port_code &&
            String(o.start) <= yearBefore(String(n.start)) &&
            String(n.start) > String(first?.m)
          )
            pairs.push({ n, o });
      if (pairs.length === 0) return [];
      // Each pair's border and the 24 months around the new port's start: the border's sums
      // (rows with a port) and the paired ports' sums by measure and month, read once; the rest
      // of the border is the border less the two ports (with the count of rows holding a
      // number, so a sum of nothing stays NULL as DuckDB's).
      const windows = [...new Set(pairs.map(({ n }) => JSON.stringify([n.border, n.start])))]
        .map((w) => JSON.parse(w) as [string, string])
        .map(
          ([b, st]) =>
            `(border = ${lit(b)} AND month >= ${monthsFrom(st, -12)} AND month < ${monthsFrom(st, 12)})`,
        )
        .join(' OR ');
      const codes = [...new Set(pairs.flatMap(({ n, o }) => [n.port_code, o.port_code]))];
      const sums = (by: string, where: string) =>
        exec(
          `SELECT ${by} AS k, measure, toString(month) AS m, ${sumWhere('`count`', '1')} AS s,
                  countIf(\`count\` IS NOT NULL) AS n
           FROM crossings WHERE port_code IS NOT NULL AND border IS NOT NULL AND (${windows})
             ${where} GROUP BY k, measure, m`,
        );
      const [border, port] = await Promise.all([
        sums('border', ''),
        sums('port_code', `AND port_code IN (${codes.map(lit).join(', ')})`),
      ]);
      type Cell = { s: bigint; n: bigint };
      const cells = (rows: Row[]) => {
        const m = new Map<string, Cell>();
        for (const r of rows)
          m.set(JSON.stringify([r.k, r.measure, r.m]), {
            s: big(r.s) ?? 0n,
            n: BigInt(r.n as bigint),
          });
        return m;
      };
      const borderCells = cells(border);
      const portCells = cells(port);
      const w: Row[] = [];
      for (const { n, o } of pairs) {
        const st = String(n.start);
        const lo = yearBefore(st);
        const hi = `${String(Number(st.slice(0, 4)) + 1).padStart(4, '0')}${st.slice(4)}`;
        const rows = border.filter(
          (r) => r.k === n.border && String(r.m) >= lo && String(r.m) < hi,
        );
        for (const measure of new Set(rows.map((r) => r.measure))) {
          const total = (code: unknown, before: boolean) => {
            const acc = { s: 0n, n: 0n };
            for (const r of rows) {
              if (r.measure !== measure || String(r.m) < st !== before) continue;
              const c = (code === null ? borderCells : portCells).get(
                JSON.stringify([code ?? n.border, measure, r.m]),
              );
              if (c) {
                acc.s += c.s;
                acc.n += c.n;
              }
            }
            return acc;
          };
          const value = (c: Cell) => (c.n === 0n ? null : c.s);
          const rest = (before: boolean) => {
            const [all, a, b] = [
              total(null, before),
              total(o.port_code, before),
              total(n.port_code, before),
            ];
            return value({ s: all.s - a.s - b.s, n: all.n - a.n - b.n });
          };
          w.push({
            new_port: n.port_code,
            old_port: o.port_code,
            start_text: st,
            measure,
            old_before: value(total(o.port_code, true)),
            old_after: value(total(o.port_code, false)),
            new_after: value(total(n.port_code, false)),
            rest_before: rest(true),
            rest_after: rest(false),
          });
        }
      }
      const out: Row[] = [];
      for (const r of w) {
        const [ob, oa, na, rb, ra] = [
          r.old_before,
          r.old_after,
          r.new_after,
          r.rest_before,
          r.rest_after,
        ].map(big);
        if (ob == null || rb == null || !(ob > 0n && rb > 0n)) continue;
        if (oa == null || na == null || ra == null) continue;
        const missing = Number(ob * ra) / Number(rb) - Number(oa);
        if (!(na >= 1000n && missing >= Number(3n * ob) / 10)) continue;
        if (!(Number(na) >= 0.67 * missing && Number(na) <= 1.5 * missing)) continue;
        out.push({
          old_port: r.old_port,
          new_port: r.new_port,
          month: String(r.start_text).slice(0, 7),
          measure: r.measure,
          old_before: ob,
          old_after: oa,
          new_after: na,
        });
      }
      return out.sort(
        (a, b) =>
          compareText(a.old_port, b.old_port) ||
          compareText(a.new_port, b.new_port) ||
          (a.new_after === b.new_after
            ? 0
            : (a.new_after as bigint) > (b.new_after as bigint)
              ? -1
              : 1) ||
          compareNullsLast(a.measure, b.measure),
      );
    },
  },
  // Conflict notes (`conflict-notes.ts`): the `<table>_all` rows publish copies (see its
  // EXTRA), so whether a current file stated a key twice is known on ClickHouse too.
  'has-conflicts': {
    written: ['*'],
    run: async (q, exec) => {
      const all = `${allTable(q)}`;
      const [r] = await exec(
        `SELECT count() > 0 AS found FROM (
           SELECT 1 FROM ${all} WHERE current AND set_aside = 'conflict' LIMIT 1)`,
        ['found'],
      );
      return [{ found: r?.found === true }];
    },
  },
  'conflict-notes': {
    written: ['*'],
    // Conflicts are few: the keys stated twice are read, then the current rows of those keys
    // (narrowed by each grain column's values), matched NULL-safely, grouped and ordered here.
    run: async (q, exec) => {
      const { table, grain, measure, by } = conflictShape(q);
      const types = TABLES[table].columns as Record<string, string>;
      const text = (c: string) => {
        const t = types[c];
        if (t === 'VARCHAR') return chName(c);
        if (t === 'DATE' || t === 'INTEGER' || t === 'BIGINT' || t === 'SMALLINT')
          return `toString(${chName(c)})`;
        throw new EngineRefusal(
          'ClickHouse',
          'this analysis',
          `its query '${q.name}' keys rows by a ${String(t)} column`,
        );
      };
      const all = `${table}_all`;
      const cols = grain.map((g, i) => `${text(g)} AS g${i}`).join(', ');
      const keys = await exec(
        `SELECT source_file_id, ${cols} FROM ${all} WHERE current AND set_aside = 'conflict'`,
      );
      if (keys.length === 0) return [];
      const narrow = grain.map((g, i) => {
        const values = [...new Set(keys.map((k) => k[`g${i}`]).filter((v) => v != null))];
        const parts = [
          ...(values.length ? [`${text(g)} IN (${values.map(lit).join(', ')})`] : []),
          ...(keys.some((k) => k[`g${i}`] == null) ? [`${chName(g)} IS NULL`] : []),
        ];
        return `(${parts.join(' OR ')})`;
      });
      const filters = Object.keys(q.params)
        .sort()
        .map((p) => `${chName(conflictFilterColumn(q, p))} = ${lit(q.params[p])}`);
      const [rows, files] = await Promise.all([
        exec(
          `SELECT source_file_id, ${cols}, ${chName(measure)} AS v, set_aside
                  ${by.map((c, i) => `, ${text(c)} AS by${i}`).join('')}
           FROM ${all} WHERE current AND (set_aside IS NULL OR set_aside = 'conflict')
             AND source_file_id IN (${[...new Set(keys.map((k) => Number(k.source_file_id)))].join(', ')})
             AND ${[...narrow, ...filters].join(' AND ')}`,
        ),
        exec(`SELECT id, path FROM source_file`),
      ]);
      const tuple = (r: Row) =>
        JSON.stringify([Number(r.source_file_id), ...grain.map((_, i) => r[`g${i}`] ?? null)]);
      const conflicted = new Set(keys.map(tuple));
      const pathOf = new Map(files.map((f) => [Number(f.id), String(f.path)]));
      const groups = new Map<string, Row[]>();
      for (const r of rows) {
        if (!conflicted.has(tuple(r))) continue;
        const k = grain
          .map((_, i) => r[`g${i}`])
          .filter((v) => v != null)
          .join(', ');
        groups.set(k, [...(groups.get(k) ?? []), r]);
      }
      return [...groups.entries()]
        .sort(([a], [b]) => compareText(a, b))
        .map(([k, g]) => {
          const stated = [...g].sort(
            (a, b) =>
              (a.set_aside == null ? 0 : 1) - (b.set_aside == null ? 0 : 1) ||
              compareBigDesc(big(a.v), big(b.v)),
          );
          const file = one(
            q,
            'file',
            g.map((r) => /[^/]+$/.exec(pathOf.get(Number(r.source_file_id)) ?? '')?.[0] ?? ''),
          );
          return {
            k,
            file,
            stated: stated.map((r) => r.v),
            ...Object.fromEntries(
              by.map((_, i) => [
                `by${i}`,
                one(
                  q,
                  `by${i}`,
                  g.map((r) => r[`by${i}`]).filter((v) => v != null),
                ),
              ]),
            ),
          };
        });
    },
  },
  'port-wait-times': {
    written: ['9cea4ead5b30'],
    // QUALIFY row_number() … = 1 is each lane's latest reading: argMax of the reading by its
    // instant (ISO text in UTC orders as the instants do; a NULL instant last, as DuckDB's
    // DESC puts it). The reading is one tuple of values and NULL flags: 18.16 mixes up the
    // rows of a tuple holding NULLs, and skips NULLs given to argMax alone.
    run: async (_q, exec) =>
      await exec(
        `SELECT port_code, port_number, port_name, crossing_name, matched_by, readings,
                ${isoSeconds('first_observed')} AS first_observed,
                ${isoSeconds('last_observed')} AS last_observed,
                ${isoSeconds('last_wait')} AS last_wait,
                lane_type, lane_kind, ${isoSeconds(latestField(1))} AS observed_at,
                ${latestField(2)} AS operational_status, ${latestField(3)} AS delay_minutes,
                ${latestField(4)} AS lanes_open, ${latestField(5)} AS source_file_id
         FROM (
           SELECT port_code, port_number, port_name, crossing_name, matched_by, readings,
                  first_observed, last_observed, last_wait
           FROM cbp_crossing WHERE port_code IS NOT NULL
         ) ALL INNER JOIN (
           SELECT port_number, lane_type, lane_kind,
                  argMax(tuple(${LATEST.map((c) => `ifNull(${c}, ${c === 'observed_at' || c === 'operational_status' ? "''" : '0'}), isNull(${c})`).join(', ')}),
                         ifNull(observed_at, '')) AS latest
           FROM wait_times WHERE port_number IN (
             SELECT port_number FROM ${exec.table('cbp_crossing')} WHERE port_code IS NOT NULL)
           GROUP BY port_number, lane_type, lane_kind
         ) USING port_number
         ORDER BY port_code, port_number, lane_type, lane_kind`,
      ),
  },
};

/** The table, grain, measure and reported columns of a `conflict-notes` query, checked by rebuilding it. */
function conflictShape(q: CompiledQuery): {
  table: ModelTable;
  grain: readonly string[];
  measure: string;
  by: string[];
} {
  const table = q.tables[0] as ModelTable | undefined;
  const spec = table && PUBLISHED_ALL.includes(table) ? TABLES[table] : undefined;
  const grain = spec?.grain ?? [];
  const measure = spec?.measures?.[0];
  const by = [...q.sql.matchAll(/any_value\(t\."([a-z_0-9]+)"\)::VARCHAR AS by\d+/g)].map(
    (m) => m[1]!,
  );
  const where = Object.fromEntries(
    Object.keys(q.params).map((p) => [conflictFilterColumn(q, p), String(q.params[p])]),
  );
  if (!table || !measure || conflictNotesQuery(table, where, grain, measure, by).sql !== q.sql)
    throw new EngineRefusal(
      'ClickHouse',
      'this analysis',
      `its query '${q.name}' is not a conflict search it knows`,
    );
  return { table, grain, measure, by };
}

function conflictFilterColumn(q: CompiledQuery, p: string): string {
  const m = new RegExp(`AND t\\."([a-z_0-9]+)" = \\$${p}\\b`).exec(q.sql);
  if (!/^p\d+$/.test(p) || !m)
    throw new EngineRefusal(
      'ClickHouse',
      'this analysis',
      `its query '${q.name}' is not a conflict search it knows`,
    );
  return m[1]!;
}

/** Model tables whose every row (`<t>_all`, with `current` and `set_aside`) publish copies. */
const PUBLISHED_ALL = ['trade_country_month', 'crossings'];

function allTable(q: CompiledQuery): string {
  const t = q.tables[0];
  if (!t || !PUBLISHED_ALL.includes(t) || q.sql !== hasConflictsSql(t))
    throw new EngineRefusal(
      'ClickHouse',
      'this analysis',
      `its query '${q.name}' reads a table publish does not copy whole`,
    );
  return `${t}_all`;
}

const hasConflictsSql = (t: string) =>
  `SELECT EXISTS (SELECT 1 FROM ${t}_all WHERE current AND set_aside = 'conflict')`;

/** The columns of a lane's latest reading (`port-wait-times`), in its tuple with NULL flags. */
const LATEST = [
  'observed_at',
  'operational_status',
  'delay_minutes',
  'lanes_open',
  'source_file_id',
];
const latestField = (i: number) =>
  `if(tupleElement(latest, ${2 * i}), NULL, tupleElement(latest, ${2 * i - 1}))`;

/** DuckDB's `a LEFT JOIN b ON a.x = b.y`: every match, or the row alone (NULL never matches). */
function leftJoin(a: Row[], b: Row[], x: string, y: string): [Row, Row | null][] {
  const byKey = new Map<unknown, Row[]>();
  for (const r of b) if (r[y] != null) byKey.set(r[y], [...(byKey.get(r[y]) ?? []), r]);
  return a.flatMap((r): [Row, Row | null][] => {
    const m = r[x] == null ? undefined : byKey.get(r[x]);
    return m ? m.map((s): [Row, Row | null] => [r, s]) : [[r, null]];
  });
}

/** DuckDB's `any_value` of values that must agree (NULLs left out), or a refusal. */
function one(q: CompiledQuery, what: string, values: unknown[]): unknown {
  if (new Set(values).size > 1)
    throw new EngineRefusal(
      'ClickHouse',
      'this analysis',
      `its query '${q.name}' takes any one of differing values of ${what}, which ClickHouse need not choose as DuckDB does`,
    );
  return values[0] ?? null;
}

/** DuckDB's `sum` of sums: NULL when every part is NULL. */
function sumOrNull(values: (bigint | null)[]): bigint | null {
  const known = values.filter((v): v is bigint => v !== null);
  return known.length === 0 ? null : known.reduce((a, v) => a + v, 0n);
}
