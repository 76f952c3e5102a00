import { isStale } from './freshness.js';
import type { LosClass } from './derived.js';
import type { LiveEntry } from './protocol.js';
import type { SensorProperties } from './sensors.js';

export interface WorstLink {
  sensorId: string;
  name: string;
  street: string;
  los: LosClass;
  travelTimeIndex: number;
  speedKmh: number;
  flowVehH: number;
}

/**
 * The n traffic detectors with the highest travel-time index right now ("the five worst links"),
 * leaving out stale readings. Ties go to the lower speed ratio, then the id, so the list is stable.
 */
export function worstLinks(
  entries: Iterable<LiveEntry>,
  sensors: ReadonlyMap<string, SensorProperties>,
  cityNow: number,
  n = 5,
): WorstLink[] {
  const ranked: (WorstLink & { speedRatio: number })[] = [];
  for (const { reading, derived } of entries) {
    if (reading.kind !== 'traffic' || derived.kind !== 'traffic' || isStale(reading, cityNow)) continue;
    const meta = sensors.get(reading.sensorId);
    if (meta?.kind !== 'traffic') continue;
    ranked.push({
      sensorId: reading.sensorId,
      name: meta.name,
      street: meta.street,
      los: derived.los,
      travelTimeIndex: derived.travelTimeIndex,
      speedKmh: reading.values.speedKmh,
      flowVehH: reading.values.flowVehH,
      speedRatio: derived.speedRatio,
    });
  }
  ranked.sort((a, b) => b.travelTimeIndex - a.travelTimeIndex || a.speedRatio - b.speedRatio || a.sensorId.localeCompare(b.sensorId));
  return ranked.slice(0, Math.max(0, n)).map(({ speedRatio: _r, ...w }) => w);
}
