import { isTropicalNight } from '../../common/models/heat.js';
import { nightOf } from '../../common/bochum-time.js';
import type { NightCount, NightFigure } from '../../common/protocol.js';

interface StationNight {
  night: string;
  minTempC: number;
}

/**
 * Minimum air temperature per station and night, for the tropical-night flag (minimum ≥ 20 °C).
 * Reports the night in progress, or after 08:00 the last complete one.
 */
export class NightMinimum {
  private readonly current = new Map<string, StationNight>();
  private readonly completed = new Map<string, StationNight>();
  /** stations whose figure changed since the last takeChanged() */
  private changedIds = new Set<string>();

  /** nightOf for the last UTC hour asked: Bochum's offset is whole hours, so the night is the same all hour */
  private cachedHour = NaN;
  private cachedNight: string | null = null;

  private nightAt(ts: number): string | null {
    const hour = Math.floor(ts / 3_600_000);
    if (hour !== this.cachedHour) {
      // One Intl lookup per hour of readings instead of one per reading (15,000 a tick at SCALE=100000).
      this.cachedHour = hour;
      this.cachedNight = nightOf(ts);
    }
    return this.cachedNight;
  }

  add(sensorId: string, ts: number, airTempC: number): void {
    const night = this.nightAt(ts);
    const cur = this.current.get(sensorId);
    if (cur && cur.night !== night) {
      this.completed.set(sensorId, cur);
      this.current.delete(sensorId);
      this.changedIds.add(sensorId);
    }
    if (night === null) return;
    const open = this.current.get(sensorId);
    if (!open) {
      this.current.set(sensorId, { night, minTempC: airTempC });
      this.changedIds.add(sensorId);
    } else {
      const min = Math.min(open.minTempC, airTempC);
      if (Object.is(min, open.minTempC)) return;
      open.minTempC = min;
      this.changedIds.add(sensorId);
    }
  }

  figures(): NightFigure[] {
    const ids = new Set([...this.current.keys(), ...this.completed.keys()]);
    return [...ids].map((sensorId) => this.figureOf(sensorId));
  }

  /**
   * The figures of the stations whose figure changed since the last call (every one a station has had since then
   * goes through add()), in the order of figures(): at SCALE_RATE=1 every climate node reports every second and
   * the whole list, 15,000 figures built and compared per tick, was most of the stream stage; few minima move.
   */
  takeChanged(): NightFigure[] {
    if (this.changedIds.size === 0) return [];
    const changed = this.changedIds;
    this.changedIds = new Set();
    const out: NightFigure[] = [];
    for (const id of this.current.keys()) if (changed.has(id)) out.push(this.figureOf(id));
    for (const id of this.completed.keys()) if (changed.has(id) && !this.current.has(id)) out.push(this.figureOf(id));
    return out;
  }

  /** figures() counted, without building them: 15,000 at SCALE=100000, counted whenever a minimum moved */
  count(): NightCount {
    let stations = this.current.size;
    let tropical = 0;
    for (const n of this.current.values()) if (isTropicalNight(n.minTempC)) tropical++;
    for (const [id, n] of this.completed) {
      if (this.current.has(id)) continue;
      stations++;
      if (isTropicalNight(n.minTempC)) tropical++;
    }
    return { stations, tropical };
  }

  private figureOf(sensorId: string): NightFigure {
    const open = this.current.get(sensorId);
    const n = open ?? this.completed.get(sensorId)!;
    return { sensorId, night: n.night, minTempC: n.minTempC, tropical: isTropicalNight(n.minTempC), complete: !open };
  }
}
