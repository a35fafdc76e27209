import type { Translation } from './clickhouse-sql.ts';

/**
 * ClickHouse translations of the place analyses' queries (state, port, product and
 * Mexican-state profiles, the other rankings, maps), written as `clickhouse-dialect.ts`
 * describes.
 */
export const PLACE_TRANSLATIONS: Record<string, Translation> = {};
