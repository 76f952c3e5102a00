import { describe, expect, it } from 'vitest';
import { loadScenario } from '../simulator/scenario.js';
import { loadSensorIndex } from '../registry.js';
import { ClimateReplay } from './climate-replay.js';

const scenario = loadScenario('hitzewelle-august-2024');
const replay = new ClimateReplay(scenario.climateReplay!.file);
const sensors = loadSensorIndex();

describe('Hitzewelle August 2024 replay', () => {
  it('covers 8 to 16 August 2024 in Bochum time', () => {
    expect(new Date(replay.firstTs).toISOString()).toBe('2024-08-07T22:00:00.000Z');
    expect(replay.lastTs).toBeGreaterThan(Date.parse('2024-08-16T23:00:00+02:00'));
    expect(replay.lastTs).toBeLessThan(Date.parse('2024-08-17T00:00:00+02:00'));
  });

  it('replays in time order, each reading once, only for registered climate stations', () => {
    const r = new ClimateReplay(scenario.climateReplay!.file);
    const start = Date.parse('2024-08-13T12:00:00+02:00');
    const first = r.step(start);
    // the first step brings each station's latest reading up to the start, once
    expect(new Set(first.map((x) => x.sensorId)).size).toBe(first.length);
    expect(first.length).toBe(9);
    const seen = new Set<string>();
    let last = 0;
    for (let t = start + 60_000; t <= start + 3 * 3_600_000; t += 60_000) {
      for (const reading of r.step(t)) {
        expect(reading.ts).toBeLessThanOrEqual(t);
        expect(reading.ts).toBeGreaterThanOrEqual(last - 5 * 60_000);
        const key = `${reading.sensorId}@${reading.ts}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
        expect(sensors.get(reading.sensorId)?.properties.kind).toBe('climate');
        last = Math.max(last, reading.ts);
      }
    }
    // 9 stations × 36 five-minute slots in three hours, less the gaps in the real data
    expect(seen.size).toBeGreaterThan(250);
    expect(seen.size).toBeLessThanOrEqual(9 * 36);
  });

  it('finds the hottest reading of the replay on 13 August (40.3 °C at Westpark)', () => {
    const every = new ClimateReplay(scenario.climateReplay!.file);
    let hottest = { temp: -Infinity, ts: 0, sensorId: '' };
    every.step(replay.firstTs - 1);
    for (let t = replay.firstTs; t <= replay.lastTs; t += 3_600_000) {
      for (const x of every.step(t)) if (x.values.airTempC > hottest.temp) hottest = { temp: x.values.airTempC, ts: x.ts, sensorId: x.sensorId };
    }
    expect(hottest.temp).toBe(40.3);
    expect(new Date(hottest.ts).toISOString().slice(0, 10)).toBe('2024-08-13');
    expect(sensors.get(hottest.sensorId)?.properties.name).toMatch(/Westpark/);
  });
});
