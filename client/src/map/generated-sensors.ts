import { kindsOfRuns, type RegistryColumns } from '../../../common/registry-columns.js';

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

type DrawnKind = 'parking' | 'climate' | 'traffic';
const DRAWN: ReadonlySet<string> = new Set<DrawnKind>(['parking', 'climate', 'traffic']);

/** SCALE's generated sensors of the registry's columnar form (common/registry-columns.ts) by kind; undefined when there are none. */
export function generatedSensorsOf(registry: RegistryColumns): GeneratedSensors | undefined {
  const g = registry.generated;
  if (!g || g.ids.length === 0) return undefined;
  const picked: Record<DrawnKind, number[]> = { parking: [], climate: [], traffic: [] };
  kindsOfRuns(g.kindRuns).forEach((k, i) => {
    if (DRAWN.has(k)) picked[k as DrawnKind].push(i);
  });
  const from = registry.features.length;
  const kindOf = (at: number[]): GeneratedKind => {
    const lonLat = new Float32Array(at.length * 2);
    at.forEach((j, i) => {
      lonLat[2 * i] = g.lonLat[2 * j];
      lonLat[2 * i + 1] = g.lonLat[2 * j + 1];
    });
    return { ids: at.map((j) => g.ids[j]), registryIndex: Uint32Array.from(at, (j) => from + j), lonLat };
  };
  const count = picked.parking.length + picked.climate.length + picked.traffic.length;
  if (count === 0) return undefined;
  return { parking: kindOf(picked.parking), climate: kindOf(picked.climate), traffic: kindOf(picked.traffic), count };
}
