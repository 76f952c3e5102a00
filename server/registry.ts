import path from 'node:path';
import { sensorRegistrySchema, type SensorFeature, type SensorRegistry } from '../common/sensors.js';
import { readJsonFile } from './json-file.js';
import { DATA_DIR } from './paths.js';

/** The sensor registry from data/sensors.geojson, validated once at start-up and indexed by id. */
export class SensorIndex {
  readonly byId: ReadonlyMap<string, SensorFeature>;

  constructor(readonly registry: SensorRegistry) {
    this.byId = new Map(registry.features.map((f) => [f.id, f]));
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): SensorFeature | undefined {
    return this.byId.get(id);
  }

  ofKind<K extends SensorFeature['properties']['kind']>(kind: K): Array<SensorFeature & { properties: { kind: K } }> {
    return this.registry.features.filter((f) => f.properties.kind === kind) as Array<SensorFeature & { properties: { kind: K } }>;
  }
}

export function loadSensorIndex(file = path.join(DATA_DIR, 'sensors.geojson')): SensorIndex {
  return new SensorIndex(readJsonFile(file, sensorRegistrySchema, 'sensor registry'));
}
