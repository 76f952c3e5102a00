import { useLayoutEffect, useState, type RefObject } from 'react';
import './wall-panels.css';

/**
 * How many children of a wrapping flex column (`.alert-ticker-list` on the wall) did not fit in its
 * first column and so are out of sight: a child that wrapped sits further right than the first.
 * Measured again whenever the list or its size changes.
 */
export function useOverflowCount(list: RefObject<HTMLElement | null>, contentKey: string): number {
  const [overflow, setOverflow] = useState(0);
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const measure = () => {
      const items = [...el.children] as HTMLElement[];
      const left = items[0]?.offsetLeft ?? 0;
      setOverflow(items.filter((item) => item.offsetLeft > left).length);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [list, contentKey]);
  return overflow;
}
