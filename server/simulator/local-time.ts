import { bochumParts, dayTypeOfWeekday, wallHour, type DayType } from '../../common/bochum-time.js';

export interface LocalTime {
  /** fractional hour of the Bochum local day, 0 ≤ h < 24 */
  hour: number;
  dayType: DayType;
}

/** Bochum local time of day and day type; the scenario's dayType, when set, overrides the calendar. */
export function bochumLocalTime(ms: number, forcedDayType?: DayType): LocalTime {
  const p = bochumParts(ms);
  return { hour: wallHour(p), dayType: forcedDayType ?? dayTypeOfWeekday(p.weekday) };
}
