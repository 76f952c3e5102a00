/**
 * The browser's data path per message (what client/src/live/connection.ts does: decode the columns,
 * build entries, LiveStore.applySnapshot/applyDelta) at 100,000 generated sensors plus the registry, in Node.
 * before: every sensor kept as an entry object too (the client before issue 13's columnar store);
 * after: generated sensors in the typed columns alone (LiveRegistry.columnsOnly).
 * Deltas of 1,000 random sensors (about the default rate) and of all 100,000 (SCALE_RATE=1); medians of 10.
 * Run: `npx tsx bench/client-store.bench.ts` (JSON on stdout).
 */
import { deriveFigures } from '../common/derive.js';
import { loadSensorIndex } from '../server/registry.js';
import { generateScaleCity, loadScaleGeometry } from '../server/simulator/scale-city.js';
import { loadavg } from 'node:os';
import { columnsToEntries, decodeColumns, encodeColumns } from '../common/wire/columns.js';
import { LiveColumns } from '../client/src/live/live-columns.js';
import { LiveStore } from '../client/src/live/live-store.js';
import { median } from './median.js';

const real = loadSensorIndex().registry.features;
const features = [...real, ...generateScaleCity(100_000, 1, loadScaleGeometry())];
const ids = features.map((f) => f.id);
const indexOf = new Map(ids.map((id, i) => [id, i]));
let x = 7;
const rnd = () => ((x = (x * 48271) % 2147483647) / 2147483647);
const T = Date.parse('2026-06-16T15:00:00Z');
function entryOf(f: (typeof features)[number], ts: number) {
  const k = f.properties.kind;
  const values = k === 'parking' ? { freeSpaces: f.properties.generated ? (rnd() < 0.6 ? 0 : 1) : Math.round(rnd() * 200), open: true }
    : k === 'climate' ? { airTempC: 20 + Math.round(rnd() * 100) / 10, relHumidityPct: 50, windKmh: 5, solarWm2: 400 }
    : k === 'traffic' ? { flowVehH: Math.round(rnd() * 1500), speedKmh: Math.round(rnd() * 60), occupancyPct: Math.round(rnd() * 40) }
    : null;
  if (!values) return null;
  const reading = { sensorId: f.id, kind: k, ts, values } as never;
  return { reading, derived: deriveFigures(reading, f), receivedAt: ts };
}
const all = features.map((f) => entryOf(f, T)).filter((e) => e !== null);
const pick = (n: number, ts: number) => { const out = []; for (let i = 0; i < n; i++) { const f = features[Math.floor(rnd() * features.length)]; const e = entryOf(f, ts); if (e) out.push(e); } return out; };
const kindOf = (i: number) => features[i].properties.kind as never;
const columnsOnly = (i: number) => features[i].properties.generated === true;
const snapCols = encodeColumns(all as never, (id) => indexOf.get(id));

function run(label: 'before' | 'after', deltaSize: number) {
  const store = new LiveStore();
  store.columns = label === 'after' ? new LiveColumns(ids, kindOf, columnsOnly) : new LiveColumns(ids, kindOf);
  const entriesOf = (d: ReturnType<typeof decodeColumns>) => d.flatMap((c) => columnsToEntries(c, ids, store.columns!.keepsEntry));
  let t0 = performance.now();
  const dec = decodeColumns(snapCols);
  store.applySnapshot({ seq: 0, instance: 'i', serverTime: 0, cityTime: 0, scenario: null, tickMs: 1000, entries: entriesOf(dec), districts: [], alerts: [], nights: [], closures: [] } as never, Date.now(), dec);
  const snapMs = performance.now() - t0;
  const times: number[] = [];
  for (let s = 1; s <= 12; s++) {
    const bytes = encodeColumns(pick(deltaSize, T + s * 1000) as never, (id) => indexOf.get(id));
    t0 = performance.now();
    const d = decodeColumns(bytes);
    store.applyDelta({ seq: s, instance: 'i', serverTime: 0, cityTime: 0, entries: entriesOf(d) } as never, Date.now(), d);
    times.push(performance.now() - t0);
  }
  return { label, deltaSize, snapshotMs: Math.round(snapMs), deltaMedianMs: +median(times.slice(2)).toFixed(2), entriesKept: store.entries.size };
}
const results = [];
const load = loadavg()[0];
for (const size of [1000, 100_000]) for (const label of ['before', 'after'] as const) results.push(run(label, size));
console.log(JSON.stringify({ benchmark: 'client-store', sensors: features.length, loadavg1m: [+load.toFixed(1), +loadavg()[0].toFixed(1)], results }, null, 1));
process.exit(0);
