import { provenance } from '../analytics/provenance.ts';
import { mexicoStateExports } from './shared-analytics.ts';
import type { Store } from '../store/open-store.ts';
import type { Claim } from './claim.ts';
import { call, numFigure, usdFigure } from './computed-figure.ts';
import type { At, Measurement } from './measurement.ts';
import { NotVerifiable } from './not-verifiable.ts';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Whether the words speak of the state's exports (and not its imports): the flow words of a
 * claim are read from the US side, which a state of Mexico is not on.
 */
function regionExports(text: string): boolean {
  const words = fold(text).split(/[^a-z]+/);
  const imports = words.some((w) => /^(import|compr|bought|buy|buys|purchas)/.test(w));
  const exports = words.some((w) => /^(export|vend|sold|sell|ship|envi)/.test(w));
  return exports && !imports;
}

/**
 * A Mexican state's or Canadian province's trade. The only such figure loaded is INEGI's
 * exports of each Mexican state to the world (EAEF, Mexico-side, 2007–2020): a state's total
 * exports, its place among the states and its share of Mexico's total are measured from it.
 * Everything else — a state's exports to the US, its imports, a province's trade — has no
 * source loaded, and the claim says which would decide it.
 */
export async function measureRegion(store: Store, claim: Claim, at: At): Promise<Measurement> {
  const s = claim.subject;
  if (s.kind !== 'region') throw new Error('measureRegion needs a Mexican state or province');
  if (s.country === 'CA')
    throw new NotVerifiable(
      `${s.name} is a Canadian province; no trade by province is loaded, and US statistics by partner count Canada as a whole`,
      'Statistics Canada merchandise trade by province (CIMT), or BTS TransBorder by Canadian province for surface trade',
      {
        reason: `${s.name} es una provincia canadiense; no hay datos de comercio por provincia cargados, y las estadísticas de EE. UU. por socio cuentan a Canadá entero`,
        wouldDecide:
          'el comercio de mercancías por provincia de Statistics Canada (CIMT), o BTS TransBorder por provincia canadiense para el transporte terrestre',
      },
    );
  const exports = regionExports(claim.text);
  if (s.counterpart !== null || !exports)
    throw new NotVerifiable(
      `the statement is about ${s.name}'s ${exports ? `exports to ${s.counterpart}` : 'trade other than its total exports'}; INEGI's state table loaded has each Mexican state's exports to the world only, with no partner, and US statistics count Mexico as a whole`,
      'INEGI exports by state and destination country, or BTS TransBorder by Mexican state of origin (surface modes only)',
      {
        reason: `la afirmación trata de ${claim.flow === 'exports' ? `las exportaciones de ${s.name} a ${s.counterpart}` : `un comercio de ${s.name} distinto de sus exportaciones totales`}; la tabla de INEGI cargada da solo las exportaciones de cada estado al mundo, sin socio, y las estadísticas de EE. UU. cuentan a México entero`,
        wouldDecide:
          'las exportaciones de INEGI por entidad y país de destino, o BTS TransBorder por estado mexicano de origen (solo transporte terrestre)',
      },
    );
  const r = await mexicoStateExports(store, s.names.map(fold));
  if (!r.span)
    throw new NotVerifiable(
      `${s.name}'s exports are measured from INEGI's exports by state (EAEF), which is not loaded`,
      'INEGI Exportaciones anuales por Entidad Federativa (mexico/inegi/EAEF_Entidad-2007-2020.xlsx)',
      {
        reason: `las exportaciones de ${s.name} se miden con la tabla de INEGI de exportaciones por entidad (EAEF), que no está cargada`,
        wouldDecide: 'las Exportaciones anuales por Entidad Federativa de INEGI',
      },
    );
  const [first, last] = r.span;
  const year = at.month ? null : (at.year ?? last);
  if (year === null || year < first || year > last)
    throw new NotVerifiable(
      at.month
        ? `INEGI's exports by state are yearly; the statement is about ${at.month}`
        : `INEGI's exports by state are loaded for ${first}–${last}, not ${year}`,
      `INEGI exports by state (EAEF) for ${at.month ?? year}`,
      {
        reason: at.month
          ? `las exportaciones por entidad de INEGI son anuales; la afirmación trata de ${at.month}`
          : `las exportaciones por entidad de INEGI están cargadas para ${first}–${last}, no para ${year}`,
        wouldDecide: `las exportaciones por entidad de INEGI (EAEF) de ${at.month ?? year}`,
      },
    );
  const y = r.years.find((x) => x.year === year);
  if (!y)
    throw new NotVerifiable(
      `INEGI's table has no row for ${s.name}`,
      'INEGI exports by state (EAEF) naming the state',
    );
  const sources = await provenance(store, ['mexico_state_exports']);
  const query = [call(`mexicoStateExports(store, ${JSON.stringify(s.names.map(fold))})`, null)];
  const notes = [
    'INEGI (Mexico-side) exports of the state to all countries, mining and manufacturing (agriculture from 2018); not US imports from Mexico, which Census does not publish by Mexican state',
    ...(y.status === 'preliminary' ? [`${year} is preliminary in INEGI's table`] : []),
  ];
  const total = usdFigure(`${r.state}'s exports to the world (INEGI), ${year}`, y.valueUsd);
  if (claim.kind === 'value')
    return {
      value: Number(y.valueUsd),
      computed: [total],
      label: total.label,
      at: { ...at, year },
      query,
      sources,
      notes,
    };
  if (claim.kind === 'rank') {
    const label = `${r.state}'s place among Mexico's 32 states by exports (INEGI), ${year}`;
    return {
      value: y.rank,
      computed: [numFigure(label, y.rank, 'rank'), total],
      label,
      at: { ...at, year },
      query,
      sources,
      notes,
    };
  }
  if (claim.kind === 'share') {
    const label = `${r.state}'s share of Mexico's exports (INEGI, sum of the states), ${year}`;
    return {
      value: y.share,
      computed: [numFigure(label, y.share, 'percent'), total],
      label,
      at: { ...at, year },
      query,
      sources,
      notes,
    };
  }
  if (claim.kind === 'growth_pct') {
    const base = claim.since ?? year - 1;
    const b = r.years.find((x) => x.year === base);
    if (!b)
      throw new NotVerifiable(
        `INEGI's exports by state are loaded for ${first}–${last}, not ${base}`,
        `INEGI exports by state (EAEF) for ${base}`,
      );
    const g = ((Number(y.valueUsd) - Number(b.valueUsd)) / Number(b.valueUsd)) * 100;
    const label = `growth of ${r.state}'s exports to the world (INEGI), ${base}–${year}`;
    return {
      value: g,
      computed: [numFigure(label, g, 'percent'), total],
      label,
      at: { ...at, year },
      query,
      sources,
      notes,
    };
  }
  throw new NotVerifiable(
    `a ${claim.kind.replace('_', ' ')} of a Mexican state's exports is not computed`,
    "a value, rank, share or growth of a state's exports to the world",
  );
}
