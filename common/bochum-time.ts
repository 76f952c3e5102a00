/**
 * Bochum local time (Europe/Berlin: CET, CEST from the last Sunday of March to the last Sunday of
 * October). The city's days, nights, day types and displayed clock times are all local, while every
 * instant in the system is epoch ms; this module is the one place that converts, for server and
 * client alike. Intl does the time-zone arithmetic, so DST rules come from the platform's tz data.
 */

export const BOCHUM_TIME_ZONE = 'Europe/Berlin';

/** The kinds of day that set demand profiles (traffic, parking, charging). */
export const DAY_TYPES = ['weekday', 'saturday', 'sunday'] as const;
export type DayType = (typeof DAY_TYPES)[number];

/** Wall-clock fields of an instant in Bochum; month 1–12, weekday 0 = Sunday … 6 = Saturday. */
export interface BochumParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
// en-US for its English short weekday names and plain digits; h23 so midnight is 00, never 24.
const partsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: BOCHUM_TIME_ZONE,
  hourCycle: 'h23',
  weekday: 'short',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** The fields of recent whole UTC hours, by hour number: Intl's formatToParts costs microseconds, and exports and simulators read thousands of instants a second. */
const hourParts = new Map<number, BochumParts>();
const HOURS_KEPT = 4096;
const HOUR_MS = 3_600_000;

/**
 * Berlin's offset from UTC is a whole number of hours and changes on a whole UTC hour, so within one UTC hour the wall
 * clock runs from the hour's start (minute 0, second 0) like UTC: the fields are those of the hour plus its minutes and seconds.
 */
export function bochumParts(instant: number): BochumParts {
  // Intl reads an instant as whole ms, cut towards zero
  const ms = Math.trunc(instant);
  const hour = Math.floor(ms / HOUR_MS);
  let start = hourParts.get(hour);
  if (start === undefined && Number.isFinite(hour)) {
    start = intlParts(hour * HOUR_MS);
    // a zone whose hour does not start on minute 0 is read through Intl every time
    if (start.minute === 0 && start.second === 0) {
      if (hourParts.size >= HOURS_KEPT) hourParts.clear();
      hourParts.set(hour, start);
    } else return intlParts(ms);
  }
  if (start === undefined) return intlParts(ms);
  const intoHour = ms - hour * HOUR_MS;
  return { ...start, minute: Math.floor(intoHour / 60_000), second: Math.floor(intoHour / 1000) % 60 };
}

function intlParts(ms: number): BochumParts {
  const p: Record<string, string> = {};
  for (const part of partsFormat.formatToParts(ms)) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour),
    minute: Number(p.minute),
    second: Number(p.second),
    weekday: WEEKDAYS.indexOf(p.weekday),
  };
}

/** Fractional hour of the Bochum day, 0 ≤ h < 24 (the wall clock: 02:30 does not exist on the spring DST day). */
export function bochumHour(ms: number): number {
  return wallHour(bochumParts(ms));
}

/** The fractional hour of wall-clock fields already read (saves a second read when the weekday is needed too). */
export function wallHour(p: BochumParts): number {
  return p.hour + p.minute / 60 + p.second / 3600;
}

/** The day type by the calendar (public holidays are not known here: they count as weekdays). */
export function bochumDayType(ms: number): DayType {
  return dayTypeOfWeekday(bochumParts(ms).weekday);
}

export function dayTypeOfWeekday(weekday: number): DayType {
  return weekday === 6 ? 'saturday' : weekday === 0 ? 'sunday' : 'weekday';
}

/** The Bochum calendar day of an instant, `YYYY-MM-DD`: the key for "today" figures. */
export function bochumDayKey(ms: number): string {
  const p = bochumParts(ms);
  return dateKey(p.year, p.month, p.day);
}

/** Minutes Bochum is ahead of UTC at an instant: 60 in winter, 120 in summer. */
export function bochumOffsetMinutes(ms: number): number {
  const p = bochumParts(ms);
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  // The wall time read as if it were UTC, minus the instant.
  return Math.round((Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - wholeSecond) / 60_000);
}

/**
 * The instant of Bochum midnight that starts the day containing `ms`. Berlin changes its clocks at
 * 02:00/03:00, so midnight always exists once; its offset can differ from that of `ms` on the two
 * switch days, hence the second look at the offset.
 */
export function startOfBochumDay(ms: number): number {
  const p = bochumParts(ms);
  const midnightAsUtc = Date.UTC(p.year, p.month - 1, p.day);
  const guess = midnightAsUtc - bochumOffsetMinutes(ms) * 60_000;
  return midnightAsUtc - bochumOffsetMinutes(guess) * 60_000;
}

/** The night 18:00–08:00 Bochum time an instant belongs to, named by its evening's date; null in the daytime. */
export function nightOf(ms: number): string | null {
  const p = bochumParts(ms);
  if (p.hour >= 18) return dateKey(p.year, p.month, p.day);
  if (p.hour >= 8) return null;
  const evening = new Date(Date.UTC(p.year, p.month - 1, p.day - 1));
  return dateKey(evening.getUTCFullYear(), evening.getUTCMonth() + 1, evening.getUTCDate());
}

/**
 * ISO 8601 in Bochum time with its offset, e.g. `2024-08-13T15:00:00+02:00`: what a person reads as
 * local time and Date.parse reads back as the same instant. Milliseconds only when the instant has them.
 */
export function bochumIso(ms: number): string {
  const p = bochumParts(ms);
  const offset = bochumOffsetMinutes(ms);
  const abs = Math.abs(offset);
  const millis = ms - Math.floor(ms / 1000) * 1000;
  const fraction = millis === 0 ? '' : `.${pad(millis, 3)}`;
  return (
    `${dateKey(p.year, p.month, p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${fraction}` +
    `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

const DISPLAY_STYLES = {
  /** 15:00 */
  clock: { hour: '2-digit', minute: '2-digit' },
  /** 15:00:07 */
  clockSeconds: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  /** 13.08., 15:00 (de-DE), 13/08, 15:00 (en-GB) */
  dayTime: { day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;
export type BochumDisplayStyle = keyof typeof DISPLAY_STYLES;

const displayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A formatter that shows instants in Bochum time for a UI locale ('de-DE', 'en-GB'), by a named
 * style or by Intl options (the time zone is always Bochum's, the clock always 24 h). Cached because
 * Intl formatters are costly to build and the dashboard formats on every update.
 */
export function bochumDisplayFormat(locale: string, style: BochumDisplayStyle | Omit<Intl.DateTimeFormatOptions, 'timeZone'>): Intl.DateTimeFormat {
  const options = typeof style === 'string' ? DISPLAY_STYLES[style] : style;
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = displayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: BOCHUM_TIME_ZONE, hourCycle: 'h23' });
    displayFormats.set(key, format);
  }
  return format;
}

function dateKey(year: number, month: number, day: number): string {
  return `${year}-${pad(month)}-${pad(day)}`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}
