import { bochumDayKey } from '../../common/bochum-time.js';

/**
 * Hours of the current Bochum day during which a condition held, per key (district).
 * Integrates over the city clock between updates; starts again at local midnight.
 */
export class HoursToday {
  private day: string | null = null;
  private last: number | null = null;
  private readonly hours = new Map<string, number>();

  /** Adds the time since the last update to every key whose condition held over that interval. */
  update(cityTime: number, conditions: ReadonlyMap<string, boolean>): void {
    const day = bochumDayKey(cityTime);
    if (day !== this.day) {
      this.day = day;
      this.hours.clear();
      this.last = cityTime;
    }
    const dtH = this.last === null ? 0 : Math.max(0, cityTime - this.last) / 3_600_000;
    for (const [key, holds] of conditions) this.hours.set(key, (this.hours.get(key) ?? 0) + (holds ? dtH : 0));
    this.last = cityTime;
  }

  /** Resumes the day from stored figures (after a restart), as if updated last at `cityTime`. */
  resume(cityTime: number, hours: ReadonlyMap<string, number>): void {
    this.day = bochumDayKey(cityTime);
    this.last = cityTime;
    this.hours.clear();
    for (const [key, h] of hours) this.hours.set(key, h);
  }

  get(key: string): number {
    return this.hours.get(key) ?? 0;
  }
}
