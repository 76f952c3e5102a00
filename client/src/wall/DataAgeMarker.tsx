import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n.js';
import type { LiveStore } from '../live/live-store.js';
import { useNow } from '../live/use-live.js';
import { useParts } from '../live/use-parts.js';
import { cursorParts, linkParts } from '../live/link-parts.js';
import type { DisplayedCity } from '../time/displayed-city.js';
import { formatAge } from '../ui/ConnectionBadge.js';
import './data-age.css';

/**
 * When the live link is stale or down, every figure on screen must say so, not only the banner:
 * marks <html data-stale> and puts the data's age in `--data-age`, which data-age.css greys the KPI
 * tiles and panels with and writes on each of them. Looking back at a past instant is not stale.
 */
export function DataAgeMarker({ store, shown }: { store: LiveStore; shown: DisplayedCity }) {
  // the mark changes with the link's state and the cursor's mode; the age with the clock (no message comes while stale)
  useParts(store, () => linkParts(store));
  useParts(shown, () => cursorParts(shown));
  const now = useNow();
  const { t } = useI18n();
  const stale = shown.wantedAt() === null && (store.status === 'stale' || store.status === 'offline');
  const age = store.lastMessageAt === null ? null : now - store.lastMessageAt;
  // short enough for a tile on a narrow screen; the banner says whether the link is stale or down
  const label = age !== null ? `${t('status.lastUpdate')} ${formatAge(age, t)}` : t(`status.${store.status}`);

  useEffect(() => {
    const root = document.documentElement;
    if (stale) {
      root.dataset.stale = store.status;
      root.style.setProperty('--data-age', JSON.stringify(label));
    } else {
      delete root.dataset.stale;
      root.style.removeProperty('--data-age');
    }
  }, [stale, label, store.status]);
  useEffect(
    () => () => {
      delete document.documentElement.dataset.stale;
    },
    [],
  );
  return null;
}
