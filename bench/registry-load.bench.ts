/**
 * The sensor registry as the page loads it, at SCALE=100000 (issue 13: the map could not stand before the live
 * snapshot arrived). Prints JSON for both forms of GET /api/sensors, built from the same registry:
 * - before: the GeoJSON FeatureCollection of every sensor, parsed, split by kind and indexed by id as the page did
 *   (client/src/map/city-model.ts before the columnar form, copied here on purpose);
 * - after: `?generated=columns` (common/registry-columns.ts), parsed, checked by its zod schema and expanded
 *   (registry order, the generated kinds' typed arrays) as the page does now.
 * Bytes as JSON and gzipped; the page-side time (median of BENCH_RUNS, default 5, alternating; `firstPageMs` the first
 * run, with the code still cold, as the page meets it once at its start); and the heap each
 * city model keeps (process.memoryUsage after a full GC; run with NODE_OPTIONS=--expose-gc, else null).
 * Run: `NODE_OPTIONS=--expose-gc npx tsx bench/registry-load.bench.ts`.
 */
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { registryColumnsOf, registryColumnsSchema, registryOrderOf } from '../common/registry-columns.js';
import type { SensorFeature } from '../common/sensors.js';
import { generatedSensorsOf } from '../client/src/map/generated-sensors.js';
import { loadSensorIndex, withGeneratedSensors } from '../server/registry.js';
import { generateScaleCity, loadScaleGeometry } from '../server/simulator/scale-city.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SCALE = Number(process.env.BENCH_SCALE ?? 100_000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const r1 = (v: number) => Math.round(v * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc;

const features = withGeneratedSensors(loadSensorIndex(), generateScaleCity(SCALE, 1, loadScaleGeometry())).registry.features;
const geojson = JSON.stringify({ type: 'FeatureCollection', features });
const columns = JSON.stringify(registryColumnsOf(features));

/** The page's city model from the GeoJSON form, as it was built. */
function loadBefore(text: string) {
  const registry = JSON.parse(text) as { features: SensorFeature[] };
  const of = (kind: string) => registry.features.filter((f) => f.properties.kind === kind && !f.properties.generated);
  const picked: Record<string, number[]> = { parking: [], climate: [], traffic: [] };
  registry.features.forEach((f, i) => {
    if (f.properties.generated && f.properties.kind in picked) picked[f.properties.kind].push(i);
  });
  const kindOf = (indices: number[]) => {
    const lonLat = new Float32Array(indices.length * 2);
    indices.forEach((r, i) => {
      const g = registry.features[r].geometry;
      const c = g.type === 'Point' ? g.coordinates : g.coordinates[Math.floor(g.coordinates.length / 2)];
      lonLat[2 * i] = c[0];
      lonLat[2 * i + 1] = c[1];
    });
    return { ids: indices.map((r) => registry.features[r].id), registryIndex: Uint32Array.from(indices), lonLat };
  };
  const byId = new Map(registry.features.map((f) => [f.id, f.properties]));
  const ids = [...byId.keys()];
  return { byId, ids, kinds: ids.map((id) => byId.get(id)!.kind), traffic: of('traffic'), climate: of('climate'), parking: of('parking'), generated: Object.fromEntries(Object.entries(picked).map(([k, v]) => [k, kindOf(v)])) };
}

/** The page's city model from the columnar form, as it is built now. */
function loadAfter(text: string) {
  const registry = registryColumnsSchema.parse(JSON.parse(text));
  const of = (kind: string) => registry.features.filter((f) => f.properties.kind === kind);
  return { byId: new Map(registry.features.map((f) => [f.id, f.properties])), order: registryOrderOf(registry), traffic: of('traffic'), climate: of('climate'), parking: of('parking'), generated: generatedSensorsOf(registry) };
}

function heldMB(load: () => unknown): number | null {
  if (!gc) return null;
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = load();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (!kept) throw new Error('nothing loaded');
  return r1((after - before) / 1e6);
}

const times = { before: [] as number[], after: [] as number[] };
for (let i = 0; i < RUNS; i++) {
  for (const form of ['before', 'after'] as const) {
    const t = performance.now();
    (form === 'before' ? loadBefore : loadAfter)(form === 'before' ? geojson : columns);
    times[form].push(performance.now() - t);
  }
}
// the same ids and kinds in the same order either way
const b = loadBefore(geojson);
const a = loadAfter(columns);
if (a.order.ids.length !== b.ids.length || a.order.ids.some((id, i) => id !== b.ids[i] || a.order.kinds[i] !== b.kinds[i])) throw new Error('the two forms disagree on the registry order');

console.log(
  JSON.stringify(
    {
      machine: { cpus: cpus().length, model: cpus()[0]?.model.trim(), node: process.version, load1: r1(loadavg()[0]) },
      sensors: features.length,
      runs: RUNS,
      before: { jsonMB: r1(geojson.length / 1e6), gzipMB: r1(gzipSync(geojson, { level: 6 }).length / 1e6), pageMs: r1(median(times.before)), firstPageMs: r1(times.before[0]), heldMB: heldMB(() => loadBefore(geojson)) },
      after: { jsonMB: r1(columns.length / 1e6), gzipMB: r1(gzipSync(columns, { level: 6 }).length / 1e6), pageMs: r1(median(times.after)), firstPageMs: r1(times.after[0]), heldMB: heldMB(() => loadAfter(columns)) },
    },
    null,
    2,
  ),
);
