import { describe, expect, it } from 'vitest';
import { deriveFigures } from './derive.js';
import type { LiveEntry } from './protocol.js';
import type { SensorFeature, SensorProperties } from './sensors.js';
import { isStale } from './freshness.js';
import { seededRandom } from './seeded-random.js';
import { worstLinks, type WorstLink } from './traffic-ranking.js';

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

/** The ranking as it was first written: every fresh detector ranked by one sort. */
function sortAll(list: readonly LiveEntry[], props: ReadonlyMap<string, SensorProperties>, cityNow: number, n: number): WorstLink[] {
  const ranked: (WorstLink & { speedRatio: number })[] = [];
  for (const { reading, derived } of list) {
    if (reading.kind !== 'traffic' || derived.kind !== 'traffic' || isStale(reading, cityNow)) continue;
    const meta = props.get(reading.sensorId);
    if (meta?.kind !== 'traffic') continue;
    ranked.push({ sensorId: reading.sensorId, name: meta.name, street: meta.street, los: derived.los, travelTimeIndex: derived.travelTimeIndex, speedKmh: reading.values.speedKmh, flowVehH: reading.values.flowVehH, speedRatio: derived.speedRatio });
  }
  ranked.sort((a, b) => b.travelTimeIndex - a.travelTimeIndex || a.speedRatio - b.speedRatio || a.sensorId.localeCompare(b.sensorId));
  return ranked.slice(0, Math.max(0, n)).map(({ speedRatio: _r, ...w }) => w);
}

describe('the worst links kept as the entries pass', () => {
  it.each([
    // detectors, seed, speeds drawn from this many values (few: many ties on index and ratio, decided by the id)
    [0, 1, 5],
    [3, 2, 2],
    [200, 3, 4],
    [2_000, 4, 40],
    [2_000, 5, 3],
  ])('%d detectors (seed %d, %d distinct speeds): the same list as a sort of all of them, for every n', (count, seed, speeds) => {
    const r = seededRandom(seed);
    const feats = Array.from({ length: count }, (_, i) => detector(`d${Math.floor(r() * 1e6)}-${i}`));
    const props = new Map<string, SensorProperties>(feats.map((f) => [f.id, f.properties]));
    const list: LiveEntry[] = feats.map((f) => {
      const speedKmh = 5 + Math.floor(r() * speeds) * (40 / speeds);
      const ageMin = r() < 0.1 ? 6 : 0;
      const reading = { sensorId: f.id, kind: 'traffic' as const, ts: NOW - ageMin * 60_000, values: { flowVehH: 900, speedKmh, occupancyPct: 10 } };
      return { reading, derived: deriveFigures(reading, f), receivedAt: NOW };
    });
    // a detector the registry does not know, and one of another kind's id, are left out alike
    if (count > 0) list.push({ ...list[0], reading: { ...list[0].reading, sensorId: 'unknown' } } as LiveEntry);
    for (const n of [0, 1, 2, 5, 17, count + 3]) expect(worstLinks(list, props, NOW, n), `n = ${n}`).toEqual(sortAll(list, props, NOW, n));
  });
});
