/**
 * Draws an SVG chart at the width its box has on screen, one SVG unit to one CSS pixel, so its
 * text keeps its size on a phone instead of shrinking with a scaled-down viewBox; the chart is
 * drawn again, re-laid out (fewer ticks, shorter labels), when the box's width changes.
 *
 * The first drawing uses a guess (the page's width, at most `widest`) so the chart exists as
 * soon as the page is built; a ResizeObserver redraws it at the real width before it is painted.
 */
export function fitWidth(
  box: HTMLElement,
  widest: number,
  draw: (width: number) => SVGSVGElement,
): SVGSVGElement {
  const page = typeof document === 'undefined' ? widest : document.documentElement.clientWidth;
  let width = Math.max(280, Math.min(widest, page - 48));
  let svg = draw(width);
  new ResizeObserver((_entries, observer) => {
    if (!box.isConnected) return observer.disconnect();
    const w = Math.floor(box.clientWidth);
    if (w <= 0 || Math.abs(w - width) < 2) return;
    width = w;
    const next = draw(w);
    // What the page set on the chart after drawing it (its figure's title as aria-label).
    const label = svg.getAttribute('aria-label');
    if (label !== null) next.setAttribute('aria-label', label);
    svg.replaceWith(next);
    svg = next;
  }).observe(box);
  return svg;
}
