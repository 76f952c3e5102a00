import type { Derived } from './derived.js';
import type { Reading } from './readings.js';
import type { SensorFeature } from './sensors.js';
import { trafficFigures } from './models/traffic.js';
import { occupancyPct } from './models/parking.js';
import { countStatuses } from './models/charging.js';
import { heatStressFromStation } from './models/heat.js';

/** A representative point of a sensor, [lon, lat]. */
export function sensorAnchor(sensor: SensorFeature): [number, number] {
  const g = sensor.geometry;
  if (g.type === 'Point') return g.coordinates;
  return g.coordinates[Math.floor(g.coordinates.length / 2)];
}

/**
 * Figures derived from one reading of one registered sensor. The caller guarantees that the
 * reading's kind matches the sensor's kind (the ingest path checks it).
 */
export function deriveFigures(reading: Reading, sensor: SensorFeature): Derived {
  const meta = sensor.properties;
  switch (reading.kind) {
    case 'traffic': {
      if (meta.kind !== 'traffic') throw new Error(`sensor ${meta.id} is not a traffic sensor`);
      // spelled out rather than spread: the ingest path derives up to 100,000 of these a second
      const t = trafficFigures(reading.values, meta);
      return { kind: 'traffic', speedRatio: t.speedRatio, los: t.los, volumeCapacityRatio: t.volumeCapacityRatio, travelTimeIndex: t.travelTimeIndex };
    }
    case 'climate': {
      const [lon, lat] = sensorAnchor(sensor);
      const v = reading.values;
      const heat = heatStressFromStation({ airTempC: v.airTempC, relHumidityPct: v.relHumidityPct, windKmh: v.windKmh, solarWm2: v.solarWm2, ts: reading.ts, lat, lon });
      return {
        kind: 'climate',
        utciC: heat.utciC,
        utciCategory: heat.category?.id ?? null,
        tmrtC: heat.tmrtC,
        heatIndexC: heat.heatIndexC,
      };
    }
    case 'parking': {
      if (meta.kind !== 'parking') throw new Error(`sensor ${meta.id} is not a car park`);
      const capacity = reading.values.capacity ?? meta.capacity;
      return { kind: 'parking', capacity, occupancyPct: occupancyPct(reading.values.freeSpaces, capacity) };
    }
    case 'charging': {
      const points = reading.values.points;
      return {
        kind: 'charging',
        total: points.length,
        counts: countStatuses(points),
        powerKw: points.reduce((sum, p) => sum + p.powerKw, 0),
      };
    }
    case 'tree':
      return { kind: 'tree' };
  }
}
