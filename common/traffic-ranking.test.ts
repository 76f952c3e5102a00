import { describe, expect, it } from 'vitest';
import { deriveFigures } from './derive.js';
import type { LiveEntry } from './protocol.js';
import type { SensorFeature, SensorProperties } from './sensors.js';
import { worstLinks } from './traffic-ranking.js';

const NOW = 1_781_600_000_000;

function detector(id: string): SensorFeature {
  return {
    type: 'Feature',
    id,
    properties: {
      id, kind: 'traffic', name: `Straße ${id}`, district: 'Mitte', synthetic: true, source: 'test',
      street: `Straße ${id}`, roadClass: 'arterial', lanes: 2, capacityVehH: 1800, freeFlowKmh: 50, lengthM: 1000, approximate: false,
    },
    geometry: { type: 'LineString', coordinates: [[7.2, 51.48], [7.21, 51.48]] },
  };
}

const cases: [string, number, number][] = [
  // id, speed km/h, age of the reading in minutes
  ['a', 48, 0],
  ['b', 10, 0],
  ['c', 25, 1],
  ['d', 5, 6], // stale: the slowest, but five minutes is the limit for traffic
  ['e', 12.5, 0],
  ['f', 40, 0],
  ['g', 30, 0],
];
const features = cases.map(([id]) => detector(id));
const sensors = new Map<string, SensorProperties>(features.map((f) => [f.id, f.properties]));
const entries: LiveEntry[] = cases.map(([id, speedKmh, ageMin], i) => {
  const reading = { sensorId: id, kind: 'traffic' as const, ts: NOW - ageMin * 60_000, values: { flowVehH: 1000, speedKmh, occupancyPct: 10 } };
  return { reading, derived: deriveFigures(reading, features[i]), receivedAt: NOW };
});

describe('the worst links right now', () => {
  it.each([
    [1, ['b']],
    [3, ['b', 'e', 'c']],
    [5, ['b', 'e', 'c', 'g', 'f']],
    [10, ['b', 'e', 'c', 'g', 'f', 'a']],
    [0, []],
  ])('top %d by travel-time index, stale readings left out', (n, ids) => {
    expect(worstLinks(entries, sensors, NOW, n).map((w) => w.sensorId)).toEqual(ids);
  });

  it('carries what a list entry shows', () => {
    expect(worstLinks(entries, sensors, NOW, 1)[0]).toEqual({
      sensorId: 'b', name: 'Straße b', street: 'Straße b', los: 'F', travelTimeIndex: 5, speedKmh: 10, flowVehH: 1000,
    });
  });
});
