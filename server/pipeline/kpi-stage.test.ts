import { describe, expect, it } from 'vitest';
import type { SensorProperties } from '../../common/sensors.js';
import { LiveState } from '../state/live-state.js';
import { KpiStage } from './kpi-stage.js';

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
