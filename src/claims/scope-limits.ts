import type { OutOfScope } from './claim.ts';
import type { Mention } from './find-subjects.ts';
import { outOfScopeTopic } from './out-of-scope-topics.ts';
import type { Token } from './tokenize.ts';

type Limit = OutOfScope;

const MEXICO_SOURCES = [
  ['inegi'],
  ['banxico'],
  ['secretaria', 'de', 'economia'],
  ['according', 'to', 'mexico'],
  ['mexican', 'statistics'],
  ['mexican', 'data'],
  ['segun', 'mexico'],
  ['datos', 'mexicanos'],
  ['estadisticas', 'mexicanas'],
];
const COMPOSITION = [
  ['intermediate'],
  ['intermedios'],
  ['insumos'],
  ['inputs'],
  ['capital', 'goods'],
  ['bienes', 'de', 'capital'],
  ['consumer', 'goods'],
  ['bienes', 'de', 'consumo'],
  ['intra', 'industry'],
  ['coproduction'],
  ['co', 'production'],
];
const RANK_WORDS = new Set([
  'largest',
  'biggest',
  'top',
  'main',
  'leading',
  'mayor',
  'principal',
  'second',
  'segundo',
  'third',
  'tercer',
]);
const SELL_OR_BUY = /^(export|import|sell|sold|buy|bought|exporta|importa|vend|compr)/;

/**
 * Statements the loaded US goods statistics cannot decide, recognised before any query:
 * services, figures from Mexico's own statistics (or about Mexico's trade with others, or
 * ranking the US among Mexico's partners), and the end-use composition of trade.
 */
export function scopeLimit(tokens: Token[], mentions: Mention[]): Limit | null {
  const has = (words: string[]) =>
    tokens.some((_t, k) => words.every((w, i) => tokens[k + i]?.norm === w));
  const topic = outOfScopeTopic(tokens);
  if (topic)
    return {
      limit: topic.topic === 'services' ? 'services' : 'topic',
      topic: topic.topic,
      reason: topic.reason.en,
      wouldDecide: topic.wouldDecide.en,
      es: { reason: topic.reason.es, wouldDecide: topic.wouldDecide.es },
    };
  // A Mexican state's exports are INEGI's own figures, loaded as such: measured, not refused.
  const region = mentions.some((m) => m.kind === 'region');
  if (MEXICO_SOURCES.some(has) && !region)
    return mexicoSide(
      'the statement quotes Mexico-side statistics',
      'la afirmación cita estadísticas de México',
    );
  const partners = mentions.filter((m) => m.kind === 'partner');
  const us = mentions.find((m) => m.kind === 'us');
  // "The US is Mexico's largest trading partner", "el principal socio comercial de México":
  // a ranking among another country's partners.
  const ranked = partners.find((p) => {
    const near = (from: number, to: number) =>
      tokens.slice(Math.max(0, from), to).some((t) => RANK_WORDS.has(t.norm)) &&
      !tokens.slice(Math.max(0, from), to).some((t) => [',', ';', '—'].includes(t.norm));
    if (p.possessive && near(p.end, p.end + 2)) return true;
    const prep = tokens[p.start - 1]?.norm ?? '';
    const before = tokens[p.start - 2]?.norm ?? '';
    return (
      ['of', 'de', 'del'].includes(prep) &&
      !['ahead', 'delante'].includes(before) &&
      near(p.start - 5, p.start - 1)
    );
  });
  if (ranked && !region)
    return mexicoSide(
      `the statement ranks ${ranked.name}'s own partners`,
      `la afirmación clasifica a los socios de ${ranked.name}`,
    );
  // "Mexico's exports to China": trade between two other countries.
  if (!us && partners.length >= 2) {
    const verb = tokens.findIndex((t) => SELL_OR_BUY.test(t.norm));
    const a = partners[0]!;
    const b = partners.find((p) => p.codes.join() !== a.codes.join() && p.start > verb);
    const prep = b ? tokens[b.start - 1]?.norm : undefined;
    if (
      verb > a.start &&
      b &&
      ['to', 'from', 'a', 'hacia', 'desde'].includes(prep ?? '') &&
      (a.possessive || a.demonym || verb <= a.end + 1)
    )
      return mexicoSide(
        `the statement is about ${a.name}'s trade with ${b.name}, not US trade`,
        `la afirmación trata del comercio de ${a.name} con ${b.name}, no del de EE. UU.`,
      );
  }
  // "las exportaciones de México a China", "exports of Mexico to China": the noun form.
  if (!us && partners.length >= 2) {
    const a = partners.find(
      (p) =>
        ['de', 'of', 'del'].includes(tokens[p.start - 1]?.norm ?? '') &&
        /^(export|import|venta|compra|envio|sales|shipment)/.test(tokens[p.start - 2]?.norm ?? ''),
    );
    const b = a
      ? partners.find(
          (p) =>
            p.start === a.end + 1 &&
            p.codes.join() !== a.codes.join() &&
            ['a', 'hacia', 'to', 'con', 'with', 'desde', 'from'].includes(
              tokens[a.end]?.norm ?? '',
            ),
        )
      : undefined;
    if (a && b)
      return mexicoSide(
        `the statement is about ${a.name}'s trade with ${b.name}, not US trade`,
        `la afirmación trata del comercio de ${a.name} con ${b.name}, no del de EE. UU.`,
      );
  }
  if (COMPOSITION.some(has))
    return {
      limit: 'composition',
      topic: null,
      reason:
        'the statement is about the end-use composition of trade (intermediate, capital or consumer goods)',
      wouldDecide:
        'dollar values by end-use class for both flows of the year (Census end-use or HS10 exports and imports with the HS→BEC concordance); the loaded product data are 2024 imports only',
      es: null,
    };
  return null;
}

function mexicoSide(reason: string, reasonEs: string): Limit {
  return {
    limit: 'mexico_side',
    topic: null,
    reason,
    wouldDecide:
      "Mexico's own trade statistics (INEGI / Banxico balanza comercial de mercancías by country); the loaded data are US statistics (Census, BTS, CBP)",
    es: {
      reason: reasonEs,
      wouldDecide:
        'las estadísticas de comercio de México (balanza comercial de mercancías de INEGI / Banxico por país); los datos cargados son estadísticas de EE. UU. (Census, BTS, CBP)',
    },
  };
}
