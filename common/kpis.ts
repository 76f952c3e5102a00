import type { LiveEntry } from './protocol.js';
import type { SensorProperties } from './sensors.js';
import { isCongested } from './models/traffic.js';
import { isStale } from './freshness.js';
import { SENSOR_KINDS, type SensorKind } from './readings.js';

/** The header's key figures, one group per layer. Null where no sensor of that kind has reported. */
export interface Kpis {
  heat: { meanUtciC: number; maxUtciC: number; stations: number; stationsStrongOrWorse: number } | null;
  traffic: { congestedLaneKm: number; totalLaneKm: number; meanTravelTimeIndex: number; detectors: number } | null;
  parking: { occupancyPct: number; freeSpaces: number; capacity: number; carParks: number } | null;
  charging: { available: number; charging: number; outOfOrder: number; total: number; sites: number } | null;
  /** registered sensors per kind without a current reading (never reported, or stale) */
  withoutData: Record<SensorKind, number>;
}

/** Registered sensors per kind minus those with a current reading. */
function countWithoutData(fresh: ReadonlyMap<SensorKind, number>, sensors: ReadonlyMap<string, SensorProperties>): Record<SensorKind, number> {
  const out = Object.fromEntries(SENSOR_KINDS.map((k) => [k, 0])) as Record<SensorKind, number>;
  for (const meta of sensors.values()) out[meta.kind] += 1;
  for (const k of SENSOR_KINDS) out[k] -= fresh.get(k) ?? 0;
  return out;
}

/** UTCI from which the heat-stress category is "strong heat stress" (Bröde et al. 2012 assessment scale). */
const STRONG_HEAT_STRESS_C = 32;

/** Key figures over the entries that are not stale at `cityNow` (common/freshness.ts). */
export function computeKpis(entries: Iterable<LiveEntry>, sensors: ReadonlyMap<string, SensorProperties>, cityNow: number): Kpis {
  const utci: number[] = [];
  let congestedLaneKm = 0;
  let totalLaneKm = 0;
  let ttiSum = 0;
  let detectors = 0;
  let capacity = 0;
  let free = 0;
  let carParks = 0;
  const charging = { available: 0, charging: 0, outOfOrder: 0, total: 0, sites: 0 };

  const fresh = new Map<SensorKind, number>();
  for (const { derived, reading } of entries) {
    if (isStale(reading, cityNow)) continue;
    if (sensors.has(reading.sensorId)) fresh.set(reading.kind, (fresh.get(reading.kind) ?? 0) + 1);
    const meta = sensors.get(reading.sensorId);
    if (derived.kind === 'climate') {
      if (derived.utciC !== null) utci.push(derived.utciC);
    } else if (derived.kind === 'traffic' && meta?.kind === 'traffic') {
      const laneKm = (meta.lengthM / 1000) * meta.lanes;
      totalLaneKm += laneKm;
      if (isCongested(derived.los)) congestedLaneKm += laneKm;
      // Weighted by lane-km so a long motorway jam counts for more than a short side street.
      ttiSum += derived.travelTimeIndex * laneKm;
      detectors += 1;
    } else if (derived.kind === 'parking' && reading.kind === 'parking') {
      capacity += derived.capacity;
      free += Math.min(reading.values.freeSpaces, derived.capacity);
      carParks += 1;
    } else if (derived.kind === 'charging') {
      charging.available += derived.counts.available;
      charging.charging += derived.counts.charging;
      charging.outOfOrder += derived.counts.out_of_order;
      charging.total += derived.total;
      charging.sites += 1;
    }
  }

  return {
    heat:
      utci.length === 0
        ? null
        : {
            meanUtciC: utci.reduce((a, b) => a + b, 0) / utci.length,
            maxUtciC: Math.max(...utci),
            stations: utci.length,
            stationsStrongOrWorse: utci.filter((u) => u >= STRONG_HEAT_STRESS_C).length,
          },
    traffic: detectors === 0 ? null : { congestedLaneKm, totalLaneKm, meanTravelTimeIndex: ttiSum / totalLaneKm, detectors },
    parking: carParks === 0 ? null : { occupancyPct: ((capacity - free) / capacity) * 100, freeSpaces: free, capacity, carParks },
    charging: charging.sites === 0 ? null : charging,
    withoutData: countWithoutData(fresh, sensors),
  };
}
