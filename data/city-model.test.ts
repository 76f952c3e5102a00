import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { roadNetworkSchema, type RoadLinkProperties, type RoadNodeProperties } from '../common/roads';
import { sensorRegistrySchema, type SensorRegistry } from '../common/sensors';
import { buildCityModel, defaultDataDir, OUTPUT_FILES } from './build/build-city-model';
import { parseCsv } from './build/geo-utils';
import { isVulnerablePlace, parseDelimited, PLACE_SOURCES } from './build/places';
import { placesCollectionSchema } from '../common/places';

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

describe('road graph', () => {
  const roads = roadNetworkSchema.parse(readJson('roads.geojson'));
  const links = roads.features.flatMap((f) => (f.properties.kind === 'link' && f.geometry.type === 'LineString' ? [{ ...f.properties, coords: f.geometry.coordinates }] : []));
  const nodes = roads.features.flatMap((f) => (f.properties.kind === 'node' ? [f.properties as RoadNodeProperties] : []));

  it('has unique ids, and every link joins two known nodes', () => {
    const ids = roads.features.map((f) => f.properties.id);
    expect(new Set(ids).size).toBe(ids.length);
    const nodeIds = new Set(nodes.map((n) => n.id));
    for (const l of links) {
      expect(nodeIds.has(l.from), l.id).toBe(true);
      expect(nodeIds.has(l.to), l.id).toBe(true);
      expect(l.from, l.id).not.toBe(l.to);
    }
  });

  it('is strongly connected: every node reaches every other and is reached by it', () => {
    const reach = (start: string, next: (l: RoadLinkProperties) => [string, string]) => {
      const seen = new Set([start]);
      const queue = [start];
      while (queue.length) {
        const n = queue.pop()!;
        for (const l of links) {
          const [a, b] = next(l);
          if (a === n && !seen.has(b)) {
            seen.add(b);
            queue.push(b);
          }
        }
      }
      return seen;
    };
    const start = nodes[0].id;
    expect(reach(start, (l) => [l.from, l.to]).size).toBe(nodes.length);
    expect(reach(start, (l) => [l.to, l.from]).size).toBe(nodes.length);
  });

  it('gives every link positive capacity, lanes, speed and a length that agrees with its geometry (within 1 %)', () => {
    for (const l of links) {
      expect(l.capacityVehH, l.id).toBeGreaterThan(0);
      expect(l.freeFlowKmh, l.id).toBeGreaterThan(0);
      const measured = turf.length(turf.lineString(l.coords), { units: 'kilometers' }) * 1000;
      expect(l.lengthM, l.id).toBeGreaterThan(0);
      expect(Math.abs(measured - l.lengthM) / measured, l.id).toBeLessThan(0.01);
    }
  });

  it('joins the motorways to each other and to the radials at their interchanges', () => {
    const linksAt = (nodeId: string) => new Set(links.filter((l) => l.from === nodeId || l.to === nodeId).map((l) => l.street));
    expect([...linksAt('n-kreuz-bochum')].sort()).toEqual(['A40', 'A43']);
    expect(linksAt('n-as-zentrum')).toEqual(new Set(['A40', 'Herner Straße']));
    expect(linksAt('n-ring-se')).toEqual(new Set(['Ostring', 'Südring', 'Universitätsstraße', 'Wittener Straße']));
    expect(nodes.filter((n) => n.nodeKind === 'gateway').length).toBeGreaterThanOrEqual(5);
    for (const district of ['mitte', 'wattenscheid', 'nord', 'ost', 'sued', 'suedwest']) {
      expect(nodes.some((n) => n.zone === district && n.access), district).toBe(true);
    }
  });

  it('puts every detector on a graph link of its own street and direction', () => {
    const byId = new Map(links.map((l) => [l.id, l]));
    for (const f of ofKind('traffic')) {
      if (f.properties.kind !== 'traffic') continue;
      const link = byId.get(f.properties.linkId ?? '');
      expect(link, f.id).toBeDefined();
      expect(link!.street, f.id).toBe(f.properties.street);
      expect(link!.id.split('-').at(-1), f.id).toBe(f.id.split('-').at(-1));
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

describe('vulnerable places', () => {
  const places = placesCollectionSchema.parse(readJson('places.geojson')).features;

  it('has Kitas, schools and playgrounds with unique ids, each in a Stadtbezirk and near the city', () => {
    expect(new Set(places.map((f) => f.id)).size).toBe(places.length);
    const boundary = readJson<FeatureCollection<Polygon>>('city/boundary.geojson').features[0];
    for (const type of ['kita', 'school', 'playground'] as const) expect(places.filter((f) => f.properties.type === type).length, type).toBeGreaterThan(80);
    for (const f of places) {
      expect(['Mitte', 'Wattenscheid', 'Nord', 'Ost', 'Süd', 'Südwest'], f.id).toContain(f.properties.district);
      const pt = turf.point(f.geometry.coordinates);
      const off = turf.booleanPointInPolygon(pt, boundary) ? 0 : turf.pointToPolygonDistance(pt, boundary, { units: 'meters' });
      expect(off, f.id).toBeLessThanOrEqual(1000);
    }
  });

  it('reads quoted cells that span lines and hold the separator', () => {
    const rows = parseDelimited('"a";"b"\r\n"1";"x;\ny ""z"""\n"2";""\n', ';');
    expect(rows).toEqual([
      { a: '1', b: 'x;\ny "z"' },
      { a: '2', b: '' },
    ]);
  });

  it('keeps the schools children attend and outdoor playgrounds only', () => {
    expect(isVulnerablePlace('school', 'Bildung/Allgemeinbildende Schulen/Grundschulen')).toBe(true);
    expect(isVulnerablePlace('school', 'Bildung/Förderschulen')).toBe(true);
    expect(isVulnerablePlace('school', 'Bildung/Hochschulen/Hochschulen')).toBe(false);
    expect(isVulnerablePlace('school', 'Bildung/Weiterbildungseinrichtungen')).toBe(false);
    expect(isVulnerablePlace('playground', 'Freizeit Kultur Tourismus/Spielplätze/Indoorspielhallen')).toBe(false);
    expect(isVulnerablePlace('playground', 'Freizeit Kultur Tourismus/Spielplätze/Bolzplätze')).toBe(true);
  });
});

describe.skipIf(!haveSource)('against the reference data', () => {
  it('has every Kita of the source, once per site', () => {
    const rows = parseDelimited(fs.readFileSync(path.join(SOURCE, PLACE_SOURCES.kita), 'utf8'), ';');
    expect(rows).toHaveLength(195);
    const sites = new Set(rows.map((r) => `${r.name.trim()}|${r.rechts_utm}|${r.hoch_utm}`));
    const kitas = placesCollectionSchema.parse(readJson('places.geojson')).features.filter((f) => f.properties.type === 'kita');
    expect(kitas).toHaveLength(sites.size);
  });
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
