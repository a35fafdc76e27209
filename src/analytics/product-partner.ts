import type { Store } from '../store/open-store.ts';
import { runShared } from './compiled-query.ts';
import { resolveName, type NamedEntry } from './resolve-name.ts';
import { partnerDirectory } from './resolve-partner.ts';

/**
 * A partner of the product-level data, by any name the directory knows or the name the
 * Census extract itself carries ("EUROPEAN UNION"), so product analyses work even when the
 * reference code lists are not loaded.
 */
export async function resolveProductPartner(store: Store, asked: string): Promise<NamedEntry> {
  const rows = await runShared(store, {
    kind: 'compiled-query',
    name: 'product-partners',
    tables: ['trade_product'],
    params: {},
    sql: `SELECT partner_code, any_value(partner_name) AS name FROM trade_product GROUP BY 1`,
  });
  const directory = new Map((await partnerDirectory(store)).map((p) => [p.code, p]));
  const entries = rows.map((r) => {
    const code = String(r.partner_code);
    const known = directory.get(code);
    const raw = String(r.name ?? code);
    return {
      code,
      name: known?.name ?? raw,
      keys: [raw, ...(known?.keys ?? [])],
    };
  });
  return resolveName('partner with product data', asked, entries);
}
