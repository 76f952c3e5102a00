/** The screen the wall's sizes were laid out for; larger screens scale everything up in proportion. */
const DESIGN_WIDTH = 1920;
const DESIGN_HEIGHT = 1080;
/** below this a small screen would shrink the wall past legibility */
const MIN_SCALE = 0.6;

/**
 * How much larger than at 1920×1080 the wall draws text, markers and lines on a viewport: 2 at
 * 3840×2160. The narrower side rules, so a tall or wide screen never pushes panels off it.
 */
export function wallScale(width: number, height: number): number {
  return Math.max(MIN_SCALE, Math.min(width / DESIGN_WIDTH, height / DESIGN_HEIGHT));
}

/**
 * Keeps the CSS variable `--wall-scale` on <html> in step with the viewport (the wall's root font
 * size is derived from it in styles.css). Returns the unsubscribe.
 */
export function trackWallScale(): () => void {
  const set = () => document.documentElement.style.setProperty('--wall-scale', String(wallScale(window.innerWidth, window.innerHeight)));
  set();
  window.addEventListener('resize', set);
  return () => window.removeEventListener('resize', set);
}
