/** Trade flows as the Census Bureau publishes them. */
export type Flow = 'export' | 'import_general' | 'import_consumption';

export const FLOW_LABEL: Record<Flow, string> = {
  export: 'exports (total, domestic and foreign)',
  import_general: 'general imports',
  import_consumption: 'imports for consumption',
};
