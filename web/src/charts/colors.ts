/** Colours: one per partner the dashboard names often, one per flow, a palette for the rest. */
export const PARTNER_COLORS: Record<string, string> = {
  '2010': '#0a7d55', // Mexico
  '1220': '#c8102e', // Canada
  '5700': '#e0a100', // China
  '0015': '#555d66', // World
};

export const FLOW_COLORS = { exports: '#2f6db5', imports: '#d9822b', balance: '#7a4fa0' };

export const PALETTE = [
  '#2f6db5',
  '#d9822b',
  '#0a7d55',
  '#c8102e',
  '#7a4fa0',
  '#e0a100',
  '#1f9eb0',
  '#a8546b',
  '#6b8e23',
  '#8c6d46',
];

export function partnerColor(code: string, i: number): string {
  return PARTNER_COLORS[code] ?? PALETTE[(i + 4) % PALETTE.length]!;
}

/** One colour per HS section (21 of them), neighbours kept apart. */
const SECTION_COLORS = [
  '#8c564b',
  '#2ca02c',
  '#bcbd22',
  '#e6a100',
  '#4e79a7',
  '#b07aa1',
  '#59a14f',
  '#9c755f',
  '#6b8e23',
  '#76b7b2',
  '#d37295',
  '#a0522d',
  '#7f7f7f',
  '#c49c00',
  '#5a6f8c',
  '#7a4fa0',
  '#c8553d',
  '#17a2b8',
  '#555d66',
  '#e15759',
  '#9d7660',
];
export function sectionColor(index: number): string {
  return SECTION_COLORS[index % SECTION_COLORS.length]!;
}

/**
 * Whether black text reads better than white on a `#rrggbb` fill: WCAG relative luminance above
 * 0.179, where both contrast equally. Whichever is chosen contrasts at least 4.58:1 (AA), as long
 * as the text is pure black or white.
 */
export function isLight(hex: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return false;
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((c) => {
    const v = parseInt(c, 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! > 0.179;
}
