import { useEffect, type RefObject } from 'react';

/** Space kept between the panel and the one below it, px. */
const GAP_PX = 8;

/**
 * Keeps a panel from running into another one below it in the same column (the what-if panel over
 * the layer panel, whose height depends on the layers and legends shown): the panel's max-height ends
 * a gap above the other's top whenever the two share columns of pixels; otherwise the stylesheet's
 * max-height applies. Followed through resizes of either and of the window.
 */
export function useClearOf(ref: RefObject<HTMLElement | null>, otherSelector: string, active: boolean): void {
  useEffect(() => {
    const el = ref.current;
    if (!active || !el) return;
    let other: Element | null = null;
    const fit = () => {
      other = document.querySelector(otherSelector);
      const o = other?.getBoundingClientRect();
      el.style.maxHeight = '';
      if (!o || o.height === 0) return;
      const r = el.getBoundingClientRect();
      const sharesColumns = r.left < o.right && o.left < r.right;
      if (sharesColumns && o.top > r.top) {
        // the stylesheet's limit stays when it is the tighter one
        const own = parseFloat(getComputedStyle(el).maxHeight);
        const room = o.top - r.top - GAP_PX;
        if (!(own <= room)) el.style.maxHeight = `${Math.max(0, Math.floor(room))}px`;
      }
    };
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    const watchOther = () => {
      const o = document.querySelector(otherSelector);
      if (o) observer.observe(o);
    };
    watchOther();
    window.addEventListener('resize', fit);
    // the other panel may appear or be replaced later (the phone's sheet, a closed detail panel): looked for
    // once a frame at most, and measured only when it is another element (the ResizeObserver follows its size;
    // measuring on every change of the map area forced a layout for each live update of a panel)
    let queued = 0;
    const mutations = new MutationObserver(() => {
      if (queued) return;
      queued = requestAnimationFrame(() => {
        queued = 0;
        if (document.querySelector(otherSelector) === other) return;
        watchOther();
        fit();
      });
    });
    const area = el.closest('.map-area');
    if (area) mutations.observe(area, { childList: true, subtree: true });
    fit();
    return () => {
      cancelAnimationFrame(queued);
      observer.disconnect();
      mutations.disconnect();
      window.removeEventListener('resize', fit);
      el.style.maxHeight = '';
    };
  }, [ref, otherSelector, active]);
}
