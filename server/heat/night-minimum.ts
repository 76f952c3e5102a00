import { isTropicalNight } from '../../common/models/heat.js';
import type { NightFigure } from '../../common/protocol.js';

const localParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
});

/** The night 18:00–08:00 Bochum time is named after the date of its evening; daytime belongs to no night. */
export function nightOf(ms: number): string | null {
  const p = Object.fromEntries(localParts.formatToParts(ms).map((x) => [x.type, x.value]));
  const hour = Number(p.hour);
  if (hour >= 18) return `${p.year}-${p.month}-${p.day}`;
  if (hour >= 8) return null;
  const yesterday = new Date(Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day) - 1));
  return yesterday.toISOString().slice(0, 10);
}

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

  add(sensorId: string, ts: number, airTempC: number): void {
    const night = nightOf(ts);
    const cur = this.current.get(sensorId);
    if (cur && cur.night !== night) {
      this.completed.set(sensorId, cur);
      this.current.delete(sensorId);
    }
    if (night === null) return;
    const open = this.current.get(sensorId);
    if (!open) this.current.set(sensorId, { night, minTempC: airTempC });
    else open.minTempC = Math.min(open.minTempC, airTempC);
  }

  figures(): NightFigure[] {
    const ids = new Set([...this.current.keys(), ...this.completed.keys()]);
    return [...ids].map((sensorId) => {
      const open = this.current.get(sensorId);
      const n = open ?? this.completed.get(sensorId)!;
      return { sensorId, night: n.night, minTempC: n.minTempC, tropical: isTropicalNight(n.minTempC), complete: !open };
    });
  }
}
