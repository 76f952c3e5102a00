import path from 'node:path';
import { sensorRegistrySchema, type SensorFeature, type SensorRegistry } from '../common/sensors.js';
import { readJsonFile } from './json-file.js';
import { DATA_DIR } from './paths.js';

/**
 * The sensor registry from data/sensors.geojson and the files loaded beside it (REGISTRY_FILES),
 * validated once at start-up and indexed by id.
 */
export class SensorIndex {
  readonly byId: ReadonlyMap<string, SensorFeature>;
  /** each sensor's position in `registry.features`: per-sensor state of the hot path lives in typed arrays at it */
  private readonly slots: ReadonlyMap<string, number>;

  constructor(readonly registry: SensorRegistry) {
    this.byId = new Map(registry.features.map((f) => [f.id, f]));
    this.slots = new Map(registry.features.map((f, i) => [f.id, i]));
  }

  /** The sensor's slot (0 … size − 1), or undefined for an unknown id. */
  slotOf(id: string): number | undefined {
    return this.slots.get(id);
  }

  at(slot: number): SensorFeature {
    return this.registry.features[slot];
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): SensorFeature | undefined {
    return this.byId.get(id);
  }

  private readonly kinds = new Map<string, readonly SensorFeature[]>();

  /** The sensors of a kind, in registry order; found once per kind (at SCALE a walk of 100,000 sensors per export). */
  ofKind<K extends SensorFeature['properties']['kind']>(kind: K): ReadonlyArray<SensorFeature & { properties: { kind: K } }> {
    let found = this.kinds.get(kind);
    if (!found) {
      found = this.registry.features.filter((f) => f.properties.kind === kind);
      this.kinds.set(kind, found);
    }
    return found as ReadonlyArray<SensorFeature & { properties: { kind: K } }>;
  }
}

/**
 * The registry with sensors generated at start-up (SCALE=<n>, server/simulator/scale-city.ts) appended.
 * Their ids may not clash with the file's: a clash is a generator bug, and start-up stops on it.
 */
export function withGeneratedSensors(index: SensorIndex, generated: readonly SensorFeature[]): SensorIndex {
  if (generated.length === 0) return index;
  for (const f of generated) if (index.byId.has(f.id)) throw new Error(`generated sensor ${f.id} clashes with the registry`);
  return new SensorIndex({ ...index.registry, features: [...index.registry.features, ...generated] });
}

/**
 * The registry files, in the order their sensors are indexed (clients index by it): the city's main
 * registry, then the street-tree soil-moisture sensors, a climate sub-feed kept in a file of its own
 * (data/build/build-treesense.ts writes it).
 */
export const REGISTRY_FILES = [path.join(DATA_DIR, 'sensors.geojson'), path.join(DATA_DIR, 'trees/tree-sensors.geojson')];

/** Loads and joins registry files; an id in two of them stops start-up, as a clash of generated sensors does. */
export function loadSensorIndex(files: string | readonly string[] = REGISTRY_FILES): SensorIndex {
  const registries = (typeof files === 'string' ? [files] : files).map((file) => ({ file, registry: readJsonFile(file, sensorRegistrySchema, 'sensor registry') }));
  const seen = new Map<string, string>();
  for (const { file, registry } of registries) {
    for (const f of registry.features) {
      const other = seen.get(f.id);
      if (other !== undefined) throw new Error(`sensor ${f.id} is in both ${other} and ${file}`);
      seen.set(f.id, file);
    }
  }
  return new SensorIndex({ type: 'FeatureCollection', features: registries.flatMap((r) => r.registry.features) });
}
