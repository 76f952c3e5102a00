import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { sensorAnchor } from '../../common/derive.js';
import { readingSchema } from '../../common/readings.js';
import { sensorFeatureSchema, type SensorFeature } from '../../common/sensors.js';
import { loadSensorIndex, withGeneratedSensors } from '../registry.js';
import { generateScaleCity, loadScaleGeometry, scaleCounts } from './scale-city.js';
import { SCALE_INTERVAL_S, ScaleDriver } from './scale-driver.js';
import { loadScenario } from './scenario.js';

const geometry = loadScaleGeometry();
const N = 6_000;
const city = generateScaleCity(N, 1, geometry);

describe('the SCALE generator', () => {
  it('is deterministic for a seed, and another seed gives another city', () => {
    expect(JSON.stringify(generateScaleCity(N, 1, geometry))).toBe(JSON.stringify(city));
    const other = generateScaleCity(N, 2, geometry);
    expect(other.map((f) => f.geometry)).not.toEqual(city.map((f) => f.geometry));
  });

  it.each([
    [1, { parking: 1, climate: 0, traffic: 0 }],
    [100, { parking: 75, climate: 15, traffic: 10 }],
    [N, { parking: 4_500, climate: 900, traffic: 600 }],
    [100_000, { parking: 75_000, climate: 15_000, traffic: 10_000 }],
  ])('splits %d sensors into kinds as %j', (n, counts) => {
    expect(scaleCounts(n)).toEqual(counts);
  });

  it('makes exactly that many of each kind, with unique ids apart from the registry, all valid registry entries marked generated', () => {
    const byKind = { parking: 0, climate: 0, traffic: 0, charging: 0, tree: 0 };
    for (const f of city) byKind[f.properties.kind] += 1;
    expect(byKind).toEqual({ ...scaleCounts(N), charging: 0, tree: 0 });
    expect(new Set(city.map((f) => f.id)).size).toBe(N);
    for (const f of city) {
      expect(sensorFeatureSchema.parse(f)).toEqual(f);
      expect(f.properties).toMatchObject({ synthetic: true, generated: true, id: f.id });
    }
    const index = withGeneratedSensors(loadSensorIndex(), city);
    expect(index.size).toBe(loadSensorIndex().size + N);
    expect(() => withGeneratedSensors(index, city.slice(0, 1))).toThrow(/clashes/);
  });

  it('puts every sensor inside Bochum, in the Stadtbezirk it names', () => {
    const districts = new Map(geometry.districts.map((d) => [d.name, d.geometry]));
    const inside = (f: SensorFeature) => booleanPointInPolygon(sensorAnchor(f), geometry.boundary);
    expect(city.filter((f) => !inside(f))).toEqual([]);
    for (const f of city) expect(booleanPointInPolygon(sensorAnchor(f), districts.get(f.properties.district)!)).toBe(true);
    // every district gets environmental nodes: they cover the whole city, not just its main roads
    const nodesPerDistrict = new Set(city.filter((f) => f.properties.kind === 'climate').map((f) => f.properties.district));
    expect(nodesPerDistrict.size).toBe(geometry.districts.length);
  });

  it('puts bays off the main roads, counters on a link of the road graph', () => {
    const links = new Set(geometry.links.map((l) => l.id));
    for (const f of city) {
      if (f.properties.kind === 'traffic') expect(links.has(f.properties.linkId!)).toBe(true);
      if (f.properties.kind === 'parking') expect(f.properties).toMatchObject({ capacity: 1, parkingType: 'kerbside-bay' });
    }
  });
});

describe('the SCALE driver', () => {
  const scenario = loadScenario('normaler-werktag');
  const start = Date.parse(scenario.start);

  it('reports every sensor at the start, then each kind at its own cadence in city time', () => {
    const driver = new ScaleDriver(scenario, city, start, null, scenario.speed);
    const first = driver.step(start);
    expect(first).toHaveLength(N);
    for (const r of first.slice(0, 50).concat(first.slice(-50))) expect(readingSchema.parse(r)).toEqual(r);
    // over 10 city minutes: bays and nodes twice (every 5 min), counters ten times (every minute)
    let count = 0;
    for (let t = start + 1_000; t <= start + 600_000; t += 1_000) count += driver.step(t).length;
    const c = scaleCounts(N);
    const expected = (c.parking + c.climate) * (600 / SCALE_INTERVAL_S.parking) + c.traffic * (600 / SCALE_INTERVAL_S.traffic);
    expect(Math.abs(count - expected) / expected).toBeLessThan(0.02);
  });

  it('at SCALE_RATE=1 has every sensor report once per wall-clock second, whatever the city clock’s speed', () => {
    const speed = 10;
    const driver = new ScaleDriver(scenario, city, start, 1, speed);
    driver.step(start);
    let count = 0;
    // 20 wall seconds at speed 10 are 200 city seconds, in steps of 250 wall ms
    for (let wallMs = 250; wallMs <= 20_000; wallMs += 250) count += driver.step(start + wallMs * speed).length;
    expect(Math.abs(count - 20 * N) / (20 * N)).toBeLessThan(0.01);
  });

  it('makes the same readings one by one (readings) as all at once (step), step after step', () => {
    const eager = new ScaleDriver(scenario, city, start, 1, 10, 5);
    const lazy = new ScaleDriver(scenario, city, start, 1, 10, 5);
    for (const t of [start, start + 2_500, start + 5_000, start + 5_000, start + 12_345]) {
      const all = eager.step(t);
      const oneByOne: unknown[] = [];
      for (const r of lazy.readings(t)) oneByOne.push(r);
      expect(oneByOne).toEqual(all);
    }
    // a step that is not after the last makes nothing
    expect([...lazy.readings(start)]).toEqual([]);
  });

  it('gives the same readings for the same seed', () => {
    const a = new ScaleDriver(scenario, city, start, null, 10, 7);
    const b = new ScaleDriver(scenario, city, start, null, 10, 7);
    expect(a.step(start)).toEqual(b.step(start));
    expect(a.step(start + 90_000)).toEqual(b.step(start + 90_000));
  });
});
