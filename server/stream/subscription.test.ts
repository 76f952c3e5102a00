import { describe, expect, it } from 'vitest';
import type { SensorFeature } from '../../common/sensors.js';
import { RegistryIndex } from './registry-index.js';
import { EVERYTHING, viewFilter } from './subscription.js';
import { SENSOR_KINDS } from '../../common/readings.js';
import { subscriptionSchema } from '../../common/wire/live-messages.js';

const point = (id: string, kind: 'parking' | 'climate', lon: number, lat: number) =>
  ({ type: 'Feature', id, properties: { id, kind }, geometry: { type: 'Point', coordinates: [lon, lat] } }) as unknown as SensorFeature;
const line = (id: string, coords: Array<[number, number]>) => ({ type: 'Feature', id, properties: { id, kind: 'traffic' }, geometry: { type: 'LineString', coordinates: coords } }) as unknown as SensorFeature;

const registry = new RegistryIndex([
  point('p-in', 'parking', 7.215, 51.48),
  point('p-out', 'parking', 7.3, 51.48),
  point('c-out', 'climate', 7.3, 51.5),
  // crosses the area with no vertex inside it
  line('t-cross', [
    [7.1, 51.48],
    [7.4, 51.48],
  ]),
  line('t-out', [
    [7.1, 51.6],
    [7.4, 51.6],
  ]),
]);
const accepted = (f: ReturnType<typeof viewFilter>) => registry.ids.filter((_, i) => !f.accepts || f.accepts(i));

describe('viewFilter', () => {
  it('no subscription, or all kinds without an area, is everything (one group with old clients)', () => {
    expect(viewFilter(null, registry)).toBe(EVERYTHING);
    expect(viewFilter({}, registry).key).toBe('all');
    // every kind there is (a kind added to common/readings.ts included), in any order
    expect(viewFilter({ kinds: [...SENSOR_KINDS].reverse(), zoom: 12 }, registry).key).toBe('all');
    expect(subscriptionSchema.safeParse({ kinds: [...SENSOR_KINDS], wholeCity: [...SENSOR_KINDS] }).success).toBe(true);
  });

  it('by kind and by area, a road link by its bounding box, climate city-wide when asked', () => {
    const area = { bbox: [7.2, 51.47, 7.23, 51.49] as [number, number, number, number] };
    expect(accepted(viewFilter({ ...area, kinds: ['parking', 'traffic'] }, registry))).toEqual(['p-in', 't-cross']);
    expect(accepted(viewFilter({ ...area, kinds: ['parking', 'climate'], wholeCity: ['climate'] }, registry))).toEqual(['p-in', 'c-out']);
    expect(accepted(viewFilter({ kinds: ['climate'] }, registry))).toEqual(['c-out']);
  });

  it('snaps the area outward to a 0.01° grid, so nearby views share one group', () => {
    const a = viewFilter({ bbox: [7.2012, 51.4731, 7.2288, 51.4893] }, registry);
    const b = viewFilter({ bbox: [7.2049, 51.4702, 7.2251, 51.4899] }, registry);
    expect(a.key).toBe(b.key);
    expect(a.subscription?.bbox).toEqual([7.2, 51.47, 7.23, 51.49]);
  });
});
