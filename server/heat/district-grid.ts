import { readFileSync } from 'node:fs';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { lonLatToKm } from '../../common/models/idw.js';
import type { GridCell } from '../../common/models/district-heat.js';
import { DATA_DIR } from '../paths.js';
import { ringsBounds } from '../../common/geo-bounds.js';

/** Grid spacing for district figures, degrees of latitude (≈ 220 m): ~3,000 cells over Bochum. */
const STEP_LAT = 0.002;
/** Bochum's latitude: the reference for planar km coordinates (the same as the client's surface). */
export const REFERENCE_LAT = 51.47;

export interface District {
  id: string;
  name: string;
}

export interface DistrictGrid {
  districts: District[];
  cells: GridCell[];
}

type DistrictFeature = Feature<Polygon | MultiPolygon, { id: string; name: string }>;

/** Cells of equal area inside each Stadtbezirk, from data/city/districts.geojson. */
export function loadDistrictGrid(file = path.join(DATA_DIR, 'city', 'districts.geojson')): DistrictGrid {
  const fc = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, { id: string; name: string }>;
  const features = fc.features as DistrictFeature[];
  const [w, s, e, n] = ringsBounds(features.flatMap((f) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat())));
  // Same cell size in km both ways, so every cell covers the same area.
  const stepLon = STEP_LAT * (110.57 / (111.32 * Math.cos((REFERENCE_LAT * Math.PI) / 180)));
  const cells: GridCell[] = [];
  for (let lat = s + STEP_LAT / 2; lat < n; lat += STEP_LAT) {
    for (let lon = w + stepLon / 2; lon < e; lon += stepLon) {
      const district = features.find((f) => booleanPointInPolygon([lon, lat], f));
      if (district) cells.push({ districtId: district.properties.id, ...lonLatToKm(lon, lat, REFERENCE_LAT) });
    }
  }
  return { districts: features.map((f) => ({ id: f.properties.id, name: f.properties.name })), cells };
}
