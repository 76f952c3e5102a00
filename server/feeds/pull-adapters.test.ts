import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readingSchema } from '../../common/readings.js';
import { ocpiPage1, ocpiPage2, ocpiResponse, parkApiSnapshot } from '../../tests/helpers/pull-samples.js';
import { DATA_DIR } from '../paths.js';
import { loadSensorIndex } from '../registry.js';
import { nextLink } from './fetch-document.js';
import { OcpiLocationsAdapter, loadOcpiLocationMap } from './ocpi.js';
import { ParkApiAdapter, loadParkApiLotMap } from './parkapi.js';
import { parseUtcTimestamp } from './utc-timestamp.js';

const sensors = loadSensorIndex();
const parkapi = new ParkApiAdapter(loadParkApiLotMap(path.join(DATA_DIR, 'devices', 'parkapi-lots.json'), sensors));
const ocpi = new OcpiLocationsAdapter(loadOcpiLocationMap(path.join(DATA_DIR, 'devices', 'ocpi-locations.json'), sensors));
const at = Date.parse('2026-06-16T08:30:00Z');

describe('ParkAPI2 snapshot → parking readings', () => {
  const mapped = parkapi.map(parkApiSnapshot(at));

  it('maps open and closed lots, stamped with the operator time when given, else the scrape time', () => {
    expect(mapped.readings).toEqual([
      { sensorId: 'parking-p1-husemannplatz', kind: 'parking', ts: at - 60_000, values: { freeSpaces: 120, capacity: 475, open: true } },
      { sensorId: 'parking-p2-dr-ruer-platz', kind: 'parking', ts: at - 120_000, values: { freeSpaces: 0, capacity: 375, open: false } },
      { sensorId: 'parking-p5-brueckstrasse', kind: 'parking', ts: at, values: { freeSpaces: 311, capacity: 700, open: true } },
    ]);
    for (const r of mapped.readings) expect(readingSchema.safeParse(r).success).toBe(true);
  });

  it('skips a lot without live data, refuses a broken one, ignores lots of other cities', () => {
    expect(mapped.readings.map((r) => (r as { sensorId: string }).sensorId)).not.toContain('parking-p6-hauptbahnhof-buddenbergplatz');
    expect(mapped.refused).toEqual([{ reason: 'invalid', detail: expect.stringMatching(/^lot bochum-8: num_free: /), context: { sensorId: 'parking-p8-konrad-adenauer-platz-bermuda3eck' } }]);
    expect(mapped.unmapped).toEqual(['dortmund-7']);
  });

  it('refuses a document that is not a snapshot', () => {
    expect(parkapi.map({ items: [] }).refused).toEqual([{ reason: 'invalid', detail: 'not a ParkAPI document: no lots array' }]);
  });

  it('every Bochum car park in the registry has a lot id', () => {
    const mappedIds = new Set(loadParkApiLotMap(path.join(DATA_DIR, 'devices', 'parkapi-lots.json'), sensors).values());
    for (const p of sensors.ofKind('parking')) expect(mappedIds.has(p.id)).toBe(true);
  });
});

describe('OCPI 2.2 Locations → charging readings', () => {
  it('maps each EVSE status onto a charge point, stamped with the response time', () => {
    const page = ocpi.map(ocpiPage1(at));
    expect(page.readings).toEqual([
      {
        sensorId: 'charging-hbf',
        kind: 'charging',
        ts: at,
        values: {
          points: [
            { id: 'charging-hbf-1', status: 'charging', powerKw: 0 },
            { id: 'charging-hbf-2', status: 'available', powerKw: 0 },
            { id: 'charging-hbf-3', status: 'out_of_order', powerKw: 0 },
            { id: 'charging-hbf-4', status: 'reserved', powerKw: 0 },
            { id: 'charging-hbf-5', status: 'blocked', powerKw: 0 },
            { id: 'charging-hbf-6', status: 'unknown', powerKw: 0 },
          ],
        },
      },
    ]);
    expect(readingSchema.safeParse(page.readings[0]).success).toBe(true);
    expect(page.unmapped).toEqual(['ESSEN-1']);
  });

  it('refuses a location with an EVSE status OCPI does not know, keeps the others', () => {
    const page = ocpi.map(ocpiPage2(at));
    expect(page.readings.map((r) => (r as { sensorId: string }).sensorId)).toEqual(['charging-p1-husemannplatz']);
    expect(page.refused).toEqual([{ reason: 'invalid', detail: expect.stringMatching(/^location BOC-P3: EVSE BOC-P3-E2: status/), context: { sensorId: 'charging-p3-rathaus' } }]);
  });

  it('reports an OCPI error status as an upstream error, not as readings', () => {
    expect(ocpi.map(ocpiResponse(at, [], 3000)).upstreamError).toBe('OCPI status_code 3000 (Server error)');
  });

  it('accepts a single Location object as data', () => {
    const single = ocpiResponse(at, (ocpiPage1(at).data as unknown[])[0]);
    expect(ocpi.map(single).readings).toHaveLength(1);
  });
});

describe('pull helpers', () => {
  it.each([
    ['2026-06-16T08:30:00Z', at],
    ['2026-06-16T08:30:00', at],
    ['2026-06-16T10:30:00+02:00', at],
    ['2026-06-16T08:30:00.250Z', at + 250],
    ['16.06.2026 08:30', null],
    ['2026-06-16', null],
  ])('reads %s as %s (UTC when no offset is given)', (text, ms) => {
    expect(parseUtcTimestamp(text)).toBe(ms);
  });

  it('follows rel="next" in a Link header', () => {
    const base = 'http://127.0.0.1:9/ocpi/cpo/2.2/locations';
    expect(nextLink('<http://127.0.0.1:9/ocpi/cpo/2.2/locations?offset=50&limit=50>; rel="next"', base)).toBe('http://127.0.0.1:9/ocpi/cpo/2.2/locations?offset=50&limit=50');
    expect(nextLink('</ocpi/cpo/2.2/locations?offset=1>; rel="prev", </ocpi/cpo/2.2/locations?offset=3>; rel="next"', base)).toBe('http://127.0.0.1:9/ocpi/cpo/2.2/locations?offset=3');
    expect(nextLink('<http://127.0.0.1:9/x>; rel="prev"', base)).toBeNull();
    expect(nextLink(null, base)).toBeNull();
  });
});

describe('id maps are checked at start-up', () => {
  const write = (content: string) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'stadtpuls-map-')), 'map.json');
    writeFileSync(file, content);
    return file;
  };

  it('refuses a lot mapped to something that is not a car park', () => {
    const file = write(JSON.stringify({ lots: { 'bochum-1': 'charging-hbf' } }));
    expect(() => loadParkApiLotMap(file, sensors)).toThrow(/bochum-1: charging-hbf is not a car park in the registry/);
  });

  it('refuses an EVSE mapped to a point the site does not have', () => {
    const file = write(JSON.stringify({ locations: { X: { sensorId: 'charging-hbf', evses: { 'X-1': 'charging-hbf-99' } } } }));
    expect(() => loadOcpiLocationMap(file, sensors)).toThrow(/X\/X-1: charging-hbf has no point charging-hbf-99/);
  });

  it('names the file when it is not JSON or has the wrong shape', () => {
    expect(() => loadParkApiLotMap(write('{ "lots": '), sensors)).toThrow(/ParkAPI lot map .*map\.json cannot be read/);
    expect(() => loadParkApiLotMap(write('{ "lots": [] }'), sensors)).toThrow(/ParkAPI lot map .*map\.json is invalid: lots: /);
  });
});
