import type { Subscription } from '../../common/wire/live-messages.js';
import { SENSOR_KINDS } from '../../common/readings.js';
import type { RegistryIndex } from './registry-index.js';

/**
 * A client's subscription as the stream uses it: a key (clients with the same key share one encoded
 * delta per tick) and a test per registry position. No subscription, or one naming every kind and
 * no area, is "everything" and shares the key of old clients.
 */
export interface ViewFilter {
  key: string;
  subscription: Subscription | null;
  /** null: every sensor */
  accepts: ((index: number) => boolean) | null;
}

export const EVERYTHING: ViewFilter = { key: 'all', subscription: null, accepts: null };

/**
 * Area edges moved outward onto a grid of 0.01° (about 1.1 × 0.7 km here): nearby views share one
 * group, so a city of phones costs a few encodings per tick, not one per phone; a view gets at most
 * a kilometre more than it asked for.
 */
const GRID = 100;
const snapOut = (bbox: readonly [number, number, number, number]): [number, number, number, number] => [
  Math.max(-180, Math.floor(bbox[0] * GRID) / GRID),
  Math.max(-90, Math.floor(bbox[1] * GRID) / GRID),
  Math.min(180, Math.ceil(bbox[2] * GRID) / GRID),
  Math.min(90, Math.ceil(bbox[3] * GRID) / GRID),
];

export function viewFilter(sub: Subscription | null, registry: RegistryIndex): ViewFilter {
  if (!sub) return EVERYTHING;
  const kinds = sub.kinds ? SENSOR_KINDS.filter((k) => sub.kinds!.includes(k)) : [...SENSOR_KINDS];
  const bbox = sub.bbox ? snapOut(sub.bbox) : undefined;
  const wholeCity = SENSOR_KINDS.filter((k) => kinds.includes(k) && sub.wholeCity?.includes(k));
  if (kinds.length === SENSOR_KINDS.length && (!bbox || wholeCity.length === kinds.length)) return { ...EVERYTHING, subscription: sub };
  const key = `${kinds.join(',')}|${bbox ? bbox.join(',') : '*'}|${wholeCity.join(',')}`;
  const mask = (list: readonly string[]) => list.reduce((m, k) => m | (1 << SENSOR_KINDS.indexOf(k as never)), 0);
  const kindMask = mask(kinds);
  const wholeCityMask = mask(wholeCity);
  const b = registry.bounds;
  const accepts = (i: number): boolean => {
    const bit = 1 << registry.kindCode[i];
    if ((kindMask & bit) === 0) return false;
    if (!bbox || (wholeCityMask & bit) !== 0) return true;
    return b[i * 4] <= bbox[2] && b[i * 4 + 2] >= bbox[0] && b[i * 4 + 1] <= bbox[3] && b[i * 4 + 3] >= bbox[1];
  };
  return { key, subscription: { ...sub, kinds, wholeCity, ...(bbox && { bbox }) }, accepts };
}
