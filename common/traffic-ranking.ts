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

type Ranked = WorstLink & { speedRatio: number };

/** Worse first: the higher travel-time index, then the lower speed ratio, then the id (a total order). */
const worseFirst = (a: Ranked, b: Ranked) => b.travelTimeIndex - a.travelTimeIndex || a.speedRatio - b.speedRatio || a.sensorId.localeCompare(b.sensorId);

/**
 * The n traffic detectors with the highest travel-time index right now ("the five worst links"),
 * leaving out stale readings. Ties go to the lower speed ratio, then the id, so the list is stable.
 * Only the n worst so far are kept and sorted as the entries pass: at SCALE the server ranks ~20,000
 * counters, and a sort of all of them (localeCompare on every tie) held its event loop for 35–80 ms.
 */
export function worstLinks(
  entries: Iterable<LiveEntry>,
  sensors: ReadonlyMap<string, SensorProperties>,
  cityNow: number,
  n = 5,
): WorstLink[] {
  const ranking = new WorstLinksRanking(sensors, n);
  for (const e of entries) ranking.add(e, cityNow);
  return ranking.result();
}

/**
 * worstLinks as the entries come, each judged stale or not at the time it is added: the server's KPI pass
 * ranks the counters as it reads them, over several ticks, instead of keeping 10,000 entries until its end.
 * An entry is not kept (its figures are copied), so a reader may hand over one object it reuses.
 */
export class WorstLinksRanking {
  /** the worst `keep` so far, worst first */
  private readonly best: Ranked[] = [];
  private readonly keep: number;

  constructor(
    private readonly sensors: ReadonlyMap<string, SensorProperties>,
    n = 5,
  ) {
    this.keep = Math.max(0, n);
  }

  add({ reading, derived }: LiveEntry, cityNow: number): void {
    const { best, keep } = this;
    if (keep === 0 || reading.kind !== 'traffic' || derived.kind !== 'traffic' || isStale(reading, cityNow)) return;
    // most counters rank below the kept few: told by their figures before anything is built
    if (best.length === keep) {
      const last = best[keep - 1];
      const byIndex = last.travelTimeIndex - derived.travelTimeIndex;
      if (byIndex > 0 || (byIndex === 0 && derived.speedRatio - last.speedRatio > 0)) return;
    }
    const meta = this.sensors.get(reading.sensorId);
    if (meta?.kind !== 'traffic') return;
    const r: Ranked = {
      sensorId: reading.sensorId,
      name: meta.name,
      street: meta.street,
      los: derived.los,
      travelTimeIndex: derived.travelTimeIndex,
      speedKmh: reading.values.speedKmh,
      flowVehH: reading.values.flowVehH,
      speedRatio: derived.speedRatio,
    };
    if (best.length === keep && worseFirst(r, best[keep - 1]) >= 0) return;
    let at = best.length === keep ? keep - 1 : best.length;
    while (at > 0 && worseFirst(r, best[at - 1]) < 0) {
      best[at] = best[at - 1];
      at -= 1;
    }
    best[at] = r;
  }

  result(): WorstLink[] {
    return this.best.map(({ speedRatio: _r, ...w }) => w);
  }
}
