import type { LiveEntry } from '../../common/protocol.js';
import { CHARGE_POINT_STATUSES } from '../../common/readings.js';
import { utciCategory } from '../../common/models/heat.js';
import { levelOfService } from '../../common/models/traffic.js';
import type { SeriesKind } from './history-store.js';

/**
 * One entry as flat numbers, the shape of a history point (common/history.ts HistoryPoint):
 * `values` holds what the sensor measured, `derived` the figures common/derive.ts computed from it.
 * Names never repeat between the two maps of a kind, so min/max of a rolled-up point can be one map.
 */
export interface FlatFigures {
  values: Record<string, number>;
  derived: Record<string, number | string | null>;
}

export function flattenEntry(entry: LiveEntry): FlatFigures {
  const { reading, derived } = entry;
  switch (reading.kind) {
    case 'traffic': {
      if (derived.kind !== 'traffic') break;
      const v = reading.values;
      return {
        values: { flowVehH: v.flowVehH, speedKmh: v.speedKmh, occupancyPct: v.occupancyPct },
        derived: {
          speedRatio: derived.speedRatio,
          volumeCapacityRatio: derived.volumeCapacityRatio,
          travelTimeIndex: derived.travelTimeIndex,
          los: derived.los,
        },
      };
    }
    case 'climate': {
      if (derived.kind !== 'climate') break;
      const v = reading.values;
      const values: Record<string, number> = {
        airTempC: v.airTempC,
        relHumidityPct: v.relHumidityPct,
        windKmh: v.windKmh,
        solarWm2: v.solarWm2,
      };
      if (v.pressureHpa !== undefined) values.pressureHpa = v.pressureHpa;
      return {
        values,
        derived: { utciC: derived.utciC, tmrtC: derived.tmrtC, heatIndexC: derived.heatIndexC, utciCategory: derived.utciCategory },
      };
    }
    case 'parking': {
      if (derived.kind !== 'parking') break;
      const v = reading.values;
      // The capacity that applies (reported, else the registry's) is the one occupancy was computed with.
      return {
        values: { freeSpaces: v.freeSpaces, capacity: derived.capacity, open: v.open ? 1 : 0 },
        derived: { occupancyPct: derived.occupancyPct },
      };
    }
    case 'charging': {
      if (derived.kind !== 'charging') break;
      // A charging reading is a list of point statuses: every number of it is a count or sum derive.ts made.
      const out: Record<string, number> = {};
      for (const status of CHARGE_POINT_STATUSES) out[status] = derived.counts[status];
      out.total = derived.total;
      out.powerKw = derived.powerKw;
      return { values: {}, derived: out };
    }
    case 'tree': {
      if (derived.kind !== 'tree') break;
      const v = reading.values;
      const values: Record<string, number> = { soilMoisturePct: v.soilMoisturePct, sensorTempC: v.sensorTempC };
      if (v.batteryV !== undefined) values.batteryV = v.batteryV;
      return { values, derived: {} };
    }
  }
  throw new Error(`entry of sensor ${reading.sensorId}: reading kind ${reading.kind} does not match derived kind ${derived.kind}`);
}

/**
 * The category figures of a rolled-up point, recomputed from its bucket means with the same pure
 * models derive.ts uses: a mean of categories means nothing, the category of the mean does.
 */
export function categoriesFromMeans(kind: SeriesKind, means: Readonly<Record<string, number>>): Record<string, string | null> {
  switch (kind) {
    case 'climate':
      return { utciCategory: means.utciC === undefined ? null : utciCategory(means.utciC).id };
    case 'traffic':
      return means.speedRatio === undefined ? {} : { los: levelOfService(means.speedRatio) };
    default:
      return {};
  }
}
