import { describe, expect, it } from 'vitest';
import type { Reading } from '../../common/readings.js';
import { loadSensorIndex } from '../registry.js';
import { loadScenario } from './scenario.js';
import { Simulator } from './simulator.js';

const sensors = loadSensorIndex();
const scenario = loadScenario('normaler-werktag');

/** All readings of one simulated minute starting at a Bochum local time on the scenario's day. */
function readingsAt(localIso: string, seed = 7): Reading[] {
  const start = Date.parse(localIso);
  const sim = new Simulator(scenario, sensors, start, undefined, seed);
  const out: Reading[] = [];
  for (let t = start + 1000; t <= start + 5 * 60_000; t += 1000) out.push(...sim.step(t));
  return out;
}

function meanAirTemp(readings: Reading[]): number {
  const temps = readings.flatMap((r) => (r.kind === 'climate' ? [r.values.airTempC] : []));
  return temps.reduce((a, b) => a + b, 0) / temps.length;
}

describe('simulator plausibility (Normaler Werktag)', () => {
  const night = readingsAt('2026-06-16T03:00:00+02:00');
  const morning = readingsAt('2026-06-16T05:00:00+02:00');
  const afternoon = readingsAt('2026-06-16T15:00:00+02:00');
  const rush = readingsAt('2026-06-16T17:00:00+02:00');

  it('reports every registered climate station, car park and charging site within the first minutes', () => {
    const reported = new Set(rush.map((r) => r.sensorId));
    expect(reported.size).toBe(sensors.size - sensors.ofKind('traffic').length - sensors.ofKind('tree').length);
    // traffic comes from the traffic twin (server/traffic/), the street trees from a scenario's recorded series, not from here
    expect(rush.some((r) => r.kind === 'traffic' || r.kind === 'tree')).toBe(false);
  });

  it('produces only readings that pass the ingest schema', async () => {
    const { readingSchema } = await import('../../common/readings.js');
    for (const r of rush) expect(readingSchema.safeParse(r).success, r.sensorId).toBe(true);
  });

  it('15:00 is warmer than 05:00 by most of the scenario’s daily range', () => {
    const range = scenario.weather!.maxTempC - scenario.weather!.minTempC;
    expect(meanAirTemp(afternoon) - meanAirTemp(morning)).toBeGreaterThan(0.6 * range);
  });

  it('the sun shines at 15:00 and not at 03:00', () => {
    const solar = (rs: Reading[]) => Math.max(...rs.flatMap((r) => (r.kind === 'climate' ? [r.values.solarWm2] : [])));
    expect(solar(night)).toBe(0);
    expect(solar(afternoon)).toBeGreaterThan(300);
  });

  it('city-centre car parks are fuller at 15:00 than at 03:00', () => {
    const occupied = (rs: Reading[]) => {
      let free = 0;
      let cap = 0;
      for (const r of rs) if (r.kind === 'parking') {
        free += r.values.freeSpaces;
        cap += r.values.capacity!;
      }
      return 1 - free / cap;
    };
    expect(occupied(afternoon)).toBeGreaterThan(occupied(night) + 0.25);
  });

  it('charge points are in use during the day', () => {
    const charging = afternoon.flatMap((r) => (r.kind === 'charging' ? r.values.points : [])).filter((p) => p.status === 'charging');
    expect(charging.length).toBeGreaterThan(0);
  });

  it('is repeatable with the same seed and differs with another', () => {
    const a = readingsAt('2026-06-16T12:00:00+02:00', 3).filter((r) => r.kind === 'parking').slice(0, 20);
    const b = readingsAt('2026-06-16T12:00:00+02:00', 3).filter((r) => r.kind === 'parking').slice(0, 20);
    const c = readingsAt('2026-06-16T12:00:00+02:00', 4).filter((r) => r.kind === 'parking').slice(0, 20);
    expect(b.map((r) => r.values)).toEqual(a.map((r) => r.values));
    expect(c.map((r) => r.values)).not.toEqual(a.map((r) => r.values));
  });
});
