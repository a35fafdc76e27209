import type { Translation } from './clickhouse-sql.ts';

/**
 * ClickHouse translations of the wait-time, revision, tariff and claim-checker queries,
 * written as `clickhouse-dialect.ts` describes.
 */
export const WAIT_TARIFF_TRANSLATIONS: Record<string, Translation> = {};
