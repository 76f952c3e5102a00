import { bochumDayKey, bochumOffsetMinutes, nightOf, startOfBochumDay } from '../bochum-time.js';
import { isTropicalNight } from './heat.js';

/**
 * Climate indicators for planners, as the Deutscher Wetterdienst defines them (DWD Wetter- und
 * Klimalexikon, "Sommertag", "Heißer Tag", "Tropennacht"):
 *   - Sommertag (summer day): a day whose maximum air temperature is ≥ 25 °C;
 *   - Heißer Tag (hot day): a day whose maximum air temperature is ≥ 30 °C;
 *   - Tropennacht (tropical night): a night whose minimum air temperature is ≥ 20 °C.
 * Days are Bochum calendar days (common/bochum-time.ts), so a DST day has 23 or 25 hours.
 * The night is the one the live tropical-night flag uses (server/heat/night-minimum.ts): 18:00–08:00
 * Bochum time named by its evening, with the same threshold (isTropicalNight). DWD's station statistics
 * take the daily Tmin instead; the evening-to-morning window is kept so the history and the live
 * dashboard cannot disagree about a night, and because it is the night residents sleep through.
 *
 * Coverage: a day or night counts only when readings cover at least MIN_COVERAGE of its hours; one
 * with fewer is not counted and is reported as incomplete (a missing afternoon would hide a hot day).
 */

export const SUMMER_DAY_MAX_C = 25;
export const HOT_DAY_MAX_C = 30;
/** share of a day's (or night's) hours that must hold at least one reading */
export const MIN_COVERAGE = 0.8;

const HOUR_MS = 3_600_000;

/** A reading (minC = maxC) or an hourly rollup bucket (its min and max) of air temperature. */
export interface AirTempSample {
  /** the reading's time, or the start of its bucket (≤ 1 h long), epoch ms */
  t: number;
  minC: number;
  maxC: number;
}

export interface ClimateIndicators {
  summerDays: number;
  hotDays: number;
  tropicalNights: number;
  /** days and nights with enough readings to be judged */
  completeDays: number;
  completeNights: number;
  /** Bochum dates (YYYY-MM-DD) with some readings but too few; nights named by their evening */
  incompleteDays: string[];
  incompleteNights: string[];
}

interface Window {
  hours: Set<number>;
  minC: number;
  maxC: number;
}

function addTo(windows: Map<string, Window>, key: string, hour: number, s: AirTempSample): void {
  const w = windows.get(key);
  if (!w) windows.set(key, { hours: new Set([hour]), minC: s.minC, maxC: s.maxC });
  else {
    w.hours.add(hour);
    if (s.minC < w.minC) w.minC = s.minC;
    if (s.maxC > w.maxC) w.maxC = s.maxC;
  }
}

/** Hours in a Bochum calendar day: 24, or 23 / 25 on the DST switch days. */
export function hoursInBochumDay(dayKey: string): number {
  const noon = Date.parse(`${dayKey}T12:00:00Z`);
  return Math.round((startOfBochumDay(noon + 86_400_000) - startOfBochumDay(noon)) / HOUR_MS);
}

/** Hours in the night 18:00–08:00 that starts on the evening of `eveningKey`: 14, or 13 / 15 over a DST switch. */
export function hoursInNight(eveningKey: string): number {
  const evening = Date.parse(`${eveningKey}T12:00:00Z`);
  const morning = evening + 86_400_000;
  return 14 - (bochumOffsetMinutes(morning) - bochumOffsetMinutes(evening)) / 60;
}

/**
 * Counts the indicators of one station's series. Samples may come in any order; non-finite ones are
 * skipped. Only days and nights that hold some sample appear (as counted or incomplete), so a period
 * edge that cuts a day in two reports that day as incomplete rather than judging half of it.
 */
export function climateIndicators(samples: Iterable<AirTempSample>): ClimateIndicators {
  const days = new Map<string, Window>();
  const nights = new Map<string, Window>();
  for (const s of samples) {
    if (!Number.isFinite(s.t) || !Number.isFinite(s.minC) || !Number.isFinite(s.maxC)) continue;
    // Bochum's offset is whole hours, so a UTC hour is one local hour, in one day and one night.
    const hour = Math.floor(s.t / HOUR_MS);
    addTo(days, bochumDayKey(s.t), hour, s);
    const night = nightOf(s.t);
    if (night !== null) addTo(nights, night, hour, s);
  }
  const out: ClimateIndicators = { summerDays: 0, hotDays: 0, tropicalNights: 0, completeDays: 0, completeNights: 0, incompleteDays: [], incompleteNights: [] };
  for (const [key, w] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
    if (w.hours.size < MIN_COVERAGE * hoursInBochumDay(key)) {
      out.incompleteDays.push(key);
      continue;
    }
    out.completeDays += 1;
    if (w.maxC >= SUMMER_DAY_MAX_C) out.summerDays += 1;
    if (w.maxC >= HOT_DAY_MAX_C) out.hotDays += 1;
  }
  for (const [key, w] of [...nights].sort(([a], [b]) => a.localeCompare(b))) {
    if (w.hours.size < MIN_COVERAGE * hoursInNight(key)) {
      out.incompleteNights.push(key);
      continue;
    }
    out.completeNights += 1;
    if (isTropicalNight(w.minC)) out.tropicalNights += 1;
  }
  return out;
}

/**
 * A district's figure from its stations' counts: the mean over the stations that judged at least one
 * day (rounded to 0.1), as planners compare districts by their typical station, not by the hottest one.
 * Null when no station in the district has a complete day.
 */
export function districtMean(stations: ReadonlyArray<ClimateIndicators>): { summerDays: number; hotDays: number; tropicalNights: number; stations: number } | null {
  const judged = stations.filter((s) => s.completeDays > 0 || s.completeNights > 0);
  if (judged.length === 0) return null;
  const mean = (f: (s: ClimateIndicators) => number) => Math.round((judged.reduce((a, s) => a + f(s), 0) / judged.length) * 10) / 10;
  return { summerDays: mean((s) => s.summerDays), hotDays: mean((s) => s.hotDays), tropicalNights: mean((s) => s.tropicalNights), stations: judged.length };
}
