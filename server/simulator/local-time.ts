import type { DayType } from './scenario.js';

const berlinParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Berlin',
  hourCycle: 'h23',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export interface LocalTime {
  /** fractional hour of the Bochum local day, 0 ≤ h < 24 */
  hour: number;
  dayType: DayType;
}

/** Bochum local time of day and day type; the scenario's dayType, when set, overrides the calendar. */
export function bochumLocalTime(ms: number, forcedDayType?: DayType): LocalTime {
  const parts = Object.fromEntries(berlinParts.formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const hour = Number(parts.hour) + Number(parts.minute) / 60 + Number(parts.second) / 3600;
  const calendarDay: DayType = parts.weekday === 'Sat' ? 'saturday' : parts.weekday === 'Sun' ? 'sunday' : 'weekday';
  return { hour, dayType: forcedDayType ?? calendarDay };
}
