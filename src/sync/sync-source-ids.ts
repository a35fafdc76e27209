/** The sources `frontera sync` knows, in the order a full sync runs them (quota-bound last). */
export const SYNC_SOURCES = [
  'world-bank',
  'census-country',
  'fred',
  'cbp',
  'bts-crossings',
  'bts-transborder',
  'census-api',
] as const;
export type SyncSourceId = (typeof SYNC_SOURCES)[number];

export function isSyncSource(id: string): id is SyncSourceId {
  return (SYNC_SOURCES as readonly string[]).includes(id);
}
