import type { Flow } from '../model/flow.ts';

/**
 * DataWeb's trade flows in Frontera's vocabulary. DataWeb's "Total Exports" are domestic and
 * foreign exports together, which is what Census (and so `export`) means by exports. Domestic
 * exports alone and the trade balance have no flow here, so such downloads are refused.
 */
const FLOWS: Readonly<Record<string, Flow>> = {
  'imports for consumption': 'import_consumption',
  'general imports': 'import_general',
  'total exports': 'export',
};

export const DATAWEB_FLOWS = ['Imports For Consumption', 'General Imports', 'Total Exports'];

export function datawebFlow(label: string): Flow | undefined {
  return FLOWS[label.trim().toLowerCase().replace(/\s+/g, ' ')];
}
