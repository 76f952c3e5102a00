/**
 * The city for the wire benchmark: the real registry's entries after an hour of simulation, and a
 * big registry made of copies of data/sensors.geojson (as issue 13 measured it) with entries whose
 * values vary per copy and whose derived figures are computed as the server does.
 */
import { pino } from 'pino';
import { deriveFigures } from '../common/derive.js';
import type { LiveEntry } from '../common/protocol.js';
import type { Reading } from '../common/readings.js';
import type { SensorFeature } from '../common/sensors.js';
import { Ingest } from '../server/ingest/ingest.js';
import { loadSensorIndex } from '../server/registry.js';
import { loadScenario } from '../server/simulator/scenario.js';
import { Simulator } from '../server/simulator/simulator.js';
import { LiveState } from '../server/state/live-state.js';
import { ClosureStore } from '../server/traffic/closures.js';
import { linkStreets, loadRoadNetwork, twinDetectors } from '../server/traffic/road-network.js';
import { TrafficTwin } from '../server/traffic/traffic-twin.js';

export interface BenchCity {
  features: SensorFeature[];
  entries: LiveEntry[];
  /** readings per second of city time over the last simulated minutes (the real registry's pace) */
  readingsPerSecond: number;
}

const START = Date.parse('2026-06-16T17:00:00+02:00');

export function realCity(): BenchCity {
  const sensors = loadSensorIndex();
  const scenario = loadScenario('normaler-werktag');
  const sim = new Simulator(scenario, sensors, START, new Set(['climate', 'parking', 'charging']), 1);
  const roads = loadRoadNetwork();
  let now = START;
  const twin = new TrafficTwin({ network: roads, detectors: twinDetectors(sensors), closures: new ClosureStore(linkStreets(roads), () => now), start: START, dayType: scenario.dayType, seed: 1 });
  const readings: Reading[] = [];
  let lastTen = 0;
  const end = START + 3600_000;
  for (let t = START + 1000; t <= end; t += 1000) {
    now = t;
    const due = [...sim.step(t), ...twin.step(t)];
    if (t > end - 600_000) lastTen += due.length;
    readings.push(...due);
  }
  const state = new LiveState();
  const ingest = new Ingest(sensors, state, () => end, pino({ level: 'silent' }));
  for (const r of readings) ingest.submit(r, 'bench');
  return { features: sensors.registry.features, entries: state.all(), readingsPerSecond: lastTen / 600 };
}

/** Rounds like the feeds do: to the decimals the base value has. */
function nudge(v: number, copy: number): number {
  const decimals = Math.min(3, (String(v).split('.')[1] ?? '').length);
  const p = 10 ** decimals;
  return Math.max(0, Math.round((v + (((copy * 37) % 11) - 5) / Math.max(p, 10)) * p) / p);
}

function varied(reading: Reading, sensorId: string, copy: number): Reading {
  switch (reading.kind) {
    case 'traffic':
      return { ...reading, sensorId, values: { flowVehH: nudge(reading.values.flowVehH, copy), speedKmh: nudge(reading.values.speedKmh, copy), occupancyPct: Math.min(100, nudge(reading.values.occupancyPct, copy)) } };
    case 'climate':
      return { ...reading, sensorId, values: { ...reading.values, airTempC: nudge(reading.values.airTempC, copy), relHumidityPct: Math.min(100, nudge(reading.values.relHumidityPct, copy)) } };
    case 'parking':
      return { ...reading, sensorId, values: { ...reading.values, freeSpaces: Math.round(nudge(reading.values.freeSpaces, copy)) } };
    case 'charging':
      return { ...reading, sensorId, values: { points: reading.values.points.map((p, i) => ({ ...p, status: (copy + i) % 3 === 0 ? 'charging' : p.status })) } };
    case 'tree':
      return { ...reading, sensorId, values: { ...reading.values, soilMoisturePct: Math.min(100, nudge(reading.values.soilMoisturePct, copy)) } };
  }
}

/** `n` sensors: copies of the real registry, each copy shifted a little, ids `<id>:<copy>`. */
export function bigCity(real: BenchCity, n: number): BenchCity {
  const base = new Map(real.entries.map((e) => [e.reading.sensorId, e]));
  const features: SensorFeature[] = [];
  const entries: LiveEntry[] = [];
  for (let copy = 0; features.length < n; copy++) {
    const dLon = ((copy % 40) - 20) * 0.0008;
    const dLat = (Math.floor(copy / 40) % 40 - 20) * 0.0005;
    for (const f of real.features) {
      if (features.length >= n) break;
      const id = `${f.id}:${copy}`;
      const geometry =
        f.geometry.type === 'Point'
          ? { type: 'Point' as const, coordinates: [f.geometry.coordinates[0] + dLon, f.geometry.coordinates[1] + dLat] as [number, number] }
          : { type: 'LineString' as const, coordinates: f.geometry.coordinates.map(([lon, lat]) => [lon + dLon, lat + dLat] as [number, number]) };
      const feature = { ...f, id, properties: { ...f.properties, id, synthetic: true }, geometry } as SensorFeature;
      features.push(feature);
      const e = base.get(f.id);
      if (!e) continue;
      const reading = varied(e.reading, id, copy);
      entries.push({ reading, derived: deriveFigures(reading, feature), receivedAt: e.receivedAt + copy });
    }
  }
  return { features, entries, readingsPerSecond: (real.readingsPerSecond * n) / real.features.length };
}
