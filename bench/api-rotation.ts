import type { Store } from '../src/store/open-store.ts';
import { CROSSING_MEASURES } from '../src/model/crossing-measures.ts';
import { seededRandom } from './fuzz-requests.ts';

/**
 * Thousands of distinct API URLs a dashboard's users would ask, each built from what the loaded
 * database holds (partners in the years they trade, ports in the years they report crossings,
 * HS codes of the nomenclature, the loaded TransBorder months, the loaded Census releases…),
 * so that every one should answer 200. The mix leans on profiles, as the dashboard does; every
 * list read in a fixed order and a seeded shuffle make a run repeatable (the same URLs in the
 * same order, so two checkouts can be compared on them). The caller checks each answers 200 before timing it.
 */
export async function rotationUrls(store: Store, seed = 20261202): Promise<string[]> {
  const random = seededRandom(seed);
  const rows = async (sql: string) =>
    (await store.conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  const shuffle = <T>(xs: T[]): T[] => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const take = (urls: Iterable<string>, n: number) => shuffle([...new Set(urls)]).slice(0, n);

  const partnerYears = await rows(
    `SELECT partner_code AS code, year(month)::INTEGER AS year FROM trade_country_month
     WHERE series = 'country.xlsx' GROUP BY ALL ORDER BY ALL`,
  );
  const countries = (
    await rows(
      `SELECT partner_code AS code, sum(value_usd) AS v FROM trade_country_month
       WHERE series = 'country.xlsx' AND NOT is_aggregate AND year(month) >= 2013
       GROUP BY 1 ORDER BY v DESC, 1`,
    )
  ).map((r) => String(r.code));
  const tradeYears = (
    await rows(
      `SELECT DISTINCT year(month)::INTEGER AS y FROM trade_country_month
       WHERE series = 'country.xlsx' ORDER BY 1`,
    )
  ).map((r) => Number(r.y));
  const fullYears = tradeYears.slice(0, -1);
  const portYears = await rows(
    `SELECT port_code AS code, year(month)::INTEGER AS year FROM crossings GROUP BY ALL ORDER BY ALL`,
  );
  const crossingYears = (
    await rows(`SELECT DISTINCT year(month)::INTEGER AS y FROM crossings ORDER BY 1`)
  ).map((r) => Number(r.y));
  const borderYears = await rows(
    `SELECT DISTINCT border, measure, year(month)::INTEGER AS year FROM crossings ORDER BY ALL`,
  );
  const hsCodes = (
    await rows(`SELECT hs_code FROM hs_product WHERE level IN (2, 4, 6) ORDER BY 1`)
  ).map((r) => String(r.hs_code));
  // US national lines whose HS subheading the nomenclature describes (chapters 98–99 are not HS).
  const tradeProductCodes = (
    await rows(
      `SELECT DISTINCT hs_code FROM trade_product WHERE hs_level IN (8, 10)
       AND left(hs_code, 6) IN (SELECT hs_code FROM hs_product WHERE level = 6) ORDER BY 1`,
    )
  ).map((r) => String(r.hs_code));
  const productPartners = (
    await rows(`SELECT DISTINCT partner_code FROM trade_product ORDER BY 1`)
  ).map((r) => String(r.partner_code));
  const productYears = await rows(
    `SELECT DISTINCT flow, year(period_end)::INTEGER AS year FROM trade_product ORDER BY ALL`,
  );
  const states = (await rows(`SELECT usps FROM us_state ORDER BY 1`)).map((r) => String(r.usps));
  const tbMonths = (
    await rows(
      `SELECT DISTINCT strftime(month, '%Y-%m') AS m FROM transborder_state_port ORDER BY 1`,
    )
  ).map((r) => String(r.m));
  const vintages = (
    await rows(
      `SELECT DISTINCT f.vintage FROM trade_country_month_all t
       JOIN source_file f ON f.id = t.source_file_id WHERE t.series = 'country.xlsx' ORDER BY 1`,
    )
  ).map((r) => String(r.vintage));
  const top = countries.slice(0, 60);
  const metrics = ['exports', 'imports', 'two-way', 'balance'];
  const limits = [5, 10, 20, 25, 50];
  const e = encodeURIComponent;

  const families: [string, string[], number][] = [
    [
      'partner profile',
      take(
        partnerYears.map((r) => `/api/profile/partner/${r.code}?year=${r.year}`),
        2400,
      ),
      2400,
    ],
    [
      'port profile',
      take(
        portYears.map((r) => `/api/profile/port/${r.code}?year=${r.year}`),
        1500,
      ),
      1500,
    ],
    [
      'product profile',
      take(
        [...hsCodes, ...tradeProductCodes].map((c) => `/api/profile/product/${c}`),
        1200,
      ),
      1200,
    ],
    [
      'state profile',
      take(
        states.flatMap((s) => tbMonths.map((m) => `/api/profile/state/${s}?month=${m}`)),
        100,
      ),
      100,
    ],
    [
      'top partners',
      take(
        metrics.flatMap((m) =>
          tradeYears.flatMap((y) =>
            limits.map((l) => `/api/top/partners?metric=${m}&year=${y}&limit=${l}`),
          ),
        ),
        400,
      ),
      400,
    ],
    [
      'top ports by crossings',
      take(
        borderYears.flatMap((r) =>
          [`&border=${String(r.border)}`, ''].flatMap((b) =>
            [5, 10, 20].map(
              (l) => `/api/top/ports?measure=${e(String(r.measure))}${b}&year=${r.year}&limit=${l}`,
            ),
          ),
        ),
        700,
      ),
      700,
    ],
    [
      'top ports and states by freight',
      take(
        ['ports', 'states'].flatMap((w) =>
          ['', '&partner=mexico', '&partner=canada'].flatMap((p) =>
            ['', '&flow=export', '&flow=import_general'].flatMap((f) =>
              tbMonths.flatMap((m) =>
                [5, 10, 20, 50].map((l) => `/api/top/${w}?month=${m}${p}${f}&limit=${l}`),
              ),
            ),
          ),
        ),
        150,
      ),
      150,
    ],
    [
      'top products',
      take(
        productYears.flatMap((r) =>
          ['', ...productPartners.map((p) => `&partner=${p}`)].flatMap((p) =>
            [2, 4, 6, 8, 10].flatMap((lv) =>
              [5, 10, 20].map(
                (l) =>
                  `/api/top/products?flow=${String(r.flow)}&year=${r.year}${p}&level=${lv}&limit=${l}`,
              ),
            ),
          ),
        ),
        100,
      ),
      100,
    ],
    [
      'compare',
      take(
        Array.from({ length: 4000 }, () => {
          const n = 2 + Math.floor(random() * 3);
          const ps = new Set<string>();
          while (ps.size < n) ps.add(pick(top));
          const to = pick(fullYears.slice(10));
          const from = to - 1 - Math.floor(random() * 12);
          return `/api/compare?partners=${[...ps].join(',')}&metric=${pick(metrics)}&years=${from}-${to}`;
        }),
        800,
      ),
      800,
    ],
    [
      'compare group',
      take(
        Array.from({ length: 1000 }, () => {
          const a = pick(top.slice(0, 20));
          let b = pick(top.slice(0, 20));
          while (b === a) b = pick(top.slice(0, 20));
          return `/api/compare/group?partners=${a},${b}&next=${pick([3, 5, 10, 15])}&metric=${pick(metrics)}&year=${pick(fullYears.slice(8))}`;
        }),
        200,
      ),
      200,
    ],
    [
      'series',
      take(
        Array.from({ length: 3000 }, () => {
          const code = pick(countries);
          const freq = pick(['yearly', 'monthly']);
          const vintage = random() < 0.2 && vintages.length ? `&vintage=${pick(vintages)}` : '';
          const to = pick(fullYears.slice(10));
          const span = random() < 0.5 ? `&years=${to - Math.floor(random() * 10)}-${to}` : '';
          return `/api/series/${code}?frequency=${freq}${vintage}${span}`;
        }),
        600,
      ),
      600,
    ],
    [
      'revisions',
      vintages.length < 2
        ? []
        : take(
            top.flatMap((c) =>
              ['export', 'import_general'].flatMap((f) =>
                [
                  '',
                  ...tradeYears.filter((y) => y >= 2016 && y <= 2018).map((y) => `&year=${y}`),
                ].map((y) => `/api/revisions/${c}?flow=${f}${y}`),
              ),
            ),
            150,
          ),
      150,
    ],
    [
      'port map',
      take(
        CROSSING_MEASURES.flatMap((m) =>
          crossingYears.map((y) => `/api/map/ports?measure=${e(m)}&year=${y}`),
        ),
        200,
      ),
      200,
    ],
  ];
  return shuffle(families.flatMap(([, urls, n]) => urls.slice(0, n)));
}

/** The family of a rotation URL, for per-route timing. */
export function routeFamily(url: string): string {
  const path = url.split('?')[0]!;
  const parts = path.split('/');
  if (parts[2] === 'profile' || parts[2] === 'top') return `${parts[2]} ${parts[3]}`;
  if (parts[2] === 'compare') return parts[3] ? 'compare group' : 'compare';
  return parts[2] ?? path;
}
