import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ringsBounds } from '../../common/geo-bounds.js';
import type { LonLat } from '../../common/geo.js';
import { heatStressFromStation } from '../../common/models/heat.js';
import { planFrame, type PlanFrame, type StationClimate } from '../../common/models/heat-plan.js';
import { windAt10mMs } from '../../common/models/wind.js';
import { placesCollectionSchema, placesOf } from '../../common/places.js';
import { DATA_DIR } from '../../server/paths.js';

/**
 * The heat what-if against the real August 2024 heatwave, outside the browser: the replay's station
 * values at an instant (data/climate/, derived as the server derives them) and the plan frame from the
 * city model. Used by the tour's what-if test and bench/heat-plan.bench.ts.
 */

const json = (file: string) => JSON.parse(readFileSync(path.join(DATA_DIR, file), 'utf8'));

interface Replay {
  start: number;
  stations: Array<{ sensorId: string; rows: Array<[number, number, number, number, number]> }>;
}

const replay = json('climate/hitzewelle-2024-08.json') as Replay;
const positions = new Map<string, LonLat>(
  (json('sensors.geojson') as { features: Array<{ id: string; geometry: { type: string; coordinates: LonLat } }> }).features
    .filter((f) => f.geometry.type === 'Point')
    .map((f) => [f.id, f.geometry.coordinates]),
);

/** Every replayed station's reading at the 5-minute row at or before `at`, with its UTCI. */
export function heatwaveStations(at: number): StationClimate[] {
  const minute = Math.floor((at - replay.start) / 300_000) * 5;
  return replay.stations.flatMap((s) => {
    const row = s.rows.find((r) => r[0] === minute);
    const pos = positions.get(s.sensorId);
    if (!row || !pos) return [];
    const [, airTempC, relHumidityPct, windKmh, solarWm2] = row;
    const heat = heatStressFromStation({ airTempC, relHumidityPct, windKmh, solarWm2, ts: at, lon: pos[0], lat: pos[1] });
    if (heat.utciC === null) return [];
    return [{ lon: pos[0], lat: pos[1], airTempC, relHumidityPct, wind10mMs: windAt10mMs(windKmh), solarWm2, utciC: heat.utciC }];
  });
}

/** The districts and places of the city model in the heat surface's planar frame (the middle of the city's bounds). */
export function cityPlanFrame(): PlanFrame {
  const boundary = json('city/boundary.geojson') as { features: Array<{ geometry: { type: string; coordinates: unknown } }> };
  const rings = boundary.features.flatMap((f) => (f.geometry.type === 'Polygon' ? (f.geometry.coordinates as LonLat[][]) : (f.geometry.coordinates as LonLat[][][]).flat()));
  const [, s, , n] = ringsBounds(rings);
  const districts = (json('city/districts.geojson') as { features: Array<{ properties: { name: string }; geometry: { type: string; coordinates: unknown } }> }).features.map((f) => ({
    name: f.properties.name,
    rings: f.geometry.type === 'Polygon' ? (f.geometry.coordinates as LonLat[][]) : (f.geometry.coordinates as LonLat[][][]).flat(),
  }));
  return planFrame((s + n) / 2, districts, placesOf(placesCollectionSchema.parse(json('places.geojson'))));
}
