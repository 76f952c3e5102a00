import { VersionedStore } from '../live/versioned-store.js';
import type { TimeRange } from './timeline.js';

/**
 * The time cursor's visible range, held outside React: in live mode its end moves with the clock, every
 * second and with every delta, and as App state it re-rendered the whole page with it (issue 13: at
 * SCALE=100000 most of the page's React work). Only what shows the range (the export bar) subscribes.
 */
export class RangeBox extends VersionedStore {
  range: TimeRange | null = null;

  set = (r: TimeRange): void => {
    this.range = r;
    this.notify();
  };
}
