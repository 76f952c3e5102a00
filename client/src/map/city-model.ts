import type { ChargingSensor, ClimateSensor, ParkingSensor, SensorFeature, SensorProperties, TrafficSensor, TreeSensor } from '../../../common/sensors.js';
import { streetLabelPoints, type StreetLabel } from './street-labels.js';
import { generatedSensorsOf, type GeneratedSensors } from './generated-sensors.js';
import { registryColumnsSchema, registryOrderOf, type RegistryOrder } from '../../../common/registry-columns.js';

type Feature<P> = SensorFeature & { properties: P };

/** The registry split by kind, fetched once at start-up; the arrays stay the same objects for the layers' lifetime. */
export interface CityModel {
  /** the registry's own sensors (SCALE's generated ones are in `generated` and `registry` alone) */
  byId: ReadonlyMap<string, SensorProperties>;
  /** every sensor's id and kind in registry order, as the live stream indexes them */
  registry: RegistryOrder;
  traffic: Array<Feature<TrafficSensor> & { geometry: { type: 'LineString' } }>;
  /** detectors by the road-graph link they measure: closures name graph links */
  trafficByLinkId: ReadonlyMap<string, Array<Feature<TrafficSensor> & { geometry: { type: 'LineString' } }>>;
  climate: Array<Feature<ClimateSensor> & { geometry: { type: 'Point' } }>;
  parking: Array<Feature<ParkingSensor> & { geometry: { type: 'Point' } }>;
  charging: Array<Feature<ChargingSensor> & { geometry: { type: 'Point' } }>;
  /** soil-moisture sensors in street trees (absent where a test builds a city without them) */
  tree?: Array<Feature<TreeSensor> & { geometry: { type: 'Point' } }>;
  /** outer rings of the city boundary, for clipping the heat surface */
  boundaryRings: Array<Array<[number, number]>>;
  districtLabels: Array<{ name: string; position: [number, number] }>;
  landmarks: Array<{ name: string; position: [number, number] }>;
  /** main street names placed along their roads (absent where a test builds a city without streets) */
  streetLabels?: StreetLabel[];
  /** SCALE's generated sensors, kept out of the per-site arrays above: drawn aggregated (generated-layers.ts) */
  generated?: GeneratedSensors;
}

/** One street name every this many km of road: collision filtering thins them out at city zoom. */
const STREET_LABEL_EVERY_KM = 1.6;

interface GeoJsonCollection {
  features: Array<{ properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }>;
}

function ringsOf(geometry: { type: string; coordinates: unknown }): Array<Array<[number, number]>> {
  if (geometry.type === 'Polygon') return geometry.coordinates as Array<Array<[number, number]>>;
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as Array<Array<Array<[number, number]>>>).flat();
  return [];
}

/** Label point of a polygon: the vertex mean of its outer ring is inside for Bochum's compact districts. */
function labelPoint(ring: Array<[number, number]>): [number, number] {
  const sum = ring.reduce(([x, y], [lon, lat]) => [x + lon, y + lat], [0, 0]);
  return [sum[0] / ring.length, sum[1] / ring.length];
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}

/**
 * The registry with SCALE's generated sensors in columns: at 100,000 sensors the GeoJSON was 36 MB to parse before the map
 * could stand. index.html preloads this URL; a plain fetch() matches that preload (tests/browser-registry-preload.test.ts).
 */
async function getRegistry() {
  const parsed = registryColumnsSchema.safeParse(await getJson<unknown>('/api/sensors?generated=columns'));
  if (!parsed.success) throw new Error(`/api/sensors: ${parsed.error.issues[0]?.message ?? 'not a registry'}`);
  return parsed.data;
}

/**
 * The city model. `onRegistry` gets the registry's order as soon as it is parsed, before the other files: the live
 * stream's columnar snapshot indexes into it and can be decoded while the rest of the model still loads.
 */
export async function loadCityModel(onRegistry?: (order: RegistryOrder) => void): Promise<CityModel> {
  const [[registry, order], boundary, districts, landmarks, streets] = await Promise.all([
    getRegistry().then((r) => {
      const o = registryOrderOf(r);
      onRegistry?.(o);
      return [r, o] as const;
    }),
    getJson<GeoJsonCollection>('/city/boundary.geojson'),
    getJson<GeoJsonCollection>('/city/districts.geojson'),
    getJson<GeoJsonCollection>('/city/landmarks.geojson'),
    // the streets are the basemap's; their names are a nicety, so a failed fetch leaves the map without them
    getJson<GeoJsonCollection>('/city/streets.geojson').catch(() => ({ features: [] }) as GeoJsonCollection),
  ]);
  const of = <K extends SensorProperties['kind']>(kind: K) => registry.features.filter((f) => f.properties.kind === kind) as never;
  const traffic: CityModel['traffic'] = of('traffic');
  const trafficByLinkId = new Map<string, CityModel['traffic']>();
  for (const f of traffic) {
    const linkId = f.properties.linkId ?? f.id;
    trafficByLinkId.set(linkId, [...(trafficByLinkId.get(linkId) ?? []), f]);
  }
  return {
    trafficByLinkId,
    byId: new Map(registry.features.map((f) => [f.id, f.properties])),
    registry: order,
    generated: generatedSensorsOf(registry),
    traffic,
    climate: of('climate'),
    parking: of('parking'),
    charging: of('charging'),
    tree: of('tree'),
    boundaryRings: boundary.features.flatMap((f) => ringsOf(f.geometry)),
    districtLabels: districts.features.map((f) => ({ name: String(f.properties.name), position: labelPoint(ringsOf(f.geometry)[0]) })),
    landmarks: landmarks.features.map((f) => ({ name: String(f.properties.name), position: f.geometry.coordinates as [number, number] })),
    streetLabels: streets.features.flatMap((f) =>
      (f.geometry.type === 'LineString' ? [f.geometry.coordinates as Array<[number, number]>] : f.geometry.type === 'MultiLineString' ? (f.geometry.coordinates as Array<Array<[number, number]>>) : []).flatMap((line) =>
        streetLabelPoints(String(f.properties.name), String(f.properties.roadClass), line, STREET_LABEL_EVERY_KM),
      ),
    ),
  };
}
