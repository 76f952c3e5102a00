import { describe, expect, it } from 'vitest';
import { deriveFigures } from '../../common/derive.js';
import type { LiveEntry } from '../../common/protocol.js';
import type { ClimateReading } from '../../common/readings.js';
import type { HistorySink } from '../pipeline/history-sink.js';
import { loadSensorIndex } from '../registry.js';
import { LiveState } from '../state/live-state.js';
import type { SeriesSample, StoredEvent } from '../store/history-store.js';
import { loadDistrictGrid } from './district-grid.js';
import { HeatMonitor } from './heat-monitor.js';
import { HeatStage } from './heat-stage.js';

const sensors = loadSensorIndex();
const grid = loadDistrictGrid();
const T0 = Date.parse('2024-08-13T15:00:00+02:00');

/** Every climate station at the same weather; sunny, still air. */
function cityAt(state: LiveState, t: number, airTempC: number): LiveEntry[] {
  return sensors.ofKind('climate').map((sensor) => {
    const reading: ClimateReading = { sensorId: sensor.id, kind: 'climate', ts: t, values: { airTempC, relHumidityPct: 35, windKmh: 2, solarWm2: 800 } };
    const entry: LiveEntry = { reading, derived: deriveFigures(reading, sensor), receivedAt: t };
    state.set(entry);
    return entry;
  });
}

describe('heat stage', () => {
  it('records district samples when climate readings arrive, and no alert events (the alert stage records those)', () => {
    const state = new LiveState();
    const samples: SeriesSample[] = [];
    const events: StoredEvent[] = [];
    const history: HistorySink = { entry() {}, sample: (s) => samples.push(s), event: (e) => events.push(e) };
    const stage = new HeatStage(new HeatMonitor(sensors, grid), state, history);

    stage.tick({ cityTime: T0, entries: cityAt(state, T0, 22) });
    expect(events).toEqual([]);
    expect(new Set(samples.map((s) => s.id)).size).toBe(grid.districts.length);
    expect(stage.districts.changed()).toHaveLength(grid.districts.length);

    stage.tick({ cityTime: T0 + 60_000, entries: cityAt(state, T0 + 60_000, 36) });
    expect(events).toEqual([]);
    expect(stage.districts.snapshot().every((d) => d.meanUtciC >= 32)).toBe(true);
    expect(samples.filter((s) => s.t === T0 + 60_000)).toHaveLength(grid.districts.length);

    // no climate reading in a tick: nothing recomputed, nothing recorded
    const before = samples.length;
    stage.tick({ cityTime: T0 + 180_000, entries: [] });
    expect(samples.length).toBe(before);
    expect(stage.districts.changed()).toHaveLength(grid.districts.length);
    expect(stage.districts.changed()).toBeUndefined();
  });
});

describe('heat stage on its own cadence', () => {
  it('computes the surface at most every `everyMs` of wall time, takes up readings in between later, and keeps night minima at once', () => {
    const state = new LiveState();
    const samples: SeriesSample[] = [];
    const history: HistorySink = { entry() {}, sample: (s) => samples.push(s), event() {} };
    let wall = 0;
    const monitor = new HeatMonitor(sensors, grid);
    const stage = new HeatStage(monitor, state, history, { everyMs: 5_000, now: () => wall });
    stage.tick({ cityTime: T0, entries: cityAt(state, T0, 22) });
    expect(samples).toHaveLength(grid.districts.length);
    const cool = stage.districts.snapshot().map((d) => d.meanUtciC);
    // 1 s later: hotter readings, no new surface yet, but the channels of nights moved
    wall = 1_000;
    const night = Date.parse('2024-08-13T23:00:00+02:00');
    stage.tick({ cityTime: night, entries: cityAt(state, night, 36) });
    expect(samples).toHaveLength(grid.districts.length);
    expect(stage.districts.snapshot().map((d) => d.meanUtciC)).toEqual(cool);
    expect(monitor.nights().every((n) => n.minTempC === 36)).toBe(true);
    // 5 s after the first surface, a tick without readings computes the pending one
    wall = 5_000;
    stage.tick({ cityTime: night + 1_000, entries: [] });
    expect(samples).toHaveLength(2 * grid.districts.length);
    expect(stage.districts.snapshot().every((d, i) => d.meanUtciC > cool[i])).toBe(true);
    // nothing pending: no surface
    wall = 20_000;
    stage.tick({ cityTime: night + 2_000, entries: [] });
    expect(samples).toHaveLength(2 * grid.districts.length);
  });
});
