import path from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import { z } from 'zod';
import { BOCHUM_REFERENCE_LAT, lonLatToLocalKm, metresPerDegree } from '../../common/geo.js';
import type { GridCell } from '../../common/models/district-heat.js';
import { readJsonFile } from '../json-file.js';
import { DATA_DIR } from '../paths.js';
import { ringsBounds } from '../../common/geo-bounds.js';

/** Grid spacing for district figures, degrees of latitude (≈ 220 m): ~3,000 cells over Bochum. */
const STEP_LAT = 0.002;

export interface District {
  id: string;
  name: string;
}

export interface DistrictGrid {
  districts: District[];
  cells: GridCell[];
}

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z.array(position).min(4);
const districtFeatureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({ id: z.string().min(1), name: z.string().min(1) }),
  geometry: z.discriminatedUnion('type', [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(ring).min(1)).min(1) }),
  ]),
});
/** data/city/districts.geojson: one (Multi)Polygon per Stadtbezirk; the SCALE generator reads it too. */
export const districtCollectionSchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(districtFeatureSchema).min(1) });

/** Cells of equal area inside each Stadtbezirk, from data/city/districts.geojson. */
export function loadDistrictGrid(file = path.join(DATA_DIR, 'city', 'districts.geojson')): DistrictGrid {
  const features = readJsonFile(file, districtCollectionSchema, 'district boundaries').features;
  const [w, s, e, n] = ringsBounds(features.flatMap((f) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat())));
  // Same cell size in km both ways, so every cell covers the same area.
  const k = metresPerDegree(BOCHUM_REFERENCE_LAT);
  const stepLon = STEP_LAT * (k.lat / k.lon);
  const cells: GridCell[] = [];
  for (let lat = s + STEP_LAT / 2; lat < n; lat += STEP_LAT) {
    for (let lon = w + stepLon / 2; lon < e; lon += stepLon) {
      const district = features.find((f) => booleanPointInPolygon([lon, lat], f));
      if (district) cells.push({ districtId: district.properties.id, ...lonLatToLocalKm(lon, lat, BOCHUM_REFERENCE_LAT) });
    }
  }
  return { districts: features.map((f) => ({ id: f.properties.id, name: f.properties.name })), cells };
}
