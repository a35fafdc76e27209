import { runQuery } from '../analytics/compiled-query.ts';
import type { Store } from '../store/open-store.ts';
import { S232_COUNTRIES, SECTION_232_2022_2025, type Material } from './section-232-regime.ts';
import { segmentWeight, type MeasureInputs } from './section301-measures.ts';

/**
 * The dated Section 232 measure table: for a partner, a kind of product (steel, aluminium, or
 * their derivatives) and each day of a year, which chapter 99 heading applies, at what rate,
 * and on what share of the imports. Read from the HTS chapter 99 headings themselves (the 2024
 * basic edition in force on 1 January 2024, and the 2025 edition for the headings added during
 * 2024), since the 2026 printing's U.S. note 16 is the 2026 regime (9903.82) and no longer shows
 * 2024's. The rules, each from the headings' text:
 *
 * 1. Steel 9903.80.01 and its derivatives 9903.80.03 (+25%), aluminium 9903.85.01 and its
 *    derivatives 9903.85.03 (+10%), except the products of the countries those headings name:
 *    Canada, Mexico, Australia, Argentina (and Brazil and South Korea for steel) pay nothing.
 * 2. The EU (note 16(f), subheadings 9903.80.65–9903.81.19; note 19(a)(v), 9903.85.27–.44)
 *    and, for steel, Japan and the United Kingdom (note 16(g), 9903.81.25–.78) enter free within
 *    tariff-rate quotas; over the quota the general heading's rate applies. The share of a
 *    partner's imports over the quota is unknown (the extracts carry no quantities).
 *    Derivatives of the EU, Japan and the UK are named in 9903.80.03's exceptions, and of the EU
 *    and the UK in 9903.85.03's.
 * 3. Mexico: steel 9903.81.85 and derivatives 9903.81.86 (+25%, U.S. note 16(h), which the 2025
 *    text of 9903.80.01 names) where the steel was melted and poured outside the United States,
 *    Mexico or Canada; aluminium 9903.85.71 and .72 (+10%)
 *    where the primary aluminium was smelted or cast in China, Russia, Belarus or Iran. They are
 *    in the 2025 edition and not in the 2024 one; the day they began, 10 July 2024, is the
 *    Proclamations of 10 July 2024 on steel and on aluminium (not in the bundle: stated here).
 *    The share of Mexico's imports they reach is unknown.
 * 4. An unknown share takes an estimate where the bundle gives one (the DataWeb download's
 *    calculated duty on the partner's in-scope lines, `dataweb_product`, inverted to the share
 *    that paid), else 0 (the partner's exemption or quota is taken to hold); the range runs
 *    from none paying to all paying, like the Section 301 exclusions.
 */

export type S232Kind = 'steel' | 'steel_derivative' | 'aluminum' | 'aluminum_derivative';
export const S232_KINDS: readonly S232Kind[] = [
  'steel',
  'steel_derivative',
  'aluminum',
  'aluminum_derivative',
];

export type ShareId =
  'mexico_steel' | 'mexico_aluminum' | 'eu_steel' | 'eu_aluminum' | 'jp_uk_steel' | 'uk_aluminum';

export interface ShareAssumption {
  id: ShareId;
  /** The share of the partner's in-scope imports the heading reaches: central, 0, 1. */
  central: number;
  what: string;
  source: string;
}

export interface S232Segment {
  from: string;
  to: string;
  /** The heading that charges (null: none does). */
  heading: string | null;
  reference: string;
  rate: number;
  /** The heading under which the rest enters free (quota or exemption), if any. */
  freeUnder: string | null;
  share: ShareId | null;
}

export interface S232Inputs {
  rates: Map<string, number>;
  /** Headings in the year's edition (false: only in the next, so added during the year). */
  inEdition: Map<string, boolean>;
  texts: Map<string, string>;
  shares: Map<ShareId, ShareAssumption>;
  /** 10-digit or 8-digit in-quota subheadings per partner group and HTS code. */
  quotaHeadings: Map<string, string>;
  conflicts: string[];
  /** How the year's state was reconstructed from the editions, stated with every line. */
  readings: string[];
}

/** Headings added during 2024 and the day they began (Proclamations of 10 July 2024). */
const ADDED_ON: Record<string, string> = {
  '9903.81.85': '2024-07-10',
  '9903.81.86': '2024-07-10',
  '9903.85.71': '2024-07-10',
  '9903.85.72': '2024-07-10',
};

const GENERAL: Record<S232Kind, { heading: string; note: string }> = {
  steel: { heading: '9903.80.01', note: 'U.S. note 16(b)' },
  steel_derivative: { heading: '9903.80.03', note: 'U.S. note 16(a)(ii)' },
  aluminum: { heading: '9903.85.01', note: 'U.S. note 19(a)(i), (b)' },
  aluminum_derivative: { heading: '9903.85.03', note: 'U.S. note 19(a)(iii)' },
};

const dotted = (c: string) => `${c.slice(0, 4)}.${c.slice(4, 6)}.${c.slice(6, 8)}`;

type Group = 'eu' | 'canada' | 'mexico' | 'japan' | 'uk' | 'exempt' | 'steel_quota' | 'other';

function group(code: string): Group {
  const C = S232_COUNTRIES;
  if ((C.EU as readonly string[]).includes(code)) return 'eu';
  if (code === C.CANADA) return 'canada';
  if (code === C.MEXICO) return 'mexico';
  if (code === C.JAPAN) return 'japan';
  if (code === C.UNITED_KINGDOM) return 'uk';
  if (code === C.AUSTRALIA || code === C.ARGENTINA) return 'exempt';
  if (code === C.BRAZIL || code === C.SOUTH_KOREA) return 'steel_quota';
  return 'other';
}

/**
 * The exceptions each general heading's text must name (checked on read; a text that does not
 * is reported as a conflict, the rule kept).
 */
const NAMED: Record<S232Kind, RegExp[]> = {
  steel: [/of Canada/, /of Mexico/, /European Union/, /of Japan/, /United Kingdom/, /of Australia/],
  steel_derivative: [
    /of Canada/,
    /of Mexico/,
    /European Union/,
    /of Japan/,
    /United Kingdom/,
    /of Australia/,
  ],
  aluminum: [/of Canada/, /of Mexico/, /European Union/, /of Australia/, /of Argentina/],
  aluminum_derivative: [
    /of Canada/,
    /of Mexico/,
    /European Union/,
    /United Kingdom/,
    /of Australia/,
  ],
};

/** Everything the table is built from, read once. */
export async function s232Inputs(store: Store, year: number): Promise<S232Inputs> {
  const heads = await runQuery(store, {
    kind: 'compiled-query',
    name: 's232-headings',
    tables: ['hts_line'],
    params: { year },
    sql: `SELECT year, hts_code, indent, general_rate, description FROM hts_line
          WHERE is_chapter99 AND (hts_code LIKE '990380%' OR hts_code LIKE '990381%'
                                  OR hts_code LIKE '990385%')
            AND year IN ($year, $year + 1)`,
  });
  const rates = new Map<string, number>();
  const inEdition = new Map<string, boolean>();
  const texts = new Map<string, string>();
  const quotaHeadings = new Map<string, string>();
  const conflicts: string[] = [];
  // The year's own edition first; a heading only in the next edition was added during the year.
  const sorted = [...heads].sort((a, b) => Number(a.year) - Number(b.year));
  for (const h of sorted) {
    const code = dotted(String(h.hts_code));
    const own = Number(h.year) === year;
    if (inEdition.has(code) && !own) continue;
    inEdition.set(code, own);
    texts.set(code, String(h.description ?? ''));
    const m = /\+\s*(\d+(?:\.\d+)?)\s*%/.exec(String(h.general_rate ?? ''));
    rates.set(code, m ? Number(m[1]) / 100 : 0);
    if (!own) continue;
    // In-quota subheadings: the products each names (8-digit subheadings, 10-digit numbers).
    const n = Number(code.slice(5, 7) + code.slice(8));
    const quota =
      code.startsWith('9903.8') &&
      ((n >= 8065 && n <= 8119 && 'eu') ||
        (n >= 8125 && n <= 8178 && 'jp_uk') ||
        (n >= 8527 && n <= 8544 && 'eu_alu') ||
        (n >= 8551 && n <= 8566 && 'uk_alu'));
    if (!quota) continue;
    const desc = String(h.description ?? '');
    // Numbers inside "(except for statistical reporting numbers …)" are not the heading's.
    const named = desc.replace(/\(except[^)]*\)/g, '');
    for (const c of named.matchAll(/\b(\d{4})\.(\d{2})\.(\d{2})(\d{2})?\b/g)) {
      const k = `${quota} ${c[1]}${c[2]}${c[3]}${c[4] ?? ''}`;
      if (!quotaHeadings.has(k)) quotaHeadings.set(k, code);
    }
  }
  for (const kind of S232_KINDS) {
    const g = GENERAL[kind];
    const text = texts.get(g.heading);
    if (text === undefined) {
      conflicts.push(`heading ${g.heading} (${kind}) is in no loaded HTS edition of ${year}`);
      continue;
    }
    for (const re of NAMED[kind])
      if (!re.test(text))
        conflicts.push(`${g.heading}'s text does not name "${re.source}" among its exceptions`);
  }
  const readings: string[] = [];
  for (const [h, day] of Object.entries(ADDED_ON)) {
    if (inEdition.get(h) === true && day.startsWith(String(year)))
      conflicts.push(`${h} is already in the ${year} edition, though it began on ${day}`);
    else if (inEdition.get(h) === false)
      readings.push(
        `${h} is in the ${year + 1} edition and not in the ${year} one: in force from ${day} (Proclamations of 10 July 2024)`,
      );
  }
  // The next edition's general heading conditions Mexico's exception on note 16(h): the same
  // change, seen from the other side.
  const next = heads.find((h) => Number(h.year) === year + 1 && String(h.hts_code) === '99038001');
  if (next && /Mexico \(as specified in subdivision \(h\)/.test(String(next.description)))
    readings.push(
      `the ${year + 1} text of 9903.80.01 excepts Mexico only "as specified in subdivision (h)(i)" of note 16; the ${year} text excepts it outright`,
    );
  readings.push(
    'the 2026 printing of U.S. note 16 is the 2026 regime (9903.82.02–.19): the 2024 steel treatment is read from the 2024 and 2025 HTS headings; note 19 subdivisions (a)–(e) still state the aluminium treatment before 12 March 2025',
  );
  return {
    rates,
    inEdition,
    texts,
    shares: await shareAssumptions(store, year),
    quotaHeadings,
    conflicts,
    readings,
  };
}

/**
 * The shares nobody publishes, each labelled: an estimate inverted from the DataWeb download's
 * calculated duty where it holds the partner's in-scope steel lines, else 0.
 */
async function shareAssumptions(
  store: Store,
  year: number,
): Promise<Map<ShareId, ShareAssumption>> {
  const scope = SECTION_232_2022_2025.materials.steel.scope.filter((r) => !r.derivative);
  const inScope = scope
    .map((r) => {
      if (!/^\d+$/.test(r.from + r.to)) throw new Error(`bad Section 232 range ${r.from}–${r.to}`);
      return `left(d.hs_code, ${r.from.length}) BETWEEN '${r.from}' AND '${r.to}'`;
    })
    .join(' OR ');
  const rows = await runQuery(store, {
    kind: 'compiled-query',
    name: 's232-share-estimates',
    tables: ['dataweb_product', 'tariff_line'],
    params: { year, eu: [...S232_COUNTRIES.EU], mx: S232_COUNTRIES.MEXICO },
    sql: `WITH d AS (
            SELECT CASE WHEN partner_code = $mx THEN 'mexico' ELSE 'eu' END AS grp, hs_code,
                   sum(value) FILTER (WHERE measure = 'customs_value') AS v,
                   sum(value) FILTER (WHERE measure = 'calculated_duty') AS duty
            FROM dataweb_product d
            WHERE flow = 'import_consumption' AND hs_level = 10 AND year(period_start) = $year
              AND (partner_code = $mx OR list_contains($eu, partner_code)) AND (${inScope})
            GROUP BY ALL)
          SELECT grp, count(*)::INTEGER AS lines, sum(v) AS v,
                 sum(greatest(duty - v * coalesce(s.mfn_ad_valorem, 0), 0)) AS s232
          FROM d LEFT JOIN tariff_line s ON s.year = $year AND s.hts8 = left(d.hs_code, 8)
          WHERE v > 0 GROUP BY 1`,
  }).catch(() => []);
  const steel = SECTION_232_2022_2025.materials.steel.rate;
  const est = new Map(rows.map((r) => [String(r.grp), r]));
  const mxFrom = ADDED_ON['9903.81.85']!;
  const mxDays = segmentWeight(
    mxFrom,
    `${year}-12-31`,
    year,
    { monthWeights: null } as MeasureInputs,
    'days',
  );
  const estimate = (grp: string, days: number) => {
    const r = est.get(grp);
    if (!r || !(Number(r.v) > 0) || days <= 0) return null;
    const share = Math.min(1, Number(r.s232) / (steel * Number(r.v) * days));
    return {
      share,
      source: `ESTIMATE: calculated duty above MFN ÷ (25% × customs value${days < 1 ? ' × the share of the year in force' : ''}) on the ${r.lines} in-scope steel lines the DataWeb download holds for this partner ($${Math.round(Number(r.v)).toLocaleString('en-US')}, ${year}): ${(share * 100).toFixed(1)}%`,
    };
  };
  const none = 'no estimate in the bundle: taken as 0 (the exemption or quota holds)';
  const mx = estimate('mexico', mxDays);
  const eu = estimate('eu', 1);
  const list: ShareAssumption[] = [
    {
      id: 'mexico_steel',
      central: mx?.share ?? 0,
      what: 'share of Mexican steel melted and poured outside the United States, Mexico and Canada',
      source: mx?.source ?? none,
    },
    {
      id: 'mexico_aluminum',
      central: 0,
      what: 'share of Mexican aluminium smelted or cast in China, Russia, Belarus or Iran',
      source: none,
    },
    {
      id: 'eu_steel',
      central: eu?.share ?? 0,
      what: "share of the EU's steel over its tariff-rate quota",
      source: eu?.source ?? none,
    },
    {
      id: 'eu_aluminum',
      central: 0,
      what: "share of the EU's aluminium over its tariff-rate quota",
      source: none,
    },
    {
      id: 'jp_uk_steel',
      central: 0,
      what: "share of Japan's or the UK's steel over its tariff-rate quota",
      source: none,
    },
    {
      id: 'uk_aluminum',
      central: 0,
      what: "share of the UK's aluminium over its tariff-rate quota",
      source: none,
    },
  ];
  return new Map(list.map((a) => [a.id, a]));
}

/** The dated segments for one partner and kind of product over a year. */
export function s232Segments(
  inp: S232Inputs,
  partnerCode: string,
  kind: S232Kind,
  year: number,
  hts10?: string,
): S232Segment[] {
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const gen = GENERAL[kind];
  const rate = (h: string) => inp.rates.get(h) ?? 0;
  const charge = (share: ShareId | null, freeUnder: string | null): S232Segment => ({
    from: start,
    to: end,
    heading: gen.heading,
    reference: `${gen.heading}, ${gen.note} (+${pct(rate(gen.heading))}%)`,
    rate: rate(gen.heading),
    freeUnder,
    share,
  });
  const free = (why: string): S232Segment => ({
    from: start,
    to: end,
    heading: null,
    reference: why,
    rate: 0,
    freeUnder: gen.heading,
    share: null,
  });
  const steel = kind.startsWith('steel');
  const derivative = kind.endsWith('derivative');
  const quota = (grp: string) => {
    if (!hts10) return null;
    return (
      inp.quotaHeadings.get(`${grp} ${hts10}`) ??
      inp.quotaHeadings.get(`${grp} ${hts10.slice(0, 8)}`) ??
      null
    );
  };
  switch (group(partnerCode)) {
    case 'canada':
      return [free(`${gen.heading} excepts products of Canada`)];
    case 'exempt':
      return [free(`${gen.heading} excepts products of Australia and Argentina`)];
    case 'steel_quota':
      return [
        steel
          ? free(`${gen.heading} excepts Brazil and South Korea (absolute quotas, 9903.80.05–.58)`)
          : charge(null, null),
      ];
    case 'eu': {
      if (derivative) return [free(`${gen.heading} excepts products of the EU member countries`)];
      const q = quota(steel ? 'eu' : 'eu_alu');
      const inQuota = steel
        ? `${q ?? '9903.80.65–9903.81.19'}, U.S. note 16(f)`
        : `${q ?? '9903.85.27–.44'}, U.S. note 19(a)(v)`;
      return [
        charge(
          steel ? 'eu_steel' : 'eu_aluminum',
          `within the tariff-rate quota: ${inQuota} (free)`,
        ),
      ];
    }
    case 'japan':
    case 'uk': {
      if (steel && derivative)
        return [free(`${gen.heading} excepts products of Japan and the United Kingdom`)];
      if (steel) {
        const q = quota('jp_uk');
        return [
          charge(
            'jp_uk_steel',
            `within the tariff-rate quota: ${q ?? '9903.81.25–.78'}, U.S. note 16(g) (free)`,
          ),
        ];
      }
      if (group(partnerCode) === 'uk')
        return [
          derivative
            ? free(`${gen.heading} excepts products of the United Kingdom`)
            : charge(
                'uk_aluminum',
                `within the tariff-rate quota: ${quota('uk_alu') ?? '9903.85.51–.66'}, U.S. note 19(a)(vi) (free)`,
              ),
        ];
      return [charge(null, null)];
    }
    case 'mexico': {
      const h = steel
        ? derivative
          ? '9903.81.86'
          : '9903.81.85'
        : derivative
          ? '9903.85.72'
          : '9903.85.71';
      const day = ADDED_ON[h]!;
      const exemptText = `${gen.heading} excepts products of Mexico`;
      if (!day.startsWith(String(year)) || !inp.texts.has(h)) {
        const segs = [free(exemptText)];
        if (day < start && inp.texts.has(h))
          return mexicoFrom(inp, h, start, end, steel, exemptText);
        return segs;
      }
      return [
        { ...free(exemptText), to: prevDay(day) },
        ...mexicoFrom(inp, h, day, end, steel, exemptText),
      ];
    }
    default:
      return [charge(null, null)];
  }
}

function mexicoFrom(
  inp: S232Inputs,
  h: string,
  from: string,
  to: string,
  steel: boolean,
  exemptText: string,
): S232Segment[] {
  const r = inp.rates.get(h) ?? 0;
  return [
    {
      from,
      to,
      heading: h,
      reference: steel
        ? `${h}, U.S. note 16(h) (+${pct(r)}%, steel melted and poured outside the US, Mexico and Canada; from ${from}, Proclamation of 10 July 2024)`
        : `${h}, U.S. note 19(a)(${h.endsWith('71') ? 'viii' : 'ix'}) (+${pct(r)}%, primary aluminium smelted or cast in China, Russia, Belarus or Iran; from ${from}, Proclamation of 10 July 2024)`,
      rate: r,
      freeUnder: `${exemptText} (the rest)`,
      share: steel ? 'mexico_steel' : 'mexico_aluminum',
    },
  ];
}

/** A partner's Section 232 rate on a kind of product over the year: central, none paying, all paying. */
export function s232YearRates(inp: S232Inputs, segs: S232Segment[], year: number) {
  const days = { monthWeights: null } as unknown as MeasureInputs;
  let central = 0;
  let low = 0;
  let high = 0;
  for (const s of segs) {
    const w = segmentWeight(s.from, s.to, year, days, 'days');
    const share = s.share ? (inp.shares.get(s.share)?.central ?? 0) : 1;
    central += w * s.rate * share;
    low += w * s.rate * (s.share ? 0 : 1);
    high += w * s.rate;
  }
  return { central, low, high };
}

export function s232On(segs: S232Segment[], date: string): S232Segment | undefined {
  return segs.find((s) => s.from <= date && date <= s.to);
}

/** The kind of product an HTS10 line is on the regime's scope, or null (the SQL scope's rule). */
export function s232KindOf(hts10: string): S232Kind | null {
  for (const material of ['steel', 'aluminum'] as const)
    for (const r of SECTION_232_2022_2025.materials[material].scope) {
      const head = hts10.slice(0, r.from.length);
      if (head >= r.from && head <= r.to) return s232Kind(material, Boolean(r.derivative));
    }
  return null;
}

/** The product kind of a material and derivative flag. */
export function s232Kind(material: Material, derivative: boolean): S232Kind {
  return `${material}${derivative ? '_derivative' : ''}` as S232Kind;
}

function pct(r: number): string {
  return String(Number((r * 100).toFixed(6)));
}
function prevDay(d: string): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
}
