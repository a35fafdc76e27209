import type { ClaimFlow, Language } from './claim.ts';
import type { Mention } from './find-subjects.ts';
import type { Token } from './tokenize.ts';

/** A word that says which flow is meant, with where it stands. */
export interface FlowCue {
  at: number;
  flow: ClaimFlow;
  balance: 'deficit' | 'surplus' | null;
  /**
   * Said from the partner's side ("Mexico's exports to the US"): checked as the US record of
   * the same flow, which the partner's own statistics need not match.
   */
  mirrored?: boolean;
}

const BALANCE: Record<string, 'deficit' | 'surplus' | null> = {
  deficit: 'deficit',
  deficits: 'deficit',
  surplus: 'surplus',
  surpluses: 'surplus',
  superavit: 'surplus',
  balance: null,
  balanza: null,
  saldo: null,
};
const TWO_WAY = new Set([
  'mercancias',
  'partner',
  'partners',
  'socio',
  'socios',
  'trade',
  'trades',
  'traded',
  'trading',
  'commerce',
  'twoway',
  'comercio',
  'comercial',
  'comerciales',
  'intercambio',
  'comercia',
  'comercian',
  'comerciaron',
  'comercio',
]);
/** The agent of these sells. */
const SELL = new Set([
  'exports',
  'export',
  'exported',
  'exporting',
  'exporter',
  'sells',
  'sold',
  'sell',
  'sales',
  'ships',
  'shipped',
  'shipments',
  'exportaciones',
  'exportacion',
  'exporta',
  'exportan',
  'exporto',
  'exportaron',
  'exportado',
  'exportador',
  'vende',
  'venden',
  'vendio',
  'vendieron',
  'ventas',
]);
/** The agent of these buys. */
const BUY = new Set([
  'imports',
  'import',
  'imported',
  'importing',
  'importer',
  'buys',
  'bought',
  'buy',
  'buying',
  'purchases',
  'purchased',
  'purchase',
  'spends',
  'spent',
  'spend',
  'importaciones',
  'importacion',
  'importa',
  'importan',
  'importo',
  'importaron',
  'importado',
  'compra',
  'compran',
  'compro',
  'compraron',
  'compras',
  'gasta',
  'gastan',
  'gasto',
  'gastaron',
]);
/** Nouns of rank statements: a market is where US exports go, a supplier where imports come from. */
const MARKET = new Set([
  'market',
  'markets',
  'customer',
  'customers',
  'destination',
  'buyer',
  'mercado',
  'cliente',
  'destino',
  'comprador',
]);
const SUPPLIER = new Set([
  'supplier',
  'suppliers',
  'source',
  'proveedor',
  'proveedores',
  'origen',
  'vendedor',
]);
const TO = new Set(['to', 'a', 'al', 'hacia', 'into', 'para']);
const FROM = new Set(['from', 'de', 'desde', 'del', 'of']);
const FROM_SELLER = new Set(['from', 'de', 'desde', 'del']);

/**
 * Every flow word in the statement, read from the US side: "Mexico buys US goods" and "exports
 * to Mexico" are US exports; "Mexico's exports to the US" and "imports from Mexico" are US
 * imports. Who sells is the agent of an export word, or what follows "from"; who buys is the
 * agent of an import word, or what follows "to".
 */
export function flowCues(tokens: Token[], mentions: Mention[], language: Language): FlowCue[] {
  const out: FlowCue[] = [];
  const before = (k: number) =>
    mentions.find((m) => m.end <= k && m.end >= k - 2 && !betweenVerb(tokens, m.end, k));
  // The first place named after one of these prepositions, products skipped ("of cars"). In
  // "importaciones de Estados Unidos" the "de" is possessive: the US buys, it does not sell.
  const after = (k: number, preps: Set<string>, possessiveDe = false) => {
    for (let j = k + 1; j < Math.min(tokens.length, k + 12); j++) {
      if (!preps.has(tokens[j]!.norm)) continue;
      const m = mentions.find((x) => x.start > j && x.start <= j + 3 && x.kind !== 'product');
      if (m && possessiveDe && m.kind === 'us' && ['de', 'del'].includes(tokens[j]!.norm)) continue;
      if (m) return m;
    }
    return undefined;
  };
  // "el superávit (comercial) de México": whose balance it is.
  const ofOwner = (j: number) =>
    ['of', 'de', 'del'].includes(tokens[j]?.norm ?? '')
      ? mentions.find((m) => m.start === j + 1)
      : undefined;
  const usGoods = tokens.some(
    (t, k) =>
      ['goods', 'products', 'productos', 'bienes', 'exports'].includes(t.norm) &&
      mentions.some((m) => m.kind === 'us' && (m.end === k || m.start === k + 1)),
  );
  tokens.forEach((t, k) => {
    const w = t.norm;
    if (t.kind !== 'word') return;
    if (w in BALANCE) {
      // "Mexico's surplus with the US" is the US deficit with Mexico.
      const owner =
        mentions.find((m) => m.end <= k && m.end >= k - 3 && m.possessive) ??
        ofOwner(k + 1) ??
        (['comercial', 'trade'].includes(tokens[k + 1]?.norm ?? '') ? ofOwner(k + 2) : undefined);
      const side = BALANCE[w]!;
      const flip = owner?.kind === 'partner' && side !== null;
      out.push({
        at: k,
        flow: 'balance',
        balance: flip ? (side === 'deficit' ? 'surplus' : 'deficit') : side,
      });
    } else if (TWO_WAY.has(w)) {
      // "trade deficit", "déficit comercial": the balance word decides.
      const beside = [tokens[k + 1]?.norm ?? '', tokens[k - 1]?.norm ?? ''];
      if (!beside.some((b) => b in BALANCE)) out.push({ at: k, flow: 'two_way', balance: null });
    } else if (MARKET.has(w)) out.push({ at: k, flow: 'exports', balance: null });
    else if (SUPPLIER.has(w)) out.push({ at: k, flow: 'imports', balance: null });
    else if (SELL.has(w) || BUY.has(w)) {
      const sells = SELL.has(w);
      // "exports and imports" together are two-way trade.
      const other = tokens[k + 2];
      if (
        ['and', 'y'].includes(tokens[k + 1]?.norm ?? '') &&
        other &&
        (sells ? BUY : SELL).has(other.norm)
      ) {
        out.push({ at: k, flow: 'two_way', balance: null });
        return;
      }
      const to = after(k, TO);
      // Spanish "comprar a X" is buying from X; "exports of X" does not say who sells.
      const from =
        after(k, sells ? FROM_SELLER : FROM, !sells) ??
        (!sells && language === 'es' ? to : undefined);
      const agent = before(k);
      const flow = direction(
        sells,
        agent,
        sells || language === 'en' ? to : undefined,
        from,
        usGoods,
      );
      // An export or import word whose agent or seller is the partner: the partner's view.
      const partnerSide =
        /^(export|import)/.test(w) &&
        (agent?.kind === 'partner' || (sells && !agent && from?.kind === 'partner'));
      out.push({ at: k, flow, balance: null, ...(partnerSide ? { mirrored: true } : {}) });
    }
  });
  return out;
}

/** Mention and verb are one phrase unless a figure or clause break stands between them. */
function betweenVerb(tokens: Token[], from: number, to: number): boolean {
  return tokens
    .slice(from, to)
    .some((t) => t.kind === 'number' || [',', ';', '—'].includes(t.norm));
}

function direction(
  sells: boolean,
  agent: Mention | undefined,
  to: Mention | undefined,
  from: Mention | undefined,
  usGoods: boolean,
): ClaimFlow {
  // States and ports are on the US side of every flow.
  const usSide = (m: Mention) => m.kind === 'us' || m.kind === 'state' || m.kind === 'port';
  if (sells) {
    // "to X" names the buyer; else the agent ("Mexico exports") or "from X" names the seller.
    if (to) return to.kind === 'us' ? 'imports' : 'exports';
    const seller = agent ?? from;
    if (seller) return usSide(seller) || seller.kind === 'product' ? 'exports' : 'imports';
    return 'exports';
  }
  if (from) return usSide(from) ? 'exports' : 'imports';
  if (usGoods) return 'exports';
  if (to) return to.kind === 'us' ? 'imports' : 'exports';
  if (agent?.kind === 'partner') return 'exports';
  return 'imports';
}

/**
 * The flow of the cue nearest a figure; cues after it count as a little further away. A
 * balance word in the same clause wins ("the third-largest source of the US trade deficit").
 */
export function flowAt(cues: FlowCue[], at: number, tokens: Token[]): FlowCue | null {
  const clauseOf = (k: number) =>
    tokens.slice(0, k).filter((t) => [',', ';', '—'].includes(t.norm)).length;
  const near = cues.filter(
    (c) => c.flow === 'balance' && Math.abs(c.at - at) <= 8 && clauseOf(c.at) === clauseOf(at),
  );
  let best: FlowCue | null = null;
  let bestD = Infinity;
  for (const c of near.length > 0 ? near : cues) {
    const d = c.at <= at ? at - c.at : (c.at - at) * 1.5 + 1;
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
