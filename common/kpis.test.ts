import { describe, expect, it } from 'vitest';
import { computeKpis } from './kpis.js';
import type { LiveEntry } from './protocol.js';
import type { SensorProperties } from './sensors.js';

const now = Date.parse('2024-08-13T15:00:00+02:00');
const base = { district: 'Mitte', synthetic: false, source: 'test' };
const sensors = new Map<string, SensorProperties>([
  ['t1', { ...base, id: 't1', name: 'T1', kind: 'traffic', street: 'A40', roadClass: 'motorway', lanes: 2, capacityVehH: 3600, freeFlowKmh: 100, lengthM: 2000, approximate: true }],
  ['t2', { ...base, id: 't2', name: 'T2', kind: 'traffic', street: 'Ring', roadClass: 'ring', lanes: 1, capacityVehH: 900, freeFlowKmh: 50, lengthM: 1000, approximate: false }],
  ['p1', { ...base, id: 'p1', name: 'P1', kind: 'parking', capacity: 400, parkingType: 'garage' }],
  ['p2', { ...base, id: 'p2', name: 'P2', kind: 'parking', capacity: 100, parkingType: 'garage' }],
]);

const traffic = (id: string, los: 'A' | 'F', tti: number, ts = now): LiveEntry => ({
  reading: { sensorId: id, kind: 'traffic', ts, values: { flowVehH: 1000, speedKmh: 30, occupancyPct: 10 } },
  derived: { kind: 'traffic', los, travelTimeIndex: tti, speedRatio: 1 / tti, volumeCapacityRatio: 0.5 },
  receivedAt: ts,
});
const parking = (id: string, free: number, capacity: number, ts = now): LiveEntry => ({
  reading: { sensorId: id, kind: 'parking', ts, values: { freeSpaces: free, open: true } },
  derived: { kind: 'parking', capacity, occupancyPct: 100 * (1 - free / capacity) },
  receivedAt: ts,
});
const climate = (id: string, utciC: number, ts = now): LiveEntry => ({
  reading: { sensorId: id, kind: 'climate', ts, values: { airTempC: 30, relHumidityPct: 40, windKmh: 5, solarWm2: 800 } },
  derived: { kind: 'climate', utciC, utciCategory: null, tmrtC: 50, heatIndexC: 31 },
  receivedAt: ts,
});

describe('KPIs', () => {
  it('weights congestion and travel time by lane-km', () => {
    const k = computeKpis([traffic('t1', 'F', 4), traffic('t2', 'A', 1)], sensors, now);
    // t1: 2 km × 2 lanes = 4 lane-km congested; t2: 1 lane-km free
    expect(k.traffic).toEqual({ congestedLaneKm: 4, totalLaneKm: 5, meanTravelTimeIndex: (4 * 4 + 1 * 1) / 5, detectors: 2 });
  });

  it('sums car parks into one occupancy', () => {
    const k = computeKpis([parking('p1', 100, 400), parking('p2', 0, 100)], sensors, now);
    expect(k.parking).toEqual({ occupancyPct: 80, freeSpaces: 100, capacity: 500, carParks: 2 });
  });

  it('counts stations at strong heat stress or worse', () => {
    const k = computeKpis([climate('c1', 30), climate('c2', 32), climate('c3', 40)], sensors, now);
    expect(k.heat).toEqual({ meanUtciC: 34, maxUtciC: 40, stations: 3, stationsStrongOrWorse: 2 });
  });

  it('leaves stale readings out and says "no data" when nothing is current', () => {
    const old = now - 60 * 60_000;
    const k = computeKpis([parking('p1', 100, 400), parking('p2', 0, 100, old), climate('c1', 30, old)], sensors, now);
    expect(k.parking?.carParks).toBe(1);
    expect(k.heat).toBeNull();
    expect(k.charging).toBeNull();
    // registered: 2 traffic (none reported), 2 car parks (one stale); the stale climate entry is not registered
    expect(k.withoutData).toEqual({ traffic: 2, climate: 0, parking: 1, charging: 0 });
  });
});
