/**
 * TransBorder covers trade with two partners only, under their Census Schedule C codes
 * (the files' COUNTRY column). Their names are fixed by BTS's code list, so no lookup is
 * needed to show them.
 */
export const TRANSBORDER_PARTNERS = [
  { code: '2010', name: 'Mexico' },
  { code: '1220', name: 'Canada' },
] as const;
