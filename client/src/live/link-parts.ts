import type { DisplayedCity } from '../time/displayed-city.js';
import type { LiveStore } from './live-store.js';

/**
 * What the header, the stale banner and the wall's data-age mark show of the stream and the time cursor,
 * their clocks aside (those run on the shared ticker, use-live.ts): parts for useParts, so that a delta,
 * which moves none of them, renders none of these (they had re-rendered with every delta; issue 13).
 */
export const linkParts = (store: LiveStore) => [store.scenario, store.status, store.cityTimeAt === null, store.lastMessageAt === null] as const;

export const cursorParts = (shown: DisplayedCity) => [shown.wantedAt(), shown.loading(), shown.error] as const;
