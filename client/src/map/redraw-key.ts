import type { KindVersions } from '../live/live-store.js';
import type { VersionedStore } from '../live/versioned-store.js';
import type { CityView } from '../time/city-view.js';
import type { LayerVisibility } from '../url/url-state.js';

const ids = new WeakMap<object, number>();
let nextId = 1;
/** A number per object, so a new displayed city (the time cursor moved) or a new store changes the key. */
function idOf(o: object | null | undefined): number {
  if (!o) return 0;
  let id = ids.get(o);
  if (id === undefined) {
    id = nextId++;
    ids.set(o, id);
  }
  return id;
}

/**
 * How often a city with SCALE's generated sensors redraws for new data alone: each redraw costs the
 * page tens of ms of deck.gl's JavaScript (all layers, the labels' collision map) even when one bay
 * changed, and such a city has new data every second. A move, a zoom or a switched layer still redraws at once.
 */
export const SCALED_DATA_REDRAW_MS = 3000;

/**
 * Lets a change of what is shown through at once and a change of data at most every `everyMs`
 * (0: always), except the first data after a map drawn without any (the snapshot after the empty
 * first frame): the interval is for a city that keeps changing, not for its first picture.
 * Pure apart from the state it keeps between frames; `now` in ms.
 */
export class RedrawGate {
  private shownKey = '';
  private dataKey = '';
  private drawnDataAt = -Infinity;
  private drawnEmpty = true;

  /** The key the map compares with the last one it built: it moves when a redraw is due. `empty`: `data` holds no data yet. */
  key(shown: string, data: string, everyMs: number, now: number, empty = false): string {
    const shownMoved = shown !== this.shownKey;
    if (shownMoved || (data !== this.dataKey && (this.drawnEmpty || now - this.drawnDataAt >= everyMs))) {
      if (data !== this.dataKey) this.drawnDataAt = now;
      this.shownKey = shown;
      this.dataKey = data;
      this.drawnEmpty = empty;
    }
    return `${this.shownKey}#${this.dataKey}`;
  }
}

const gate = new RedrawGate();

/**
 * Everything the map's layers are built from, as one string: the map rebuilds its layers only when
 * it changes (or while something animates). The places, the what-if and the roadworks count with their
 * own changes (`ownVersion`), which draw at once; what they derive from the displayed city moves with
 * its versions. On a city with sensors kept in the columns alone (SCALE) new data is drawn at most every
 * SCALED_DATA_REDRAW_MS (one map per page: the gate is shared), a heat surface arriving from its worker with it:
 * at SCALE it would otherwise be one more rebuild and frame of every layer after each data rebuild.
 */
export function drawKey(p: {
  view: CityView;
  versions: KindVersions;
  visible: LayerVisibility;
  wall: boolean;
  /** the stores of what is drawn besides the city (places, what-if, roadworks), null when not shown */
  stores: ReadonlyArray<VersionedStore | null>;
  heatMode: string;
  freshnessKey: number;
  zoom: number;
  /** counts the heat surfaces drawn (its worker's answers come in between data): new data as far as the gate goes */
  surfaces?: number;
}): string {
  const shown = [idOf(p.view), JSON.stringify(p.visible), p.wall, p.heatMode, p.zoom.toFixed(2), p.stores.map((s) => (s ? `${idOf(s)}:${s.ownVersion}` : '-')).join(',')].join('|');
  const onlyHere = p.view.columns ? Object.values(p.view.columns.onlyHereVersions).join(',') : '';
  const data = [Object.values(p.versions).join(','), onlyHere, p.freshnessKey, p.surfaces ?? 0].join('|');
  const scaled = (p.view.columns?.columnsOnlyCount ?? 0) > 0;
  const empty = Object.values(p.versions).every((v) => v === 0);
  return gate.key(shown, data, scaled ? SCALED_DATA_REDRAW_MS : 0, performance.now(), empty);
}
