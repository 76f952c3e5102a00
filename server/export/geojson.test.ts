import { describe, expect, it } from 'vitest';
import type { LiveEntry } from '../../common/protocol.js';
import type { SensorFeature } from '../../common/sensors.js';
import { sensorStateGeoJson } from './geojson.js';

const station = (id: string, lon: number): SensorFeature => ({
  type: 'Feature',
  id,
  properties: { kind: 'climate', id, name: `Station ${id}`, district: 'Mitte', synthetic: false, source: 'test' },
  geometry: { type: 'Point', coordinates: [lon, 51.48] },
});

const entry: LiveEntry = {
  reading: { sensorId: 'a', kind: 'climate', ts: Date.parse('2024-08-13T12:55:00Z'), values: { airTempC: 33, relHumidityPct: 40, windKmh: 3, solarWm2: 700 } },
  derived: { kind: 'climate', utciC: 36.1, utciCategory: 'strong-heat-stress', tmrtC: 55, heatIndexC: 35 },
  receivedAt: 0,
};

describe('sensorStateGeoJson', () => {
  it('gives every sensor its geometry and its reading at the instant, or nulls without one', () => {
    const at = Date.parse('2024-08-13T13:00:00Z');
    const fc = sensorStateGeoJson([station('a', 7.2), station('b', 7.3)], [entry], at);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.atTime).toBe('2024-08-13T15:00:00+02:00');
    expect(fc.features.map((f) => f.geometry)).toEqual([
      { type: 'Point', coordinates: [7.2, 51.48] },
      { type: 'Point', coordinates: [7.3, 51.48] },
    ]);
    expect(fc.features[0]!.properties).toMatchObject({ sensorId: 'a', name: 'Station a', t: entry.reading.ts, time: '2024-08-13T14:55:00+02:00', values: entry.reading.values, derived: entry.derived });
    expect(fc.features[1]!.properties).toMatchObject({ sensorId: 'b', t: null, time: null, values: null, derived: null });
  });
});
