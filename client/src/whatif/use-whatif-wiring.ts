import { useEffect } from 'react';
import type { WhatIfStore } from './whatif-store.js';

/** Keeps `plan=` in the address bar on the drawn plan (replaceState, like the rest of the URL state). */
export function useWhatIfUrl(store: WhatIfStore | null): void {
  useEffect(() => {
    if (!store) return;
    let last = store.urlValue();
    return store.subscribe(() => {
      const value = store.urlValue();
      if (value === last) return;
      last = value;
      const url = new URL(window.location.href);
      if (value) url.searchParams.set('plan', value);
      else url.searchParams.delete('plan');
      window.history.replaceState(window.history.state, '', url);
    });
  }, [store]);
}

/**
 * While a measure is drawn: Enter finishes it, Escape cancels it (before the page's own Escape closes
 * panels: capture phase, default prevented), and the map shows a crosshair.
 */
export function useWhatIfKeys(store: WhatIfStore | null): void {
  useEffect(() => {
    if (!store) return;
    const onKey = (e: KeyboardEvent) => {
      if (!store.draft || (e.target instanceof HTMLInputElement && e.target.type !== 'radio' && e.target.type !== 'checkbox')) return;
      if (e.key === 'Escape') {
        store.cancelDraft();
        e.preventDefault();
      } else if (e.key === 'Enter') {
        store.finishDraft();
        e.preventDefault();
      }
    };
    const off = store.subscribe(() => document.querySelector('.map-area')?.classList.toggle('whatif-drawing', store.draft !== null));
    window.addEventListener('keydown', onKey, true);
    return () => {
      off();
      window.removeEventListener('keydown', onKey, true);
    };
  }, [store]);
}
