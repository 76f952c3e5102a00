import type { SensorFeature } from '../../../common/sensors.js';

/** The generated sensors of one kind, in registry order, as typed arrays for deck.gl's binary attributes. */
export interface GeneratedKind {
  ids: string[];
  /** each sensor's position in the registry: its place in `store.columns` */
  registryIndex: Uint32Array;
  /** lon, lat per sensor (a counter's link at its middle vertex) */
  lonLat: Float32Array;
}

export interface GeneratedSensors {
  parking: GeneratedKind;
  climate: GeneratedKind;
  traffic: GeneratedKind;
  count: number;
}

/** Splits SCALE's generated sensors out of the registry once, at start-up; undefined when there are none. */
export function generatedSensorsOf(features: readonly SensorFeature[]): GeneratedSensors | undefined {
  const picked: Record<'parking' | 'climate' | 'traffic', number[]> = { parking: [], climate: [], traffic: [] };
  features.forEach((f, i) => {
    const k = f.properties.kind;
    if (f.properties.generated && (k === 'parking' || k === 'climate' || k === 'traffic')) picked[k].push(i);
  });
  const count = picked.parking.length + picked.climate.length + picked.traffic.length;
  if (count === 0) return undefined;
  const kindOf = (indices: number[]): GeneratedKind => {
    const lonLat = new Float32Array(indices.length * 2);
    indices.forEach((r, i) => {
      const g = features[r].geometry;
      const c = (g.type === 'Point' ? g.coordinates : g.coordinates[Math.floor(g.coordinates.length / 2)]) as [number, number];
      lonLat[2 * i] = c[0];
      lonLat[2 * i + 1] = c[1];
    });
    return { ids: indices.map((r) => features[r].id), registryIndex: Uint32Array.from(indices), lonLat };
  };
  return { parking: kindOf(picked.parking), climate: kindOf(picked.climate), traffic: kindOf(picked.traffic), count };
}
