import type { LiveEntry } from '../../common/protocol.js';
import type { SensorFeature } from '../../common/sensors.js';
import { bochumIso } from '../../common/bochum-time.js';

/**
 * The sensors of one kind as a GeoJSON FeatureCollection with their state at one instant: each
 * feature keeps its registry geometry and name and carries the latest reading (and its derived
 * figures) at or before that instant within its freshness limit, or nulls when there was none.
 */

export interface SensorStateProperties {
  sensorId: string;
  name: string;
  kind: string;
  district: string;
  synthetic: boolean;
  /** measurement time of the reading, epoch ms, and the same in Bochum local time; null without one */
  t: number | null;
  time: string | null;
  values: LiveEntry['reading']['values'] | null;
  derived: LiveEntry['derived'] | null;
}

export interface SensorStateCollection {
  type: 'FeatureCollection';
  /** the instant the values are for, epoch ms and Bochum local time */
  at: number;
  atTime: string;
  features: Array<{ type: 'Feature'; id: string; geometry: SensorFeature['geometry']; properties: SensorStateProperties }>;
}

type SensorStateFeature = SensorStateCollection['features'][number];

/**
 * The collection with its sensors still to become features (`featureOf`), so they can be built a slice at a time
 * as they are written (server/http/json-in-slices.ts): at SCALE a kind has 75,000 sensors, built in one piece they
 * held the event loop and the memory of every feature at once. `bySensor`: the entries by sensor id (the route
 * fills it in slices too: 75,000 entries put into a Map at once held the loop 45-93 ms).
 */
export function sensorStateCollection(
  sensors: readonly SensorFeature[],
  bySensor: ReadonlyMap<string, LiveEntry>,
  at: number,
): { collection: Omit<SensorStateCollection, 'features'> & { features: readonly SensorFeature[] }; featureOf: (sensor: SensorFeature) => SensorStateFeature } {
  const featureOf = (sensor: SensorFeature): SensorStateFeature => {
    const entry = bySensor.get(sensor.id);
    return {
      type: 'Feature',
      id: sensor.id,
      geometry: sensor.geometry,
      properties: {
        sensorId: sensor.id,
        name: sensor.properties.name,
        kind: sensor.properties.kind,
        district: sensor.properties.district,
        synthetic: sensor.properties.synthetic,
        t: entry?.reading.ts ?? null,
        time: entry ? bochumIso(entry.reading.ts) : null,
        values: entry?.reading.values ?? null,
        derived: entry?.derived ?? null,
      },
    };
  };
  return { collection: { type: 'FeatureCollection', at, atTime: bochumIso(at), features: sensors }, featureOf };
}

export function sensorStateGeoJson(sensors: readonly SensorFeature[], entries: readonly LiveEntry[], at: number): SensorStateCollection {
  const { collection, featureOf } = sensorStateCollection(sensors, new Map(entries.map((e) => [e.reading.sensorId, e])), at);
  return { ...collection, features: collection.features.map(featureOf) };
}
