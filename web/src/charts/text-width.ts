/**
 * Label widths in the charts' 11 px font, measured with a canvas in the page's own font, so a
 * label is cut to the room it has (a treemap cell, a chart margin) and never runs past it.
 * Without a canvas, 7.5 px a character (8 bold) stands in.
 */
const contexts = new Map<boolean, CanvasRenderingContext2D | null>();

export function textWidth(text: string, bold = false): number {
  let ctx = contexts.get(bold);
  if (ctx === undefined) {
    ctx = document.createElement('canvas').getContext('2d');
    if (ctx) ctx.font = `${bold ? '650 ' : ''}11px ${getComputedStyle(document.body).fontFamily}`;
    contexts.set(bold, ctx);
  }
  return ctx ? Math.ceil(ctx.measureText(text).width) : text.length * (bold ? 8 : 7.5);
}

/** The text, or as much of it as fits in `room` px followed by "…"; '' when not even that. */
export function clipToWidth(text: string, room: number, bold = false): string {
  if (textWidth(text, bold) <= room) return text;
  let n = text.length - 1;
  while (n > 0 && textWidth(`${text.slice(0, n).trimEnd()}…`, bold) > room) n--;
  return n > 0 ? `${text.slice(0, n).trimEnd()}…` : '';
}
