import { describe, expect, it } from 'vitest';
import { deriveFigures } from '../../common/derive.js';
import type { Alert, LiveEntry } from '../../common/protocol.js';
import type { Reading } from '../../common/readings.js';
import type { SensorFeature } from '../../common/sensors.js';
import { loadDistrictGrid } from '../heat/district-grid.js';
import { HeatMonitor } from '../heat/heat-monitor.js';
import type { HistorySink } from '../pipeline/history-sink.js';
import { loadSensorIndex, withGeneratedSensors } from '../registry.js';
import { generateScaleCity, loadScaleGeometry } from '../simulator/scale-city.js';
import { LiveState } from '../state/live-state.js';
import type { StoredEvent } from '../store/history-store.js';
import { loadRoadNetwork } from '../traffic/road-network.js';
import { ConditionWatch, type ConditionInput } from './alert-conditions.js';
import { DEFAULT_ALERT_THRESHOLDS } from './alert-config.js';
import { AlertEngine } from './alert-engine.js';
import { alertPlaces } from './alert-places.js';
import { AlertStage } from './alert-stage.js';

const registry = loadSensorIndex();
const generated = generateScaleCity(600, 7, loadScaleGeometry());
const sensors = withGeneratedSensors(registry, generated);
const grid = loadDistrictGrid();
const roads = loadRoadNetwork();
const T0 = Date.parse('2024-08-13T15:00:00+02:00');
const MIN = 60_000;

/** A small deterministic generator (mulberry32), so a failing sequence can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A reading of any kind, with values wide enough to cross every rule's thresholds both ways. */
function readingOf(sensor: SensorFeature, ts: number, rnd: () => number, hot: boolean): Reading {
  const p = sensor.properties;
  const sensorId = sensor.id;
  if (p.kind === 'climate') return { sensorId, kind: 'climate', ts, values: { airTempC: hot ? 30 + rnd() * 15 : 15 + rnd() * 20, relHumidityPct: 40, windKmh: 3, solarWm2: 700 } };
  if (p.kind === 'traffic') {
    const jam = rnd() < 0.5;
    return { sensorId, kind: 'traffic', ts, values: { flowVehH: jam ? 300 : 900, speedKmh: jam ? 4 : 45 + rnd() * 10, occupancyPct: jam ? 80 : 15 } };
  }
  if (p.kind === 'parking') return { sensorId, kind: 'parking', ts, values: { freeSpaces: Math.floor(rnd() < 0.5 ? rnd() * 3 : rnd() * p.capacity), open: true } };
  const points = p.kind === 'charging' ? p.points : [];
  return { sensorId, kind: 'charging', ts, values: { points: points.map((pt) => ({ id: pt.id, status: rnd() < 0.3 ? 'out_of_order' : 'available', powerKw: 0 })) } };
}

/** The alert list by key, with the fields that make an alert what it is. */
const byKey = (alerts: readonly Alert[]) => Object.fromEntries(alerts.map((a) => [a.key, a]).sort(([a], [b]) => String(a).localeCompare(String(b))));

describe('alert stage: the watched sensors only', () => {
  it('gives the same list, events and counters as a full evaluation of every entry over a simulated sequence', () => {
    const state = new LiveState();
    const heat = new HeatMonitor(sensors, grid);
    const places = alertPlaces(sensors, grid.districts, roads);
    const run = () => {
      const events: StoredEvent[] = [];
      const history: HistorySink = { entry() {}, sample() {}, event: (e) => events.push(e) };
      return { events, engine: new AlertEngine(history), watch: new ConditionWatch(DEFAULT_ALERT_THRESHOLDS, places) };
    };
    const inputs = (): Omit<ConditionInput, 'cityTime' | 'entries'> => ({ districts: heat.districts(), closures: [], feeds: [], steadyNow: 0 });
    const incremental = run();
    const stage = new AlertStage(incremental.engine, incremental.watch, state, inputs);
    const full = run();

    const rnd = seeded(13);
    const all = sensors.registry.features;
    let quiet = new Set<string>();
    for (let step = 0; step < 90; step += 1) {
      const t = T0 + step * MIN;
      // Every 40 minutes another tenth of the sensors falls silent for that long (a detector is silent after 30) (silence alerts, stale entries).
      if (step % 40 === 5) quiet = new Set(all.filter(() => rnd() < 0.1).map((f) => f.id));
      const changed: LiveEntry[] = [];
      for (const f of all) {
        if (quiet.has(f.id) || rnd() < 0.4) continue;
        const reading = readingOf(f, t, rnd, step % 30 < 20);
        const entry: LiveEntry = { reading, derived: deriveFigures(reading, f), receivedAt: t };
        state.set(entry);
      }
      // A scenario switch halfway: the registry's traffic detectors are forgotten and come back later.
      if (step === 45) state.forget((id) => registry.get(id)?.properties.kind === 'traffic');
      changed.push(...state.drainChanged());
      heat.update(changed.filter((e) => e.reading.kind === 'climate'), t);

      stage.tick({ cityTime: t, entries: changed });
      full.engine.apply(full.watch.evaluate({ cityTime: t, entries: state.all(), ...inputs() }), t);

      expect(byKey(incremental.engine.list()), `step ${step}`).toEqual(byKey(full.engine.list()));
      expect(incremental.engine.stats(t)).toEqual(full.engine.stats(t));
    }
    expect(incremental.events).toEqual(full.events);
    // The sequence did exercise the rules: alerts of every per-sensor kind were raised, silences included.
    const raised = new Set(full.events.filter((e) => e.action === 'open').map((e) => (e.body as Alert).level));
    for (const level of ['strong', 'congested', 'nearly_full', 'full', 'point_faulted', 'sensor_silent'] as const) expect(raised, level).toContain(level);
    // Generated sensors were in the state but raised nothing of their own.
    expect(state.size).toBeGreaterThan(registry.byId.size);
    expect(full.events.some((e) => generated.some((g) => (e.body as Alert).place.id === g.id))).toBe(false);
  });
});
