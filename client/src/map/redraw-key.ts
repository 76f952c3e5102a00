import type { KindVersions } from '../live/live-store.js';
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
 * Everything the map's layers are built from, as one string: the map rebuilds its layers only when
 * it changes (or while something animates). Places and the what-if keep their own versions, so with
 * either shown the map redraws every frame as before.
 */
export function drawKey(p: {
  view: object;
  versions: KindVersions;
  visible: LayerVisibility;
  wall: boolean;
  places: object | null;
  heatMode: string;
  whatIf: object | null;
  freshnessKey: number;
  zoom: number;
}): string {
  if (p.places || p.whatIf) return `always:${performance.now()}`;
  return [idOf(p.view), Object.values(p.versions).join(','), JSON.stringify(p.visible), p.wall, p.heatMode, p.freshnessKey, p.zoom.toFixed(2)].join('|');
}
