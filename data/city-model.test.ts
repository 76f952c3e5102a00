import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { sensorRegistrySchema, type SensorRegistry } from '../common/sensors';
import { buildCityModel, defaultDataDir, OUTPUT_FILES } from './build/build-city-model';
import { parseCsv } from './build/geo-utils';

const DATA = path.dirname(fileURLToPath(import.meta.url));
const SOURCE = defaultDataDir();
const haveSource = fs.existsSync(path.join(SOURCE, 'SOURCES.md'));

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(DATA, file), 'utf8')) as T;
const registry = (): SensorRegistry => sensorRegistrySchema.parse(readJson('sensors.geojson'));
const ofKind = <K extends SensorRegistry['features'][number]['properties']['kind']>(kind: K) =>
  registry().features.filter((f) => f.properties.kind === kind);

describe('sensor registry', () => {
  it('validates against the shared schema, with feature id = properties.id', () => {
    const reg = registry();
    expect(reg.features.length).toBeGreaterThan(100);
    for (const f of reg.features) expect(f.id).toBe(f.properties.id);
  });

  it('has unique sensor ids', () => {
    const ids = registry().features.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uses the six Stadtbezirke as districts', () => {
    const names = new Set(registry().features.map((f) => f.properties.district));
    for (const n of names) expect(['Mitte', 'Wattenscheid', 'Nord', 'Ost', 'Süd', 'Südwest']).toContain(n);
  });

  it('places every point sensor inside the city, or within 500 m of its boundary', () => {
    const boundary = readJson<FeatureCollection<Polygon>>('city/boundary.geojson').features[0];
    for (const f of registry().features) {
      if (f.geometry.type !== 'Point') continue;
      const pt = turf.point(f.geometry.coordinates);
      const inside = turf.booleanPointInPolygon(pt, boundary);
      const off = inside ? 0 : turf.pointToPolygonDistance(pt, boundary, { units: 'meters' });
      expect(off, f.id).toBeLessThanOrEqual(500);
    }
  });

  it('marks invented sites as synthetic', () => {
    for (const f of ofKind('charging')) expect(f.properties.synthetic).toBe(true);
    expect(ofKind('charging').length).toBeGreaterThanOrEqual(20);
    const synthClimate = ofKind('climate').filter((f) => f.properties.synthetic);
    expect(synthClimate.length).toBeGreaterThanOrEqual(5);
    expect(synthClimate.length).toBeLessThanOrEqual(20);
  });
});

describe('traffic links', () => {
  it('agree with their geometry in length (within 1 %)', () => {
    for (const f of ofKind('traffic')) {
      if (f.properties.kind !== 'traffic' || f.geometry.type !== 'LineString') throw new Error(`${f.id}: not a line`);
      const measured = turf.length(turf.lineString(f.geometry.coordinates), { units: 'kilometers' }) * 1000;
      expect(Math.abs(measured - f.properties.lengthM) / measured, f.id).toBeLessThan(0.01);
    }
  });

  it('cover the motorways, the inner ring and the radials in both directions', () => {
    const directions = new Map<string, Set<string>>();
    for (const f of ofKind('traffic')) {
      if (f.properties.kind !== 'traffic') continue;
      const dir = f.id.split('-').at(-1)!;
      const set = directions.get(f.properties.street) ?? new Set<string>();
      set.add(dir);
      directions.set(f.properties.street, set);
    }
    const expected: Record<string, [string, string]> = {
      A40: ['east', 'west'],
      A43: ['north', 'south'],
      A448: ['east', 'west'],
      Westring: ['cw', 'ccw'],
      Nordring: ['cw', 'ccw'],
      Ostring: ['cw', 'ccw'],
      Südring: ['cw', 'ccw'],
    };
    for (const radial of [
      'Universitätsstraße',
      'Herner Straße',
      'Castroper Straße',
      'Dorstener Straße',
      'Hattinger Straße',
      'Wittener Straße',
      'Königsallee',
      'Alleestraße',
    ]) {
      expected[radial] = ['in', 'out'];
    }
    for (const [street, dirs] of Object.entries(expected)) {
      expect([...(directions.get(street) ?? [])].sort(), street).toEqual([...dirs].sort());
    }
    const count = ofKind('traffic').length;
    expect(count).toBeGreaterThanOrEqual(60);
    expect(count).toBeLessThanOrEqual(140);
  });

  it('run each direction along the same link geometry, reversed', () => {
    const byId = new Map(ofKind('traffic').map((f) => [f.id, f]));
    for (const [id, f] of byId) {
      const m = id.match(/^(.*)-(out|cw|east|south)$/);
      if (!m) continue;
      const back = byId.get(`${m[1]}-${{ out: 'in', cw: 'ccw', east: 'west', south: 'north' }[m[2]]}`);
      expect(back, id).toBeDefined();
      expect(back!.geometry.coordinates).toEqual([...f.geometry.coordinates].reverse());
    }
  });
});

describe('basemap', () => {
  it('has the six Stadtbezirke with German names', () => {
    const names = readJson<FeatureCollection<Polygon, { id: string; name: string }>>('city/districts.geojson')
      .features.map((f) => f.properties.name)
      .sort();
    expect(names).toEqual(['Mitte', 'Nord', 'Ost', 'Süd', 'Südwest', 'Wattenscheid']);
  });

  it('has the landmarks, streets and rail lines', () => {
    const landmarks = readJson<FeatureCollection>('city/landmarks.geojson').features.map((f) => f.properties?.name);
    expect(landmarks).toEqual(['Hauptbahnhof', 'Vonovia Ruhrstadion', 'Jahrhunderthalle', 'Ruhr-Universität Bochum']);
    const streets = readJson<FeatureCollection>('city/streets.geojson').features;
    expect(new Set(streets.map((f) => f.properties?.roadClass))).toEqual(new Set(['motorway', 'ring', 'arterial']));
    const modes = new Set(readJson<FeatureCollection>('city/rail.geojson').features.map((f) => f.properties?.mode));
    expect(modes).toEqual(new Set(['rail', 'tram', 'subway']));
  });

  it('stays small: all generated files together under 3 MB', () => {
    const total = OUTPUT_FILES.reduce((sum, f) => sum + fs.statSync(path.join(DATA, f)).size, 0);
    expect(total).toBeLessThan(3 * 1024 * 1024);
  });
});

describe.skipIf(!haveSource)('against the reference data', () => {
  it('has exactly the 12 real smart benches, with their MACs', () => {
    const stations = parseCsv(fs.readFileSync(path.join(SOURCE, 'climate/ecowitt/stations.csv'), 'utf8'));
    const real = ofKind('climate').filter((f) => !f.properties.synthetic);
    expect(real).toHaveLength(12);
    const macs = real.map((f) => (f.properties.kind === 'climate' ? f.properties.mac : undefined)).sort();
    expect(macs).toEqual(stations.map((s) => s.mac).sort());
  });

  it('has the 12 car parks with the capacities of the source', () => {
    const src = JSON.parse(fs.readFileSync(path.join(SOURCE, 'mobility/car_parks.parkapi2.geojson'), 'utf8')) as FeatureCollection;
    const expected = Object.fromEntries(src.features.map((f: Feature) => [f.properties?.name, f.properties?.capacity]));
    const parking = ofKind('parking');
    expect(parking).toHaveLength(12);
    const actual = Object.fromEntries(parking.map((f) => [f.properties.name, f.properties.kind === 'parking' ? f.properties.capacity : 0]));
    expect(actual).toEqual(expected);
  });

  it('rebuilds byte-for-byte identical output', { timeout: 120_000 }, () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stadtpuls-city-model-'));
    try {
      buildCityModel({ dataDir: SOURCE, outDir });
      for (const f of OUTPUT_FILES) {
        expect(fs.readFileSync(path.join(outDir, f), 'utf8'), f).toBe(fs.readFileSync(path.join(DATA, f), 'utf8'));
      }
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });
});
