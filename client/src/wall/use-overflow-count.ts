import { useLayoutEffect, useState, type RefObject } from 'react';
import './wall-panels.css';

/**
 * How many children of a wrapping flex column (`.alert-ticker-list` on the wall) did not fit in its
 * first column and so are out of sight: a child that wrapped sits further right than the first, and
 * one that reaches below the list is hidden rather than shown cut. Measured again whenever the list
 * or its size changes, and when a child's size changes (a longer time, a font that loaded late), which
 * does not resize the list: once a 4K wall showed a cut alert that way.
 */
export function useOverflowCount(list: RefObject<HTMLElement | null>, contentKey: string): number {
  const [overflow, setOverflow] = useState(0);
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const measure = () => {
      const items = [...el.children] as HTMLElement[];
      const box = el.getBoundingClientRect();
      const left = items[0]?.getBoundingClientRect().left ?? box.left;
      // A column keeps at least one item even when it is taller than the column: such an item is cut, so it is hidden too.
      const cut = (item: HTMLElement) => {
        const r = item.getBoundingClientRect();
        return r.left > left + 1 || r.bottom > box.bottom + 1;
      };
      let hidden = 0;
      for (const item of items) {
        const out = cut(item);
        item.style.visibility = out ? 'hidden' : '';
        if (out) hidden++;
      }
      setOverflow(hidden);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    for (const item of el.children) observer.observe(item);
    return () => observer.disconnect();
  }, [list, contentKey]);
  return overflow;
}
