import { createContext, useLayoutEffect, type RefObject } from 'react';
import { allotRows, type ListPanelSize } from './allot-rows.js';
import './wall-panels.css';

/** True inside the wall's side column, where useWallColumn writes each list panel's "+ N more" line (MoreRows). */
export const WallColumnContext = createContext(false);

/**
 * Fits the wall's side column to its height, which cannot scroll: each list panel (`.wall-list-panel`, with its rows
 * in `.wall-rows` and a `.wall-more` line) shows the whole rows allotRows gives it and counts the rest in its more
 * line; the other panels (the districts) keep their size. Fitted again before the next frame when a panel's content
 * changes (rows come and go, a figure changes length), when the column or a panel is resized (the data-age line a
 * stale link adds to each panel changes no content), and once the fonts are loaded. A fit that changes nothing
 * resizes nothing, so the fits end.
 */
export function useWallColumn(column: RefObject<HTMLElement | null>, enabled: boolean): void {
  useLayoutEffect(() => {
    const col = column.current;
    if (!col || !enabled) return;
    let frame = 0;
    const watched = new WeakSet<Element>();
    const fit = () => {
      cancelAnimationFrame(frame);
      frame = 0;
      const panels = [...col.querySelectorAll<HTMLElement>(':scope > .wall-list-panel')].flatMap((panel) => {
        const list = panel.querySelector<HTMLElement>('.wall-rows');
        const more = panel.querySelector<HTMLElement>('.wall-more');
        return list && more ? [{ rows: [...list.children] as HTMLElement[], list, more }] : [];
      });
      // measured with every row and more line shown
      for (const p of panels) {
        for (const row of p.rows) row.style.display = '';
        p.more.style.display = '';
        p.more.textContent = '+';
      }
      const sizes: ListPanelSize[] = panels.map(({ rows, list, more }) => {
        let above = list.getBoundingClientRect().top;
        const heights = rows.map((row) => {
          const bottom = row.getBoundingClientRect().bottom;
          const height = bottom - above;
          above = bottom;
          return height;
        });
        return { rows: heights, more: more.getBoundingClientRect().bottom - list.getBoundingClientRect().bottom, overCap: Number(more.dataset.overCap ?? 0) };
      });
      const style = getComputedStyle(col);
      const room = col.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      const first = col.firstElementChild?.getBoundingClientRect().top ?? 0;
      const last = col.lastElementChild?.getBoundingClientRect().bottom ?? 0;
      const listed = sizes.reduce((sum, s) => sum + s.rows.reduce((a, b) => a + b, 0) + s.more, 0);
      const shown = allotRows(room, last - first - listed, sizes);
      panels.forEach((p, i) => {
        p.rows.forEach((row, r) => (row.style.display = r < shown[i] ? '' : 'none'));
        const left = p.rows.length - shown[i] + (sizes[i].overCap ?? 0);
        p.more.textContent = left > 0 ? `+ ${left} ${p.more.dataset.word ?? ''}` : '';
        p.more.style.display = left > 0 ? '' : 'none';
      });
      // the fit's own changes are not content changes
      mutations.takeRecords();
      // a panel observed for the first time is reported once more: only new ones are added, or the fits would not end
      for (const panel of col.children) {
        if (watched.has(panel)) continue;
        watched.add(panel);
        resize.observe(panel);
      }
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(fit);
    };
    // once a frame, before it is painted: a fit forces a layout, and on every commit (each delta) that was 8 ms a second
    // on a software-rendered 4K wall, whose frames come seconds apart
    const mutations = new MutationObserver(schedule);
    mutations.observe(col, { childList: true, subtree: true, characterData: true });
    const resize = new ResizeObserver(schedule);
    resize.observe(col);
    void document.fonts?.ready.then(schedule);
    fit();
    return () => {
      mutations.disconnect();
      resize.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [column, enabled]);
}
