/** What a DataWeb query says it asked for when it did not ask for all commodities. */
export interface CommoditySelection {
  /** DataWeb's Step 4 "Select Type", e.g. "Select Individual Commodities". */
  selectType: string;
  /** How many codes the query's commodity list names. */
  listed: number;
  /** The digits the query broke the commodities out at, as DataWeb states it. */
  level: string;
}

// The xlsx reader keeps the Query Parameters sheet only as the file's notes (source_file.notes),
// in the form "commodities: <Select Type>, <n> in the list, at <level> digits (<aggregation>)".
const QUERY_NOTE = /^commodities: (.*), (\d+) in the list, at (\S*) digits/;

/**
 * The commodity selection a DataWeb download was queried for, read from its file notes; null
 * when the query took all commodities ("Use All Commodities") or the layout records no query
 * (the wide CSV). Shares of a selection describe the query, not the partner's trade.
 */
export function commoditySelection(notes: readonly string[]): CommoditySelection | null {
  for (const note of notes) {
    const m = QUERY_NOTE.exec(note);
    if (!m) continue;
    const selectType = m[1]!.trim();
    const listed = Number(m[2]);
    if (listed === 0 && (selectType === '' || /^use all/i.test(selectType))) return null;
    return { selectType, listed, level: m[3]! };
  }
  return null;
}
