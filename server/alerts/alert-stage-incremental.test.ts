import { describe, expect, it } from 'vitest';
import { deriveFigures } from '../../common/derive.js';
import type { Alert, LiveEntry } from '../../common/protocol.js';
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
import { randomReading, seeded } from '../../tests/helpers/random-readings.js';

const registry = loadSensorIndex();
const generated = generateScaleCity(600, 7, loadScaleGeometry());
const sensors = withGeneratedSensors(registry, generated);
const grid = loadDistrictGrid();
const roads = loadRoadNetwork();
const T0 = Date.parse('2024-08-13T15:00:00+02:00');
const MIN = 60_000;

/** The alert list by key, with the fields that make an alert what it is. */
const byKey = (alerts: readonly Alert[]) => Object.fromEntries(alerts.map((a) => [a.key, a]).sort(([a], [b]) => String(a).localeCompare(String(b))));

describe('alert stage: the watched sensors only', () => {
  it.each([
    ['entry objects, every tick looked through', false],
    ['generated sensors in columns, only ticks with a sensor new to the state looked through (newSensors)', true],
  ])('gives the same list, events and counters as a full evaluation of every entry over a simulated sequence: %s', (_name, columns) => {
    const state = columns ? new LiveState(sensors) : new LiveState();
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
        const reading = randomReading(f, t, rnd, step % 30 < 20);
        const entry: LiveEntry = { reading, derived: deriveFigures(reading, f), receivedAt: t };
        state.set(entry);
      }
      // A scenario switch halfway: the registry's traffic detectors are forgotten and come back later.
      if (step === 45) state.forget((id) => registry.get(id)?.properties.kind === 'traffic');
      changed.push(...state.drainChanged());
      heat.update(changed.filter((e) => e.reading.kind === 'climate'), t);

      stage.tick({ cityTime: t, entries: changed, ...(columns && { newSensors: state.drainedNew }) });
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
