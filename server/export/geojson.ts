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

export type SensorStateFeature = SensorStateCollection['features'][number];

/** The sensor if it is of the kind (an entry's sensor id may name another kind's). */
export const sensorOfKind = (f: SensorFeature | undefined, kind: string): SensorFeature | undefined => (f?.properties.kind === kind ? f : undefined);

/** A sensor as a feature with its entry at the instant, or with nulls without one. */
export function sensorStateFeature(sensor: SensorFeature, entry: LiveEntry | undefined): SensorStateFeature {
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
}

/**
 * The collection with its features made as the store's pages of entries come in (HistoryStore.stateAtPages), to be
 * written as they are made (server/http/json-in-slices.ts): first the sensors with an entry, in the pages' order, then
 * the sensors without one, in `sensors`' order. Only a page of entries is alive at a time: at SCALE a kind has 75,000
 * sensors, and its entries, all read before the first feature was written, outlived the garbage collector's young
 * generation and were copied with every collection while the export was written. `sensorOf`: the sensor an
 * entry belongs to if it is one of `sensors` (an entry of another sensor is left out).
 */
export function sensorStateCollection(
  sensors: readonly SensorFeature[],
  sensorOf: (id: string) => SensorFeature | undefined,
  pages: AsyncIterable<readonly LiveEntry[]>,
  at: number,
): Omit<SensorStateCollection, 'features'> & { features: AsyncIterable<SensorStateFeature> } {
  return { type: 'FeatureCollection', at, atTime: bochumIso(at), features: sensorStateFeatures(sensors, sensorOf, pages) };
}

async function* sensorStateFeatures(
  sensors: readonly SensorFeature[],
  sensorOf: (id: string) => SensorFeature | undefined,
  pages: AsyncIterable<readonly LiveEntry[]>,
): AsyncGenerator<SensorStateFeature> {
  // the registry's own id strings: the page's go with the page
  const written = new Set<string>();
  for await (const page of pages) {
    for (const entry of page) {
      const sensor = sensorOf(entry.reading.sensorId);
      if (!sensor || written.has(sensor.id)) continue;
      written.add(sensor.id);
      yield sensorStateFeature(sensor, entry);
    }
  }
  for (const sensor of sensors) if (!written.has(sensor.id)) yield sensorStateFeature(sensor, undefined);
}

/** The whole collection in one piece (the route writes it as it is made: sensorStateCollection). */
export function sensorStateGeoJson(sensors: readonly SensorFeature[], entries: readonly LiveEntry[], at: number): SensorStateCollection {
  const bySensor = new Map(entries.map((e) => [e.reading.sensorId, e]));
  return { type: 'FeatureCollection', at, atTime: bochumIso(at), features: sensors.map((s) => sensorStateFeature(s, bySensor.get(s.id))) };
}
