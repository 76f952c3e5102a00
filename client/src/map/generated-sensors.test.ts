import { describe, expect, it } from 'vitest';
import { registryColumnsOf } from '../../../common/registry-columns.js';
import type { SensorFeature } from '../../../common/sensors.js';
import { generatedSensorsOf } from './generated-sensors.js';

const point = (id: string, kind: string, lon: number, lat: number, generated?: true) =>
  ({ type: 'Feature', id, properties: { id, kind, ...(generated && { generated }) }, geometry: { type: 'Point', coordinates: [lon, lat] } }) as unknown as SensorFeature;
const link = (id: string, coords: Array<[number, number]>) =>
  ({ type: 'Feature', id, properties: { id, kind: 'traffic', generated: true }, geometry: { type: 'LineString', coordinates: coords } }) as unknown as SensorFeature;

describe('generatedSensorsOf', () => {
  it('is undefined for a registry without generated sensors (the map stays as it was)', () => {
    expect(generatedSensorsOf(registryColumnsOf([point('a', 'climate', 7.2, 51.5), point('b', 'parking', 7.3, 51.4)]))).toBeUndefined();
  });

  it('keeps each generated sensor with its registry position (its place in store.columns) and its position', () => {
    const g = generatedSensorsOf(
      registryColumnsOf([
        point('real', 'climate', 7.2, 51.5),
        point('gen-p-1', 'parking', 7.21, 51.48, true),
        link('gen-t-1', [[7.0, 51.0], [7.1, 51.1], [7.2, 51.2]]),
        point('gen-c-1', 'climate', 7.25, 51.45, true),
        point('gen-p-2', 'parking', 7.22, 51.47, true),
      ]),
    )!;
    expect(g.count).toBe(4);
    expect(g.parking.ids).toEqual(['gen-p-1', 'gen-p-2']);
    expect([...g.parking.registryIndex]).toEqual([1, 4]);
    expect([...g.climate.registryIndex]).toEqual([3]);
    // a counter is drawn at its link's middle vertex
    expect([...g.traffic.lonLat]).toEqual([Math.fround(7.1), Math.fround(51.1)]);
    expect([...g.parking.lonLat]).toEqual([7.21, 51.48, 7.22, 51.47].map(Math.fround));
  });
});
