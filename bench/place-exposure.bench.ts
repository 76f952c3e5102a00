/**
 * Heat exposure of the vulnerable places (GET /api/places/exposure) at city scale (issue 13). Prints JSON:
 * for today's 22 climate stations and for SCALE=100000's 15,022 (the generated environmental nodes, as the
 * server places them), the 590 places of data/places.geojson, the time per stored quarter-hour bucket:
 * - before: full IDW of every place over every station that reported (utciAtPlaces as it was), once for
 *   today's hours and once for the week's, as the route did;
 * - after: each place's neighbourhood found once (PlaceNeighbourhoods), a bucket computed once for both spans.
 * And the time to find the neighbourhoods. Medians of BENCH_RUNS (default 5) runs, in one process.
 * Run: `npx tsx bench/place-exposure.bench.ts`.
 */
import { cpus, loadavg } from 'node:os';
import { lonLatToLocalKm, BOCHUM_REFERENCE_LAT } from '../common/geo.js';
import { idw } from '../common/models/idw.js';
import { HoursAtOrAbove, PlaceNeighbourhoods } from '../common/models/place-exposure.js';
import { loadPlaces } from '../server/places.js';
import { loadSensorIndex } from '../server/registry.js';
import { generateScaleCity, loadScaleGeometry } from '../server/simulator/scale-city.js';
import { median } from './median.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const Q = 15 * 60_000;
const r2 = (v: number) => Math.round(v * 100) / 100;

const places = loadPlaces();
const real = loadSensorIndex()
  .ofKind('climate')
  .flatMap((f) => (f.geometry.type === 'Point' ? [{ lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }] : []));
const generated = generateScaleCity(100_000, 1, loadScaleGeometry())
  .filter((f) => f.properties.kind === 'climate')
  .flatMap((f) => (f.geometry.type === 'Point' ? [{ lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }] : []));

/** A bucket's UTCI per station: a warm afternoon with some spread. */
const valueOf = (i: number, bucket: number) => 28 + 6 * Math.sin(bucket / 10 + i * 0.37);

/** The route as it was: per bucket, full IDW of every place over the stations that reported, for each of two spans. */
function before(stations: ReadonlyArray<{ lon: number; lat: number }>, bucket: number): void {
  const samples = stations.map((s, i) => ({ ...lonLatToLocalKm(s.lon, s.lat, BOCHUM_REFERENCE_LAT), value: valueOf(i, bucket) }));
  for (let span = 0; span < 2; span++) {
    for (const p of places) {
      const { x, y } = lonLatToLocalKm(p.lon, p.lat, BOCHUM_REFERENCE_LAT);
      idw(samples, x, y);
    }
  }
}

function measure(name: string, stations: ReadonlyArray<{ lon: number; lat: number }>, beforeBuckets: number) {
  const setupMs: number[] = [];
  const afterMs: number[] = [];
  const beforeMs: number[] = [];
  let weighed = 0;
  for (let run = 0; run < RUNS; run++) {
    let s = performance.now();
    const nb = new PlaceNeighbourhoods(stations, places);
    setupMs.push(performance.now() - s);
    weighed = nb.weighed.length;
    const buckets = Array.from({ length: 96 }, (_, b) => Float64Array.from(nb.weighed, (i) => valueOf(i, b)));
    const hours = new HoursAtOrAbove(places.length, 32, Q, [{ from: 0, to: 48 * Q }, { from: 0, to: 96 * Q }]);
    const out = new Float64Array(places.length);
    s = performance.now();
    buckets.forEach((values, b) => hours.add(b * Q, nb.utci(values, out)));
    afterMs.push((performance.now() - s) / buckets.length);
    s = performance.now();
    for (let b = 0; b < beforeBuckets; b++) before(stations, b);
    beforeMs.push((performance.now() - s) / beforeBuckets);
  }
  const b = median(beforeMs);
  const a = median(afterMs);
  return {
    stations: name,
    count: stations.length,
    weighedStations: weighed,
    neighbourhoodsMs: r2(median(setupMs)),
    perBucketMs: { before: r2(b), after: r2(a), ratio: Math.round(b / a) },
    weekOfBucketsMs: { before: Math.round(b * 672), after: Math.round(a * 672) },
  };
}

const results = [measure('today (data/sensors.geojson)', real, 96), measure('SCALE=100000 (with the generated environmental nodes)', [...real, ...generated], 2)];
console.log(JSON.stringify({ machine: { cpus: cpus().length, model: cpus()[0]?.model, load1: r2(loadavg()[0]) }, places: places.length, runs: RUNS, results }, null, 2));
