import { describe, expect, it } from 'vitest';
import type { SensorProperties } from '../../common/sensors.js';
import { LiveState } from '../state/live-state.js';
import { KpiStage } from './kpi-stage.js';
import { computeKpis } from '../../common/kpis.js';
import { deriveFigures } from '../../common/derive.js';
import { worstLinks } from '../../common/traffic-ranking.js';
import { loadSensorIndex, withGeneratedSensors } from '../registry.js';
import { generateScaleCity, loadScaleGeometry } from '../simulator/scale-city.js';
import { randomReading, seeded } from '../../tests/helpers/random-readings.js';

const sensors = new Map<string, SensorProperties>([['p1', { id: 'p1', kind: 'parking', name: 'P1', district: 'Mitte', synthetic: true, source: 't', capacity: 100, parkingType: 'garage' }]]);
const parked = (free: number, ts: number) => ({
  reading: { sensorId: 'p1', kind: 'parking' as const, ts, values: { freeSpaces: free, open: true } },
  derived: { kind: 'parking' as const, capacity: 100, occupancyPct: 100 - free },
  receivedAt: ts,
});

describe('KpiStage', () => {
  it('offers the city-wide KPIs when they changed, and skips ticks in proportion to what a pass costs', () => {
    const state = new LiveState();
    let clock = 0;
    // each reading of the clock moves it 10 ms on: one pass "costs" 10 ms
    const stage = new KpiStage(state, sensors, () => (clock += 10));
    const t = 1_781_591_230_000;
    state.set(parked(40, t));
    stage.tick({ cityTime: t, entries: [] });
    expect(stage.changed()?.parking).toMatchObject({ occupancyPct: 60, carParks: 1 });
    expect(stage.changed()).toBeUndefined();
    state.set(parked(20, t + 1000));
    stage.tick({ cityTime: t + 1000, entries: [] }); // 20 ms later: within 20 × 10 ms, skipped
    expect(stage.changed()).toBeUndefined();
    clock += 200;
    stage.tick({ cityTime: t + 2000, entries: [] });
    expect(stage.changed()?.parking).toMatchObject({ occupancyPct: 80 });
    expect(stage.snapshot()?.parking?.occupancyPct).toBe(80);
    // no traffic detector: an empty ranking, offered once
    expect(stage.worstLinks.changed()).toEqual([]);
    expect(stage.worstLinks.changed()).toBeUndefined();
  });
});

describe('KPIs in slices', () => {
  const registry = loadSensorIndex();
  const generated = generateScaleCity(900, 3, loadScaleGeometry());
  const index = withGeneratedSensors(registry, generated);
  const features = index.registry.features;
  // the entry-object state, and the one that keeps generated sensors in columns (and skips their bays in a pass)
  const states = [
    ['entry objects', () => new LiveState()],
    ['columns', () => new LiveState(index)],
  ] as const;
  const properties = new Map(features.map((f) => [f.id, f.properties]));
  const T = Date.parse('2024-08-13T15:00:00+02:00');

  /** Every sensor reports with probability `p` at `t` (the others keep older readings, some of them stale). */
  function report(state: LiveState, t: number, rnd: () => number, p: number): void {
    for (const f of features) {
      if (rnd() > p) continue;
      const reading = randomReading(f, t, rnd, true);
      state.set({ reading, derived: deriveFigures(reading, f), receivedAt: t });
    }
  }

  it.each(states)('a pass spread over ticks gives the full computation of the same entries at the same time (%s)', (_name, make) => {
    const state = make();
    const rnd = seeded(5);
    const stage = new KpiStage(state, properties, () => 0, 97);
    const ticksPerPass = Math.ceil((registry.size + generated.length) / 97);
    expect(ticksPerPass).toBeGreaterThan(5);
    for (let minute = 0; minute < 40; minute += 7) {
      const t = T + minute * 60_000;
      report(state, t, rnd, 0.5);
      // a city at rest while passes run (the one under way began before the readings): every tick at the same time
      for (let i = 0; i < 2 * ticksPerPass + 1; i += 1) stage.tick({ cityTime: t, entries: [] });
      const full = computeKpis(state.all(), properties, t);
      expect(full.heat && full.traffic && full.parking && full.charging).toBeTruthy();
      expect(stage.snapshot(), `minute ${minute}`).toEqual(full);
      expect(stage.worstLinks.snapshot()).toEqual(worstLinks(state.all(), properties, t, 5));
    }
  });

  it.each(states)('a pass of one slice is the full computation on every tick, as the city moves on and entries go stale (%s)', (_name, make) => {
    const state = make();
    const rnd = seeded(8);
    const stage = new KpiStage(state, properties, () => 0, 100_000);
    for (let minute = 0; minute < 90; minute += 3) {
      const t = T + minute * 60_000;
      report(state, t, rnd, minute < 30 ? 0.6 : 0.05);
      stage.tick({ cityTime: t, entries: [] });
      expect(stage.snapshot(), `minute ${minute}`).toEqual(computeKpis(state.all(), properties, t));
      expect(stage.worstLinks.snapshot()).toEqual(worstLinks(state.all(), properties, t, 5));
    }
  });

  it.each(states)('a slice taken in parts (the server\'s) gives what it gives in one piece, tick by tick, and lets the loop turn between parts (%s)', async (_name, make) => {
    const state = make();
    const rnd = seeded(11);
    const whole = new KpiStage(state, properties, () => 0, 97);
    const parted = new KpiStage(state, properties, () => 0, 97, 13);
    const ticksPerPass = Math.ceil((registry.size + generated.length) / 97);
    let turns = 0;
    for (let minute = 0; minute < 30; minute += 7) {
      const t = T + minute * 60_000;
      report(state, t, rnd, 0.5);
      for (let i = 0; i < ticksPerPass + 3; i += 1) {
        expect(whole.tick({ cityTime: t, entries: [] })).toBeUndefined();
        const turned = new Promise<void>((r) => setImmediate(() => r(void (turns += 1))));
        await parted.tick({ cityTime: t, entries: [] });
        await turned;
        expect(parted.snapshot(), `minute ${minute}, tick ${i}`).toEqual(whole.snapshot());
        expect(parted.worstLinks.snapshot()).toEqual(whole.worstLinks.snapshot());
      }
      expect(parted.snapshot()).toBeDefined();
    }
    expect(turns).toBeGreaterThan(0);
  });

  it('a reading that arrives during a pass counts once, with the value the pass reaches it at', () => {
    const state = new LiveState();
    report(state, T, seeded(2), 1);
    const stage = new KpiStage(state, properties, () => 0, 50);
    stage.tick({ cityTime: T, entries: [] });
    // the last entry changes after the first slice: the pass reads its new value, the map's order unchanged
    const last = [...state.values()].at(-1)!;
    const f = features.find((x) => x.id === last.reading.sensorId)!;
    const reading = randomReading(f, T, seeded(99), false);
    state.set({ reading, derived: deriveFigures(reading, f), receivedAt: T });
    for (let i = 0; i < 100 && !stage.snapshot(); i += 1) stage.tick({ cityTime: T, entries: [] });
    expect(stage.snapshot()).toEqual(computeKpis(state.all(), properties, T));
  });
});
