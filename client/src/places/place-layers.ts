import { IconLayer } from '@deck.gl/layers';
import { utciCategory } from '../../../common/models/heat.js';
import type { Place, PlaceType } from '../../../common/places.js';
import { NO_DATA_COLOR, type Rgb } from '../map/colors.js';
import type { PlacesStore } from './places-store.js';

/**
 * One shape per type, so the three read apart without colour (colour is the UTCI at the place):
 * Kita a square, school a triangle, playground a circle. White masks, tinted by deck.gl.
 */
const SHAPE_SVG: Record<PlaceType, string> = {
  kita: '<rect x="6" y="6" width="52" height="52" rx="4"/>',
  school: '<polygon points="32,3 61,58 3,58"/>',
  playground: '<circle cx="32" cy="32" r="24"/>',
};

const iconOf = (type: PlaceType) => ({
  url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64" fill="#fff">${SHAPE_SVG[type]}</svg>`)}`,
  width: 64,
  height: 64,
  mask: true,
  id: type,
});
const ICONS: Record<PlaceType, ReturnType<typeof iconOf>> = { kita: iconOf('kita'), school: iconOf('school'), playground: iconOf('playground') };
/** Smaller playgrounds: there are many, and a child's day is at Kita or school. */
const SIZE: Record<PlaceType, number> = { kita: 13, school: 15, playground: 9 };
const OUTLINE: [number, number, number, number] = [10, 14, 20, 230];

export function placeLayers(store: PlacesStore, wall: boolean, climateVersion: number, freshnessKey: number) {
  const utci = store.utciNow();
  const color = (p: Place): Rgb => {
    const v = utci.get(p.id);
    return v === null || v === undefined ? NO_DATA_COLOR : utciCategory(v).color;
  };
  const scale = wall ? 1.4 : 1;
  return [
    // a dark shape one size larger beneath gives every symbol an outline on any surface colour
    new IconLayer<Place>({
      id: 'places-outline',
      data: store.places,
      getPosition: (p) => [p.lon, p.lat],
      getIcon: (p) => ICONS[p.type],
      getSize: (p) => (SIZE[p.type] + 4) * scale,
      sizeUnits: 'pixels',
      getColor: OUTLINE,
    }),
    new IconLayer<Place>({
      id: 'places',
      data: store.places,
      getPosition: (p) => [p.lon, p.lat],
      getIcon: (p) => ICONS[p.type],
      getSize: (p) => SIZE[p.type] * scale,
      sizeUnits: 'pixels',
      getColor: color,
      pickable: true,
      updateTriggers: { getColor: [climateVersion, freshnessKey, store.places.length] },
    }),
  ];
}
