import type { Reading } from '../../common/readings.js';
import type { SensorFeature } from '../../common/sensors.js';

/** The one seeded generator (mulberry32), so a failing sequence can be replayed. */
export { seededRandom as seeded } from '../../common/seeded-random.js';

/** A reading of any kind, with values wide enough to cross the alert rules' thresholds both ways. */
export function randomReading(sensor: SensorFeature, ts: number, rnd: () => number, hot: boolean): Reading {
  const p = sensor.properties;
  const sensorId = sensor.id;
  if (p.kind === 'climate') return { sensorId, kind: 'climate', ts, values: { airTempC: hot ? 30 + rnd() * 15 : 15 + rnd() * 20, relHumidityPct: 40, windKmh: 3, solarWm2: 700 } };
  if (p.kind === 'traffic') {
    const jam = rnd() < 0.5;
    return { sensorId, kind: 'traffic', ts, values: { flowVehH: jam ? 300 : 900, speedKmh: jam ? 4 : 45 + rnd() * 10, occupancyPct: jam ? 80 : 15 } };
  }
  if (p.kind === 'parking') return { sensorId, kind: 'parking', ts, values: { freeSpaces: Math.floor(rnd() < 0.5 ? rnd() * 3 : rnd() * p.capacity), open: true } };
  const points = p.kind === 'charging' ? p.points : [];
  return { sensorId, kind: 'charging', ts, values: { points: points.map((pt) => ({ id: pt.id, status: rnd() < 0.3 ? 'out_of_order' : 'available', powerKw: 0 })) } };
}
