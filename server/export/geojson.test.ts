import { describe, expect, it } from 'vitest';
import type { LiveEntry } from '../../common/protocol.js';
import type { SensorFeature } from '../../common/sensors.js';
import { sensorStateCollection, sensorStateGeoJson } from './geojson.js';

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

describe('sensorStateCollection', () => {
  const at = Date.parse('2024-08-13T13:00:00Z');
  const entryOf = (id: string, ts: number): LiveEntry => ({ ...entry, reading: { ...entry.reading, sensorId: id, ts } });
  const sensors = ['a', 'b', 'c', 'd'].map((id, i) => station(id, 7.2 + i / 10));
  const byId = new Map(sensors.map((s) => [s.id, s]));

  it('makes a feature per entry as its page comes in, then the sensors without one: each sensor once', async () => {
    let pagesRead = 0;
    async function* pages() {
      pagesRead += 1;
      yield [entryOf('c', 1), entryOf('x-unknown', 2)];
      pagesRead += 1;
      yield [entryOf('a', 3), entryOf('c', 4)];
    }
    const { features, atTime } = sensorStateCollection(sensors, (id) => byId.get(id), pages(), at);
    expect(atTime).toBe('2024-08-13T15:00:00+02:00');
    const made: Array<{ id: string; t: number | null; pagesRead: number }> = [];
    for await (const f of features) made.push({ id: f.id, t: f.properties.t, pagesRead });
    expect(made).toEqual([
      // the first feature before the second page was read
      { id: 'c', t: 1, pagesRead: 1 },
      { id: 'a', t: 3, pagesRead: 2 },
      { id: 'b', t: null, pagesRead: 2 },
      { id: 'd', t: null, pagesRead: 2 },
    ]);
  });

  it('stops reading the pages when the writing stops (a client that has gone)', async () => {
    let closed = false;
    async function* pages() {
      try {
        for (let i = 0; ; i++) yield [entryOf(sensors[i % 4]!.id, i)];
      } finally {
        closed = true;
      }
    }
    for await (const f of sensorStateCollection(sensors, (id) => byId.get(id), pages(), at).features) if (f.id === 'b') break;
    expect(closed).toBe(true);
  });
});
