import type { Page } from 'playwright-core';

/** What sits on the map and must not cover another: the map's own controls included. */
export const MAP_FURNITURE = [
  '.whatif-panel',
  '.whatif-open',
  '.plan-compare',
  '.layer-panel',
  '.side-panels',
  '.search',
  '.maplibregl-ctrl-bottom-right .maplibregl-ctrl-group',
  '.maplibregl-ctrl-attrib',
] as const;

export interface PanelLayout {
  viewport: { width: number; height: number };
  /** visible furniture by selector: its box in the page, px */
  boxes: Record<string, { x: number; y: number; width: number; height: number }>;
  /** pairs of visible boxes that overlap by more than a pixel each way */
  overlaps: string[];
  /** boxes that reach past the map area (cut off by it or by the window) */
  cutOff: string[];
}

/**
 * Measures the panels on the map by their element bounds: which are shown, which overlap, which
 * reach out of the map area. A panel that scrolls inside its own box counts as fitting.
 */
export async function measurePanels(page: Page, selectors: readonly string[] = MAP_FURNITURE): Promise<PanelLayout> {
  return page.evaluate((sels) => {
    const area = document.querySelector('.map-area')!.getBoundingClientRect();
    const boxes: PanelLayout['boxes'] = {};
    for (const sel of sels) {
      const el = document.querySelector(sel);
      if (!el) continue;
      const style = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      if (style.display === 'none' || style.visibility === 'hidden' || r.width === 0 || r.height === 0) continue;
      boxes[sel] = { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    const overlaps: string[] = [];
    const names = Object.keys(boxes);
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const a = boxes[names[i]];
        const b = boxes[names[j]];
        const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
        const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
        if (w > 1 && h > 1) overlaps.push(`${names[i]} × ${names[j]} (${Math.round(w)}×${Math.round(h)} px)`);
      }
    }
    const bottom = Math.min(area.bottom, window.innerHeight);
    const right = Math.min(area.right, window.innerWidth);
    const cutOff = names.filter((n) => {
      const b = boxes[n];
      return b.x < area.left - 1 || b.y < area.top - 1 || b.x + b.width > right + 1 || b.y + b.height > bottom + 1;
    });
    return { viewport: { width: window.innerWidth, height: window.innerHeight }, boxes, overlaps, cutOff };
  }, selectors as string[]);
}
