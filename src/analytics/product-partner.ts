import type { FactTable } from '../model/tables.ts';
import type { Store } from '../store/open-store.ts';
import { runShared } from './compiled-query.ts';
import { resolveName, type NamedEntry } from './resolve-name.ts';
import { partnerDirectory } from './resolve-partner.ts';

/** The tables of product-level trade, both keyed by Census Schedule C partner code. */
export type ProductTable = Extract<FactTable, 'trade_product' | 'dataweb_product'>;

/**
 * A partner of the product-level data, by any name the directory knows or the name the
 * Census extract itself carries ("EUROPEAN UNION"), so product analyses work even when the
 * reference code lists are not loaded. Analyses that also read DataWeb downloads pass both
 * tables: DataWeb's partners carry the same codes, so one partner is one entry.
 */
export async function resolveProductPartner(
  store: Store,
  asked: string,
  tables: readonly ProductTable[] = ['trade_product'],
): Promise<NamedEntry> {
  const rows = await runShared(store, {
    kind: 'compiled-query',
    name: 'product-partners',
    tables: [...tables],
    params: {},
    sql: `SELECT partner_code, list(DISTINCT partner_name ORDER BY partner_name) AS names FROM (${tables
      .map((t) => `SELECT partner_code, partner_name FROM ${t}`)
      .join(' UNION ALL ')}) GROUP BY 1`,
  });
  const directory = new Map((await partnerDirectory(store)).map((p) => [p.code, p]));
  const entries = rows.map((r) => {
    const code = String(r.partner_code);
    const known = directory.get(code);
    // Each table's own spelling ("MEXICO" in Census extracts, "Mexico" in DataWeb) is a key.
    const raw = ((r.names as unknown[] | null) ?? []).filter((n) => n != null).map(String);
    return {
      code,
      name: known?.name ?? raw[0] ?? code,
      keys: [...raw, ...(known?.keys ?? [])],
    };
  });
  return resolveName('partner with product data', asked, entries);
}
