import { basename } from 'node:path';
import type { CommoditySelection } from './commodity-selection.ts';
import { CoverageError } from './lookup-error.ts';

/**
 * The only product data for a partner, flow and year is a DataWeb download of chosen
 * commodities: refused, because its shares would describe the query, not the partner's trade.
 * A CoverageError, so the command line and the API report it as data that is not loaded.
 */
export class CommoditySelectionError extends CoverageError {
  constructor(
    subject: { partner: string; flow: string; year: number },
    files: { path: string; selection: CommoditySelection }[],
    covered: string,
  ) {
    const { partner, flow, year } = subject;
    super(`Full-year ${flow} product data for ${partner}`, String(year), covered);
    const what = files
      .map(
        (f) =>
          `${basename(f.path)} (${f.selection.selectType}: ${f.selection.listed} codes at ${f.selection.level} digits)`,
      )
      .join('; ');
    this.name = 'CommoditySelectionError';
    this.message =
      `${partner} ${flow} ${year} is loaded only as a USITC DataWeb commodity selection, ${what}: ` +
      `products chosen in the query, not all of the partner's trade, so it cannot give ` +
      `${partner}'s composition (its shares would describe the query). Load a DataWeb download ` +
      `of all commodities (e.g. by HTS2) or Census API product data for ${year}; loaded data ` +
      `covers ${covered}`;
  }
}
