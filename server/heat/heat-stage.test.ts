import { describe, expect, it } from 'vitest';
import { deriveFigures } from '../../common/derive.js';
import type { LiveEntry } from '../../common/protocol.js';
import type { ClimateReading } from '../../common/readings.js';
import type { HistorySink } from '../pipeline/history-sink.js';
import { loadSensorIndex, withGeneratedSensors } from '../registry.js';
import { generateScaleCity, loadScaleGeometry } from '../simulator/scale-city.js';
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

describe('heat stage at SCALE', () => {
  it('computes the surface from the columns of generated nodes as from their entry objects', () => {
    const generated = generateScaleCity(4_000, 3, loadScaleGeometry());
    const scaled = withGeneratedSensors(sensors, generated);
    const nodes = generated.filter((f) => f.properties.kind === 'climate');
    expect(nodes.length).toBeGreaterThan(100);
    const run = (state: LiveState) => {
      const samples: SeriesSample[] = [];
      const stage = new HeatStage(new HeatMonitor(scaled, grid), state, { entry() {}, sample: (s) => samples.push(s), event() {} });
      const entries = [...sensors.ofKind('climate'), ...nodes].map((sensor, i) => {
        // warmer towards the end of the list, so the districts differ; one node without a UTCI
        const reading: ClimateReading = { sensorId: sensor.id, kind: 'climate', ts: T0, values: { airTempC: 24 + (i % 13), relHumidityPct: 35, windKmh: 2, solarWm2: 800 } };
        const derived = deriveFigures(reading, sensor);
        const entry: LiveEntry = { reading, derived: i === 30 && derived.kind === 'climate' ? { ...derived, utciC: null, utciCategory: null } : derived, receivedAt: T0 };
        state.set(entry);
        return entry;
      });
      stage.tick({ cityTime: T0, entries });
      return { districts: stage.districts.snapshot(), samples };
    };
    const columns = new LiveState(scaled);
    const objects = new LiveState();
    const fromColumns = run(columns);
    expect(fromColumns.districts).toHaveLength(grid.districts.length);
    expect(fromColumns).toEqual(run(objects));
    // the surface reads the columns: no generated node's entry is built for it
    let built = 0;
    const spy = (columns as unknown as { stores: Array<{ toEntry(row: number): LiveEntry } | undefined> }).stores;
    for (const store of spy) {
      if (!store) continue;
      const original = store.toEntry.bind(store);
      store.toEntry = (row) => (built++, original(row));
    }
    run(columns);
    expect(built).toBe(0);
  });
});

describe('heat stage in slices (sliceMs)', () => {
  const generated = generateScaleCity(4_000, 3, loadScaleGeometry());
  const scaled = withGeneratedSensors(sensors, generated);
  const climate = [...sensors.ofKind('climate'), ...generated.filter((f) => f.properties.kind === 'climate')];
  const fill = (state: LiveState, t: number) =>
    climate.map((sensor, i) => {
      const reading: ClimateReading = { sensorId: sensor.id, kind: 'climate', ts: t, values: { airTempC: 22 + (i % 17), relHumidityPct: 35, windKmh: 2, solarWm2: 800 } };
      const entry: LiveEntry = { reading, derived: deriveFigures(reading, sensor), receivedAt: t };
      state.set(entry);
      return entry;
    });
  const stageOver = (state: LiveState, sliceMs?: number) => {
    const samples: SeriesSample[] = [];
    const stage = new HeatStage(new HeatMonitor(scaled, grid), state, { entry() {}, sample: (s) => samples.push(s), event() {} }, { sliceMs });
    return { stage, samples };
  };

  it('gives the figures and samples of the surface in one piece, and lets the event loop run meanwhile', async () => {
    const whole = stageOver(new LiveState(scaled));
    const sliced = stageOver(new LiveState(scaled), 0);
    const a = whole.stage.tick({ cityTime: T0, entries: fill((whole.stage as unknown as { state: LiveState }).state, T0) });
    expect(a).toBeUndefined();
    let turns = 0;
    const spin = () => {
      turns += 1;
      if (turns < 1_000) setImmediate(spin);
    };
    setImmediate(spin);
    const b = sliced.stage.tick({ cityTime: T0, entries: fill((sliced.stage as unknown as { state: LiveState }).state, T0) });
    expect(b).toBeInstanceOf(Promise);
    // not applied before the last slice
    expect(sliced.samples).toEqual([]);
    await b;
    // the loop turned between slices (the surface is ~3,000 cells, 64 per look at the clock)
    expect(turns).toBeGreaterThan(5);
    turns = 1_000;
    expect(sliced.stage.districts.snapshot()).toEqual(whole.stage.districts.snapshot());
    expect(sliced.samples).toEqual(whole.samples);
    expect(sliced.samples).toHaveLength(grid.districts.length);
  });

  it('takes a tick of many readings into the night minima in parts: the figures of one piece', async () => {
    const night = Date.parse('2024-08-13T23:00:00+02:00');
    // every station ten times over the night, the tick's entries in that order: 5,000 a part, two parts
    const entries = Array.from({ length: 10 }, (_, k) =>
      climate.map((sensor, i) => {
        const t = night + k * 600_000;
        const reading: ClimateReading = { sensorId: sensor.id, kind: 'climate', ts: t, values: { airTempC: 16 + (i % 9) + (((k * 3 + i) % 10) - 5) * 0.5, relHumidityPct: 60, windKmh: 2, solarWm2: 0 } };
        return { reading, derived: deriveFigures(reading, sensor), receivedAt: t } as LiveEntry;
      }),
    ).flat();
    expect(entries.length).toBeGreaterThan(6_000);
    const whole = stageOver(new LiveState(scaled));
    const sliced = stageOver(new LiveState(scaled), 0);
    whole.stage.tick({ cityTime: night, entries });
    let turned = false;
    setImmediate(() => (turned = true));
    const pending = sliced.stage.tick({ cityTime: night, entries });
    expect(sliced.stage.nights.changed()).toBeUndefined();
    await pending;
    expect(turned).toBe(true);
    expect(sliced.stage.nights.snapshot()).toEqual(whole.stage.nights.snapshot());
    expect(sliced.stage.nights.changed()).toEqual(whole.stage.nights.changed());
    expect(whole.stage.nights.snapshot()).toHaveLength(climate.length);
    expect(new Set(whole.stage.nights.snapshot().map((n) => n.minTempC)).size).toBeGreaterThan(3);
  });

  it('takes the generated stations of a drained tick from the columns: the night figures of their entry objects', async () => {
    const night = Date.parse('2024-08-13T23:00:00+02:00');
    const viaColumns = async (sliceMs?: number) => {
      const { stage } = stageOver(new LiveState(scaled), sliceMs);
      const state = (stage as unknown as { state: LiveState }).state;
      fill(state, night);
      const { entries, generated } = state.drain();
      expect(generated!.size).toBeGreaterThan(100);
      await stage.tick({ cityTime: night, entries, generated });
      return stage.nights.snapshot();
    };
    const objects = stageOver(new LiveState());
    fill((objects.stage as unknown as { state: LiveState }).state, night);
    objects.stage.tick({ cityTime: night, entries: (objects.stage as unknown as { state: LiveState }).state.drainChanged() });
    const expected = objects.stage.nights.snapshot();
    expect(expected).toHaveLength(climate.length);
    expect(await viaColumns()).toEqual(expected);
    expect(await viaColumns(0)).toEqual(expected);
  });

  it('drops a surface still being summed when the stage is reset (a scenario switch)', async () => {
    const { stage, samples } = stageOver(new LiveState(scaled), 0);
    const pending = stage.tick({ cityTime: T0, entries: fill((stage as unknown as { state: LiveState }).state, T0) });
    stage.reset();
    await pending;
    expect(samples).toEqual([]);
    expect(stage.districts.snapshot()).toEqual([]);
  });
});
