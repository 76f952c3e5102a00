import { distanceM } from '../../common/geo.js';

/** Bochum Hauptbahnhof, [lon, lat]: the reference point for how central a site is. */
export const CITY_CENTRE: [number, number] = [7.2247, 51.4779];

/** 1 in the centre, falling to about 0 some 5 km out. */
export function centrality(point: [number, number]): number {
  return Math.exp(-distanceM(point, CITY_CENTRE) / 2500);
}
