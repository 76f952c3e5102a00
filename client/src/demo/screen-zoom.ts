/** The screen a tour's cameras are written for: its zooms frame the city as on a 1920×1080 stand screen. */
const AUTHORED = { width: 1920, height: 1080 };
/** At most this much wider a view on a small screen (a phone): beyond it the labels would crowd one another. */
const MAX_ZOOM_OUT = 2;

/**
 * A step's zoom on this screen, so it shows the same part of the city: a 4K stand screen has twice the
 * pixels each way and zooms one level in (else the city filled a fifth of it), a smaller one zooms out.
 */
export function screenZoom(authoredZoom: number, width: number, height: number): number {
  if (!(width > 0 && height > 0)) return authoredZoom;
  const scale = Math.min(width / AUTHORED.width, height / AUTHORED.height);
  return authoredZoom + Math.max(-MAX_ZOOM_OUT, Math.log2(scale));
}
