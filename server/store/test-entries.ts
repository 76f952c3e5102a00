import { deriveFigures } from '../../common/derive.js';
import type { LiveEntry } from '../../common/protocol.js';
import { CHARGE_POINT_STATUSES, type Reading } from '../../common/readings.js';
import type { SensorFeature } from '../../common/sensors.js';

/**
 * Plausible entries of registry sensors, derived as the ingest path derives them
 * (common/derive.ts), for the store's tests and its benchmark. `rnd` is a seeded PRNG.
 */
export function entryFor(sensor: SensorFeature, ts: number, rnd: () => number): LiveEntry {
  const p = sensor.properties;
  const between = (lo: number, hi: number) => lo + (hi - lo) * rnd();
  let reading: Reading;
  switch (p.kind) {
    case 'climate': {
      const values = { airTempC: between(8, 38), relHumidityPct: between(20, 95), windKmh: between(0, 25), solarWm2: between(0, 900) };
      // Some stations report pressure, some readings lack it: the rollups count per figure.
      reading = { sensorId: p.id, kind: 'climate', ts, values: rnd() < 0.7 ? { ...values, pressureHpa: between(990, 1025) } : values };
      break;
    }
    case 'traffic':
      reading = {
        sensorId: p.id,
        kind: 'traffic',
        ts,
        values: { flowVehH: between(0, p.capacityVehH * 1.1), speedKmh: between(3, p.freeFlowKmh), occupancyPct: between(0, 60) },
      };
      break;
    case 'parking':
      reading = { sensorId: p.id, kind: 'parking', ts, values: { freeSpaces: Math.floor(between(0, p.capacity)), open: rnd() < 0.9 } };
      break;
    case 'charging':
      reading = {
        sensorId: p.id,
        kind: 'charging',
        ts,
        values: {
          points: p.points.map((pt) => {
            const status = CHARGE_POINT_STATUSES[Math.floor(rnd() * CHARGE_POINT_STATUSES.length)];
            return { id: pt.id, status, powerKw: status === 'charging' ? between(3, pt.maxPowerKw) : 0 };
          }),
        },
      };
      break;
    case 'tree':
      reading = { sensorId: p.id, kind: 'tree', ts, values: { soilMoisturePct: Math.round(between(20, 100)), sensorTempC: between(2, 30) } };
      break;
  }
  return { reading, derived: deriveFigures(reading, sensor), receivedAt: ts + Math.floor(between(50, 2_000)) };
}
