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

/** Area edges rounded to ~10 m, so a map nudged by a pixel does not make a group of its own. */
const round = (x: number) => Math.round(x * 1e4) / 1e4;

export function viewFilter(sub: Subscription | null, registry: RegistryIndex): ViewFilter {
  if (!sub) return EVERYTHING;
  const kinds = sub.kinds ? SENSOR_KINDS.filter((k) => sub.kinds!.includes(k)) : [...SENSOR_KINDS];
  const bbox = sub.bbox?.map(round) as [number, number, number, number] | undefined;
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
