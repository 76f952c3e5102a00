import { IconLayer } from '@deck.gl/layers';
import { utciCategory } from '../../../common/models/heat.js';
import type { Place, PlaceType } from '../../../common/places.js';
import { ANOMALY_STOPS, NO_DATA_COLOR, rampColor, type Rgb } from '../map/colors.js';
import { SHAPE_ICONS, SYMBOL_OUTLINE, type ShapeIcon, type ShapeName } from '../map/layers/shape-icons.js';
import type { PlacesStore } from './places-store.js';

/** One shape per type, so the three read apart without colour (colour is the UTCI at the place). */
const SHAPE_OF: Record<PlaceType, ShapeName> = { kita: 'house', school: 'triangle', playground: 'circle' };
const ICONS: Record<PlaceType, ShapeIcon> = { kita: SHAPE_ICONS[SHAPE_OF.kita], school: SHAPE_ICONS[SHAPE_OF.school], playground: SHAPE_ICONS[SHAPE_OF.playground] };
/** Smaller playgrounds: there are many, and a child's day is at Kita or school. */
const SIZE: Record<PlaceType, number> = { kita: 13, school: 15, playground: 9 };

/**
 * Symbols shrink as the map zooms out: full size at street zoom (14+), a little over half in a
 * desktop's city view (about 11), under half in a phone's (10), so 590 places do not cover the
 * districts they sit in and their shapes still tell Kita from school.
 */
export function placeSizeScale(zoom: number): number {
  return Math.min(1, Math.max(0.45, (zoom - 7.5) / 6.5));
}

/** `anomalyMean`: the city mean UTCI when the heat layer shows the anomaly (places then take its diverging colours), else null. */
export function placeLayers(store: PlacesStore, wall: boolean, climateVersion: number, freshnessKey: number, anomalyMean: number | null = null, zoom = 14) {
  const utci = store.utciNow();
  const color = (p: Place): Rgb => {
    const v = utci.get(p.id);
    if (v === null || v === undefined) return NO_DATA_COLOR;
    return anomalyMean !== null && Number.isFinite(anomalyMean) ? rampColor(ANOMALY_STOPS, v - anomalyMean) : utciCategory(v).color;
  };
  const scale = wall ? 1.4 : 1;
  const sizeScale = placeSizeScale(zoom);
  return [
    // a dark shape one size larger beneath gives every symbol an outline on any surface colour
    new IconLayer<Place>({
      id: 'places-outline',
      data: store.places,
      getPosition: (p) => [p.lon, p.lat],
      getIcon: (p) => ICONS[p.type],
      getSize: (p) => (SIZE[p.type] + 4) * scale,
      sizeUnits: 'pixels',
      sizeScale,
      getColor: SYMBOL_OUTLINE,
    }),
    new IconLayer<Place>({
      id: 'places',
      data: store.places,
      getPosition: (p) => [p.lon, p.lat],
      getIcon: (p) => ICONS[p.type],
      getSize: (p) => SIZE[p.type] * scale,
      sizeUnits: 'pixels',
      sizeScale,
      getColor: color,
      pickable: true,
      updateTriggers: { getColor: [climateVersion, freshnessKey, store.places.length, anomalyMean] },
    }),
  ];
}
