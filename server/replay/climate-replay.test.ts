import { describe, expect, it } from 'vitest';
import { loadScenario } from '../simulator/scenario.js';
import { loadSensorIndex } from '../registry.js';
import { ClimateReplay } from './climate-replay.js';
import { STALE_AFTER_MS } from '../../common/freshness.js';
import { deriveFigures } from '../../common/derive.js';
import { computeKpis } from '../../common/kpis.js';
import type { LiveEntry } from '../../common/protocol.js';
import type { ClimateReading } from '../../common/readings.js';

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
    // the 9 benches with exports and the 10 synthetic stations interpolated from them
    expect(first.length).toBe(19);
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
    // 19 stations × 36 five-minute slots in three hours, less the gaps in the real data
    expect(seen.size).toBeGreaterThan(600);
    expect(seen.size).toBeLessThanOrEqual(19 * 36);
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

  it('leaves no station without current data at 13 Aug 15:00 but the benches the city never published', () => {
    const r = new ClimateReplay(scenario.climateReplay!.file);
    const at = Date.parse('2024-08-13T15:00:00+02:00');
    const latest = new Map<string, number>();
    r.step(at - 3_600_000);
    for (let t = at - 3_600_000 + 60_000; t <= at; t += 60_000) for (const x of r.step(t)) latest.set(x.sensorId, x.ts);
    const climate = sensors.ofKind('climate');
    const silent = climate.filter((f) => !(at - (latest.get(f.id) ?? -Infinity) <= STALE_AFTER_MS.climate)).map((f) => f.id);
    const unpublished = climate.filter((f) => f.properties.kind === 'climate' && f.properties.noDataReason).map((f) => f.id);
    expect(unpublished.sort()).toEqual(['climate-boeckenberg', 'climate-ruhrauenpark', 'climate-weitmar-kuhlenkamp']);
    expect(silent.sort()).toEqual(unpublished);
  });

  it('gives the UTCI tile no missing sensor at 13 Aug 15:00: the unpublished benches never reported', () => {
    const r = new ClimateReplay(scenario.climateReplay!.file);
    const at = Date.parse('2024-08-13T15:00:00+02:00');
    const latest = new Map<string, ClimateReading>();
    for (const x of r.step(at)) latest.set(x.sensorId, x);
    const entries: LiveEntry[] = [...latest.values()].map((reading) => ({ reading, derived: deriveFigures(reading, sensors.get(reading.sensorId)!), receivedAt: at }));
    const properties = new Map([...sensors.byId].map(([id, f]) => [id, f.properties]));
    const kpis = computeKpis(entries, properties, at);
    expect(kpis.withoutData.climate).toBe(0);
    expect(kpis.heat?.stations).toBe(19);
  });

  it('gives a synthetic station values between those of the real benches at the same time', () => {
    const r = new ClimateReplay(scenario.climateReplay!.file);
    const at = Date.parse('2024-08-13T15:00:00+02:00');
    const now = r.step(at);
    const real = now.filter((x) => !sensors.get(x.sensorId)!.properties.synthetic && at - x.ts <= 15 * 60_000).map((x) => x.values.airTempC);
    const synthetic = now.filter((x) => sensors.get(x.sensorId)!.properties.synthetic);
    expect(synthetic).toHaveLength(10);
    for (const x of synthetic) {
      expect(x.values.airTempC).toBeGreaterThanOrEqual(Math.min(...real));
      expect(x.values.airTempC).toBeLessThanOrEqual(Math.max(...real));
    }
  });
});
