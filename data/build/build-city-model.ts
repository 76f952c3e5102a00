/**
 * Derives Stadtpuls' city model (basemap layers and the sensor registry) from
 * the public reference data about Bochum. Run with `npm run data`.
 *
 *   BOCHUM_DATA_DIR      reference data (default: ../shared/data/bochum next to the repo)
 *   CITY_MODEL_OUT_DIR   where to write (default: data/ in the repo)
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Feature, FeatureCollection } from 'geojson';
import { roadNetworkSchema } from '../../common/roads';
import { sensorRegistrySchema } from '../../common/sensors';
import { buildBoundary, buildDistricts, buildLandmarks } from './basemap';
import { chargingSensors } from './charging-sites';
import { climateSensors } from './climate-sites';
import { makeDistrictLocator } from './districts';
import { featureCollectionToText } from './geo-utils';
import { parkingSensors } from './parking-sites';
import { buildPlaces } from './places';
import { buildRail } from './rail';
import { buildRoadGraph } from './road-graph';
import { buildRouteIndex } from './route-tracer';
import { loadSources } from './sources';
import { buildStreets, streetsCollection, trafficSensors } from './traffic-links';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function defaultDataDir(): string {
  return process.env.BOCHUM_DATA_DIR ?? path.resolve(REPO_ROOT, '../shared/data/bochum');
}

export function defaultOutDir(): string {
  return process.env.CITY_MODEL_OUT_DIR ?? path.join(REPO_ROOT, 'data');
}

/** Paths of the generated files, relative to the output directory. */
export const OUTPUT_FILES = [
  'city/boundary.geojson',
  'city/districts.geojson',
  'city/streets.geojson',
  'city/rail.geojson',
  'city/landmarks.geojson',
  'sensors.geojson',
  'roads.geojson',
  'places.geojson',
] as const;

const OSM = '© OpenStreetMap contributors, ODbL 1.0';

export interface BuildResult {
  files: string[];
  counts: Record<string, number>;
}

export function buildCityModel(opts: { dataDir?: string; outDir?: string } = {}): BuildResult {
  const dataDir = opts.dataDir ?? defaultDataDir();
  const outDir = opts.outDir ?? defaultOutDir();
  const src = loadSources(dataDir);
  const districtOf = makeDistrictLocator(src);

  const streets = buildStreets(buildRouteIndex(src.transitRoutes));
  const roads = buildRoadGraph(streets, districtOf, src.boundary);
  roadNetworkSchema.parse(roads.collection);
  const detectors = trafficSensors(streets, districtOf).map((f) => {
    const linkId = roads.detectorLinks.get(f.properties.id);
    if (!linkId) throw new Error(`detector ${f.properties.id} has no graph link`);
    return { ...f, properties: { ...f.properties, linkId } };
  });
  const sensors: Feature[] = [
    ...climateSensors(src, districtOf),
    ...parkingSensors(src, districtOf),
    ...chargingSensors(src, districtOf),
    ...detectors,
  ];
  const registry = sensorRegistrySchema.parse({ type: 'FeatureCollection', features: sensors });
  const ids = new Set<string>();
  for (const f of registry.features) {
    if (f.id !== f.properties.id) throw new Error(`feature id ${f.id} differs from properties.id ${f.properties.id}`);
    if (ids.has(f.id)) throw new Error(`duplicate sensor id ${f.id}`);
    ids.add(f.id);
  }

  const counts: Record<string, number> = {};
  const places = buildPlaces(dataDir, districtOf);
  for (const type of ['kita', 'school', 'playground']) counts[`places ${type}`] = places.features.filter((f) => f.properties.type === type).length;

  const outputs: [string, FeatureCollection, Record<string, unknown>][] = [
    ['city/boundary.geojson', buildBoundary(src), { name: 'boundary', attribution: OSM }],
    ['city/districts.geojson', buildDistricts(src), { name: 'districts', attribution: OSM }],
    [
      'city/streets.geojson',
      streetsCollection(streets),
      { name: 'streets', attribution: `${OSM} (traced along public-transport routes); motorway parts approximated` },
    ],
    ['city/rail.geojson', buildRail(src), { name: 'rail', attribution: OSM }],
    [
      'city/landmarks.geojson',
      buildLandmarks(src),
      { name: 'landmarks', attribution: 'Stadt Bochum Open Data (CC0 1.0), ParkAPI2-sources (MIT)' },
    ],
    ['sensors.geojson', { type: 'FeatureCollection', features: sensors }, {}],
    [
      'roads.geojson',
      roads.collection,
      { name: 'roads', attribution: `${OSM} (traced along public-transport routes); junctions and ramps from public knowledge, partly approximated` },
    ],
    ['places.geojson', places, { name: 'places', attribution: 'Stadt Bochum Open Data, StadtBochum/OpenData data/EDUC (CC0 1.0)' }],
  ];

  for (const f of registry.features) counts[f.properties.kind] = (counts[f.properties.kind] ?? 0) + 1;
  counts['road nodes'] = roads.counts.nodes;
  counts['road links'] = roads.counts.links;
  counts['road lane-km'] = roads.counts.laneKm;

  const files: string[] = [];
  for (const [rel, fc, meta] of outputs) {
    const file = path.join(outDir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, featureCollectionToText(fc, meta));
    files.push(file);
  }
  return { files, counts };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = Date.now();
  const { files, counts } = buildCityModel();
  const total = files.reduce((sum, f) => sum + fs.statSync(f).size, 0);
  for (const f of files) console.log(`${path.relative(process.cwd(), f).padEnd(36)} ${(fs.statSync(f).size / 1024).toFixed(1).padStart(8)} KiB`);
  console.log(`sensors: ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  console.log(`total ${(total / 1024).toFixed(1)} KiB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
