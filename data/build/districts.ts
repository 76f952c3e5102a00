import * as turf from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import type { BochumSources } from './sources';
import type { LonLat } from './geo-utils';

export type DistrictLocator = (at: LonLat) => string;

/**
 * Stadtbezirk of a place. Uses the full-resolution source polygons, not the
 * simplified basemap, so sites near a district border land on the right side.
 * Places just outside the city (motorway ends, a station on the border) get
 * the nearest district.
 */
export function makeDistrictLocator(src: BochumSources): DistrictLocator {
  const districts = src.districts.features.map((f) => ({
    name: f.properties.label,
    feature: f as Feature<Polygon>,
  }));
  return (at) => {
    const pt = turf.point(at);
    const inside = districts.find((d) => turf.booleanPointInPolygon(pt, d.feature));
    if (inside) return inside.name;
    let best = districts[0];
    let bestDist = Infinity;
    for (const d of districts) {
      const dist = Math.abs(turf.pointToPolygonDistance(pt, d.feature, { units: 'meters' }));
      if (dist < bestDist) {
        bestDist = dist;
        best = d;
      }
    }
    return best.name;
  };
}
