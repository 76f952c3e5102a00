import type { SensorFeature } from '../../common/sensors.js';
import { SENSOR_KINDS, type SensorKind } from '../../common/readings.js';
import { registryFingerprint } from '../../common/wire/columns.js';

/**
 * The registry as the columnar form and subscriptions see it: each sensor's position (the order of
 * GET /api/sensors, which clients index by), its kind and its bounding box [west, south, east, north].
 */
export class RegistryIndex {
  readonly ids: readonly string[];
  readonly fingerprint: string;
  private readonly position = new Map<string, number>();
  /** SENSOR_KINDS index per sensor */
  readonly kindCode: Uint8Array;
  /** 4 numbers per sensor: west, south, east, north */
  readonly bounds: Float64Array;
  /** the registry's own sensors: those before SCALE's generated ones (common/registry-columns.ts keeps that order) */
  readonly ownCount: number;

  constructor(features: readonly SensorFeature[]) {
    this.ids = features.map((f) => f.id);
    this.fingerprint = registryFingerprint(this.ids);
    this.kindCode = new Uint8Array(features.length);
    this.bounds = new Float64Array(features.length * 4);
    const firstGenerated = features.findIndex((f) => f.properties.generated);
    this.ownCount = firstGenerated < 0 ? features.length : firstGenerated;
    features.forEach((f, i) => {
      this.position.set(f.id, i);
      this.kindCode[i] = SENSOR_KINDS.indexOf(f.properties.kind);
      const points = f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.coordinates;
      let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const [lon, lat] of points) {
        w = Math.min(w, lon);
        e = Math.max(e, lon);
        s = Math.min(s, lat);
        n = Math.max(n, lat);
      }
      this.bounds.set([w, s, e, n], i * 4);
    });
  }

  get size(): number {
    return this.ids.length;
  }

  indexOf = (sensorId: string): number | undefined => this.position.get(sensorId);

  /** One of the registry's own sensors (false for a generated one and an unknown id). */
  isOwn = (sensorId: string): boolean => (this.position.get(sensorId) ?? Infinity) < this.ownCount;

  kindOf(index: number): SensorKind {
    return SENSOR_KINDS[this.kindCode[index]];
  }
}
