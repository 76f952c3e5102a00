import fs from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection, MultiLineString, Point, Polygon } from 'geojson';
import { readJsonFile } from '../../server/json-file.js';
import { parseCsv, type LonLat } from './geo-utils';
import { boundarySourceSchema, carParksSourceSchema, districtsSourceSchema, transitRoutesSourceSchema } from './source-schemas';

/** The public reference data the city model is derived from (see SOURCES.md in that folder). */
export interface BochumSources {
  dir: string;
  boundary: Feature<Polygon>;
  districts: FeatureCollection<Polygon, { zoneId: string; label: string }>;
  transitRoutes: FeatureCollection<
    MultiLineString,
    { osm_relation_id: number; ref: string | null; from: string | null; to: string | null; max_segment_m: number }
  >;
  anchors: { name: string; at: LonLat }[];
  stations: { id: string; name: string; mac: string; at: LonLat }[];
  /** GTFS stops, one entry per stop name at the mean position of its platforms */
  stops: Map<string, LonLat>;
  carParks: FeatureCollection<
    Point,
    { id: string; name: string; type: string; address?: string; capacity: number; public_url?: string }
  >;
}

export const SOURCE_FILES = {
  boundary: 'city/city_boundary.osm.geojson',
  districts: 'city/stadtbezirke.osm.geojson',
  transitRoutes: 'city/transit_routes.osm.geojson',
  anchors: 'city/anchor_points.csv',
  stops: 'city/transit_stops.gtfs.csv',
  stations: 'climate/ecowitt/stations.csv',
  carParks: 'mobility/car_parks.parkapi2.geojson',
} as const;

export function loadSources(dir: string): BochumSources {
  const boundary = readJsonFile(path.join(dir, SOURCE_FILES.boundary), boundarySourceSchema, 'city boundary').features[0];

  const anchors = parseCsv(fs.readFileSync(path.join(dir, SOURCE_FILES.anchors), 'utf8')).map((r) => ({
    name: r.name,
    at: [Number(r.lon), Number(r.lat)] as LonLat,
  }));
  const stations = parseCsv(fs.readFileSync(path.join(dir, SOURCE_FILES.stations), 'utf8')).map((r) => ({
    id: r.id,
    name: r.name,
    mac: r.mac,
    at: [Number(r.longitude), Number(r.latitude)] as LonLat,
  }));

  const platforms = new Map<string, LonLat[]>();
  for (const r of parseCsv(fs.readFileSync(path.join(dir, SOURCE_FILES.stops), 'utf8'))) {
    const list = platforms.get(r.stop_name) ?? [];
    list.push([Number(r.stop_lon), Number(r.stop_lat)]);
    platforms.set(r.stop_name, list);
  }
  const stops = new Map<string, LonLat>();
  for (const [name, list] of platforms) {
    const n = list.length;
    stops.set(name, [list.reduce((s, p) => s + p[0], 0) / n, list.reduce((s, p) => s + p[1], 0) / n]);
  }

  return {
    dir,
    stops,
    boundary,
    districts: readJsonFile(path.join(dir, SOURCE_FILES.districts), districtsSourceSchema, 'Stadtbezirke'),
    transitRoutes: readJsonFile(path.join(dir, SOURCE_FILES.transitRoutes), transitRoutesSourceSchema, 'transit routes'),
    anchors,
    stations,
    carParks: readJsonFile(path.join(dir, SOURCE_FILES.carParks), carParksSourceSchema, 'car parks'),
  };
}

export function stop(src: BochumSources, name: string): LonLat {
  const hit = src.stops.get(name);
  if (!hit) throw new Error(`GTFS stop not found: ${name}`);
  return hit;
}

/** Anchor points are looked up by a name prefix so street definitions read like the CSV. */
export function anchor(src: BochumSources, namePrefix: string): LonLat {
  const hit = src.anchors.find((a) => a.name.startsWith(namePrefix));
  if (!hit) throw new Error(`anchor point not found: ${namePrefix}`);
  return hit.at;
}
