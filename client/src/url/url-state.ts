import { SENSOR_KINDS, type SensorKind } from '../../../common/readings.js';

/**
 * What the address bar holds, so a pasted link shows the same picture:
 * `view=lon,lat,zoom`, `layers=traffic,heat` (absent: the default layers, every sensor kind but the street
 * trees; `trees` and `places` are off unless named), `t=ISO instant` (absent: live),
 * `sel=sensor id` or `sel=district/id`. Other parameters (`wall`, `lang`) pass through untouched.
 */

export interface MapViewState {
  lon: number;
  lat: number;
  zoom: number;
}

export type Selection = { type: 'sensor'; id: string } | { type: 'district'; id: string };

export type LayerVisibility = Record<SensorKind, boolean>;

export interface UrlState {
  view: MapViewState | null;
  layers: LayerVisibility;
  t: number | null;
  sel: Selection | null;
  /** the places layer: 590 symbols clutter the city view, so it is on only when the address names it */
  places?: boolean;
}

/** `heat` is the name people use for the climate layer; both are accepted. */
const LAYER_NAME: Record<SensorKind, string> = { climate: 'heat', traffic: 'traffic', parking: 'parking', charging: 'charging', tree: 'trees' };
const ID = /^[A-Za-z0-9_.:-]{1,100}$/;
const DISTRICT_PREFIX = 'district/';

/**
 * Layers a plain address shows. The five street-tree sensors are a planner's layer with data only in the
 * drought replay; on by default they added a legend that pushed the others off a laptop screen.
 */
const OFF_UNLESS_NAMED: ReadonlySet<SensorKind> = new Set(['tree']);

export function defaultLayers(): LayerVisibility {
  return Object.fromEntries(SENSOR_KINDS.map((k) => [k, !OFF_UNLESS_NAMED.has(k)])) as LayerVisibility;
}

const isDefault = (layers: LayerVisibility) => SENSOR_KINDS.every((k) => layers[k] === !OFF_UNLESS_NAMED.has(k));

const PLACES = 'places';

function layerNames(raw: string | null): Set<string> {
  return new Set((raw ?? '').split(',').map((s) => s.trim()));
}

function parseLayers(raw: string | null): LayerVisibility {
  if (raw === null) return defaultLayers();
  const wanted = layerNames(raw);
  return Object.fromEntries(SENSOR_KINDS.map((k) => [k, wanted.has(k) || wanted.has(LAYER_NAME[k])])) as LayerVisibility;
}

function parseView(raw: string | null): MapViewState | null {
  const parts = raw?.split(',').map(Number);
  if (!parts || parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
  const [lon, lat, zoom] = parts;
  if (Math.abs(lon) > 180 || Math.abs(lat) > 85 || zoom < 0 || zoom > 22) return null;
  return { lon, lat, zoom };
}

/** An ISO 8601 instant or epoch ms; anything else means live. */
function parseTime(raw: string | null): number | null {
  if (!raw) return null;
  const t = /^\d+$/.test(raw) ? Number(raw) : /^\d{4}-\d\d-\d\dT/.test(raw) ? Date.parse(raw) : NaN;
  return Number.isFinite(t) ? t : null;
}

function parseSelection(raw: string | null): Selection | null {
  if (!raw) return null;
  if (raw.startsWith(DISTRICT_PREFIX)) {
    const id = raw.slice(DISTRICT_PREFIX.length);
    return ID.test(id) ? { type: 'district', id } : null;
  }
  return ID.test(raw) ? { type: 'sensor', id: raw } : null;
}

export function parseUrlState(search: string): UrlState {
  const p = new URLSearchParams(search);
  return { view: parseView(p.get('view')), layers: parseLayers(p.get('layers')), t: parseTime(p.get('t')), sel: parseSelection(p.get('sel')), places: layerNames(p.get('layers')).has(PLACES) };
}

/** The query string for `state`, keeping every parameter of `search` this module does not own. */
export function formatUrlState(state: UrlState, search = ''): string {
  const p = new URLSearchParams(search);
  for (const key of ['view', 'layers', 't', 'sel']) p.delete(key);
  if (state.view) p.set('view', `${state.view.lon.toFixed(5)},${state.view.lat.toFixed(5)},${state.view.zoom.toFixed(2)}`);
  const on = SENSOR_KINDS.filter((k) => state.layers[k]);
  const names = [...on.map((k) => LAYER_NAME[k]), ...(state.places ? [PLACES] : [])];
  if (!isDefault(state.layers) || state.places) p.set('layers', names.length === 0 ? 'none' : names.join(','));
  if (state.t !== null) p.set('t', new Date(state.t).toISOString());
  if (state.sel) p.set('sel', state.sel.type === 'district' ? DISTRICT_PREFIX + state.sel.id : state.sel.id);
  const out = p.toString();
  // Commas and slashes are legal in a query; unescaped they keep the address readable.
  return out === '' ? '' : `?${out.replace(/%2C/g, ',').replace(/%2F/g, '/').replace(/%3A/g, ':')}`;
}
