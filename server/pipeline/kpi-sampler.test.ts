import { describe, expect, it } from 'vitest';
import type { LiveEntry } from '../../common/protocol.js';
import type { SensorProperties } from '../../common/sensors.js';
import { LiveState } from '../state/live-state.js';
import type { SeriesSample } from '../store/history-store.js';
import { NO_HISTORY } from './history-sink.js';
import { KpiSampler } from './kpi-sampler.js';
import { flattenKpis } from './flatten-kpis.js';
import { computeKpis } from '../../common/kpis.js';

const T0 = Date.parse('2024-08-13T15:00:00+02:00');
const carPark: SensorProperties = { id: 'p1', name: 'P1', district: 'Mitte', synthetic: false, source: 'test', kind: 'parking', capacity: 200, parkingType: 'garage' };
const parked = (ts: number, freeSpaces: number): LiveEntry => ({
  reading: { sensorId: 'p1', kind: 'parking', ts, values: { freeSpaces, open: true } },
  derived: { kind: 'parking', capacity: 200, occupancyPct: ((200 - freeSpaces) / 200) * 100 },
  receivedAt: ts,
});

describe('KPI samples', () => {
  it('flattens the KPI groups and leaves out groups without data', () => {
    const flat = flattenKpis({
      heat: null,
      traffic: null,
      parking: { occupancyPct: 75, freeSpaces: 50, capacity: 200, carParks: 1 },
      charging: null,
      withoutData: { traffic: 3, climate: 2, parking: 0, charging: 1, tree: 5 },
    });
    expect(flat).toEqual({
      parkingOccupancyPct: 75,
      parkingFreeSpaces: 50,
      parkingCapacity: 200,
      parkingCarParks: 1,
      withoutDataTraffic: 3,
      withoutDataClimate: 2,
      withoutDataParking: 0,
      withoutDataCharging: 1,
      withoutDataTree: 5,
    });
  });

  it('records once per city minute, with the figures at that time', () => {
    const state = new LiveState();
    const samples: SeriesSample[] = [];
    const sampler = new KpiSampler(state, new Map([['p1', carPark]]), { ...NO_HISTORY, sample: (s) => samples.push(s) });
    state.set(parked(T0, 50));
    sampler.tick({ cityTime: T0, entries: [] });
    sampler.tick({ cityTime: T0 + 30_000, entries: [] });
    state.set(parked(T0 + 61_000, 20));
    sampler.tick({ cityTime: T0 + 61_000, entries: [] });
    expect(samples.map((s) => [s.t - T0, s.values.parkingOccupancyPct])).toEqual([
      [0, 75],
      [61_000, 90],
    ]);
    expect(samples.every((s) => s.kind === 'kpis' && s.id === 'city')).toBe(true);
  });

  it('spreads a pass over ticks when the state is larger than a slice, and records it at the minute it began', () => {
    const state = new LiveState();
    const samples: SeriesSample[] = [];
    const sensors = new Map<string, SensorProperties>();
    for (let i = 0; i < 10; i += 1) {
      const id = `p${i}`;
      sensors.set(id, { ...carPark, id });
      state.set({ ...parked(T0, 10 * i), reading: { sensorId: id, kind: 'parking', ts: T0, values: { freeSpaces: 10 * i, open: true } } });
    }
    const sampler = new KpiSampler(state, sensors, { ...NO_HISTORY, sample: (s) => samples.push(s) }, 3);
    for (let i = 0; i < 3; i += 1) sampler.tick({ cityTime: T0 + i * 1000, entries: [] });
    expect(samples).toEqual([]);
    sampler.tick({ cityTime: T0 + 3000, entries: [] });
    expect(samples.map((s) => s.t)).toEqual([T0]);
    expect(samples[0].values).toEqual(flattenKpis(computeKpis(state.all(), sensors, T0)));
    expect(samples[0].values.parkingCarParks).toBe(10);
    sampler.tick({ cityTime: T0 + 4000, entries: [] }); // the same minute: no new pass
    expect(samples).toHaveLength(1);
  });

  it('takes a slice in parts (the server) and records what it records in one piece, at the same ticks', async () => {
    const state = new LiveState();
    const sensors = new Map<string, SensorProperties>();
    for (let i = 0; i < 10; i += 1) {
      const id = `p${i}`;
      sensors.set(id, { ...carPark, id });
      state.set({ ...parked(T0, 10 * i), reading: { sensorId: id, kind: 'parking', ts: T0, values: { freeSpaces: 10 * i, open: true } } });
    }
    const whole: SeriesSample[] = [];
    const parted: SeriesSample[] = [];
    const a = new KpiSampler(state, sensors, { ...NO_HISTORY, sample: (s) => whole.push(s) }, 4);
    const b = new KpiSampler(state, sensors, { ...NO_HISTORY, sample: (s) => parted.push(s) }, 4, 1);
    for (const t of [T0, T0 + 1000, T0 + 2000, T0 + 61_000, T0 + 62_000, T0 + 63_000, T0 + 64_000]) {
      a.tick({ cityTime: t, entries: [] });
      await b.tick({ cityTime: t, entries: [] });
      expect(parted, `at ${t - T0}`).toEqual(whole);
    }
    expect(whole.map((s) => s.t)).toEqual([T0, T0 + 61_000]);
  });
});
