import type { LonLat } from '../geo.js';
import type { Measure } from '../measures.js';
import { STRONG_HEAT_STRESS_C } from '../places.js';
import { evaluatePlan, type DistrictChange, type PlanFrame, type StationClimate } from './heat-plan.js';
import { utciAtPlaces } from './place-exposure.js';
import { dayOfYearUtc, sunPosition } from './solar.js';

/**
 * A plan over a whole replayed day: the plan applied at every stored quarter-hour (the stations'
 * bucket means), and per place the hours under strong heat stress (UTCI ≥ 32 °C) without and with it.
 * Shade follows the sun, so a Kita the plan shades at 15:00 may be in the sun at 11:00: a place counts
 * as affected when the plan changes its UTCI at any of the instants. Per district the plan touches,
 * the day's mean and max UTCI and its hours of strong heat stress (districtDay below).
 */

/** One bucket of the day: its start and the stations' means in it. */
export interface DayFrame {
  t: number;
  stations: ReadonlyArray<StationClimate>;
}

/** A place's value in one bucket without and with the plan, and how many hours of the span the bucket stands for. */
export interface PlaceStep {
  hours: number;
  values: ReadonlyMap<string, { before: number; after: number }>;
}

export interface PlaceHours {
  id: string;
  hoursBefore: number;
  hoursAfter: number;
}

/**
 * A district over the day, without and with the plan. `hoursStrong` is the district's area-mean of the
 * hours at UTCI ≥ 32 °C: Σ over the steps of (area share ≥ 32 °C × the step's hours). It is what an
 * average spot of the district spends under strong heat stress that day, in the same unit as the Kitas'
 * and schools' hours beside it, so a planner reads both alike. (An area share averaged over the daytime
 * would need a choice of "daytime" and reads as a percentage of a percentage; area-hours in m²·h are
 * an unfamiliar unit.)
 */
export interface DistrictDay {
  district: string;
  /** time-weighted mean over the steps of the district's mean UTCI, °C */
  meanBefore: number;
  meanAfter: number;
  /** the hottest point of the district at any step, °C */
  maxBefore: number;
  maxAfter: number;
  hoursStrongBefore: number;
  hoursStrongAfter: number;
}

/** One evaluated step for the district figures: its hours and evaluatePlan's district rows then. */
export interface DistrictStep {
  hours: number;
  districts: ReadonlyArray<DistrictChange>;
}

export interface PlanDay {
  from: number;
  to: number;
  /** buckets with stations in [from, to) */
  steps: number;
  /** the places the plan changes at some instant, with their hours under strong heat stress */
  places: PlaceHours[];
  /** the districts the plan changes some area of at some step (affectedM2 > 0), over the day */
  districts: DistrictDay[];
}

/**
 * The day's figures of every district the plan touches at some step, from the steps' district rows;
 * means weighted by each step's hours (a part-bucket at the span's edge counts its part).
 */
export function districtDay(steps: ReadonlyArray<DistrictStep>): DistrictDay[] {
  const touched = new Set(steps.flatMap((s) => s.districts.filter((d) => d.affectedM2 > 0).map((d) => d.district)));
  const acc = new Map<string, DistrictDay & { hours: number }>();
  for (const step of steps) {
    for (const d of step.districts) {
      if (!touched.has(d.district)) continue;
      let a = acc.get(d.district);
      if (!a) acc.set(d.district, (a = { district: d.district, meanBefore: 0, meanAfter: 0, maxBefore: -Infinity, maxAfter: -Infinity, hoursStrongBefore: 0, hoursStrongAfter: 0, hours: 0 }));
      a.hours += step.hours;
      a.meanBefore += d.meanBefore * step.hours;
      a.meanAfter += d.meanAfter * step.hours;
      a.maxBefore = Math.max(a.maxBefore, d.maxBefore);
      a.maxAfter = Math.max(a.maxAfter, d.maxAfter);
      a.hoursStrongBefore += d.shareStrongBefore * step.hours;
      a.hoursStrongAfter += d.shareStrongAfter * step.hours;
    }
  }
  return [...acc.values()].map(({ hours, ...d }) => ({ ...d, meanBefore: d.meanBefore / hours, meanAfter: d.meanAfter / hours }));
}

/** Hours at UTCI ≥ `thresholdC` per place, without and with the plan, summed over the steps. */
export function hoursUnderHeat(steps: ReadonlyArray<PlaceStep>, thresholdC = STRONG_HEAT_STRESS_C): PlaceHours[] {
  const out = new Map<string, PlaceHours>();
  for (const step of steps) {
    for (const [id, v] of step.values) {
      let h = out.get(id);
      if (!h) out.set(id, (h = { id, hoursBefore: 0, hoursAfter: 0 }));
      if (v.before >= thresholdC) h.hoursBefore += step.hours;
      if (v.after >= thresholdC) h.hoursAfter += step.hours;
    }
  }
  return [...out.values()];
}

/**
 * The plan at each frame in [from, to) (each frame stands for [t, t + stepMs), counted with the part
 * inside the span, as the places' exposure counts it); `sunAt` is where the sun is seen from the city.
 */
export function evaluatePlanDay(
  frame: PlanFrame,
  frames: ReadonlyArray<DayFrame>,
  plan: ReadonlyArray<Measure>,
  opts: { stepMs: number; from: number; to: number; centre: LonLat },
): PlanDay {
  const evaluated: Array<{ hours: number; stations: ReadonlyArray<StationClimate>; changed: Map<string, { before: number; after: number }>; districts: ReadonlyArray<DistrictChange> }> = [];
  const affected = new Set<string>();
  for (const f of frames) {
    const overlapMs = Math.min(f.t + opts.stepMs, opts.to) - Math.max(f.t, opts.from);
    if (overlapMs <= 0 || f.stations.length === 0) continue;
    // the sun in the middle of the bucket: the means stand for the whole quarter-hour
    const mid = f.t + opts.stepMs / 2;
    const result = plan.length === 0 ? null : evaluatePlan(frame, f.stations, plan, sunPosition(mid, opts.centre[1], opts.centre[0]), dayOfYearUtc(mid));
    const changed = new Map((result?.places ?? []).map((p) => [p.id, { before: p.before, after: p.after }]));
    for (const id of changed.keys()) affected.add(id);
    evaluated.push({ hours: overlapMs / 3_600_000, stations: f.stations, changed, districts: result?.districts ?? [] });
  }
  const places = frame.places.filter((p) => affected.has(p.id));
  const steps: PlaceStep[] = evaluated.map((e) => {
    const surface = utciAtPlaces(
      e.stations.map((s) => ({ lon: s.lon, lat: s.lat, value: s.utciC })),
      places.filter((p) => !e.changed.has(p.id)),
      frame.proj.refLat,
    );
    const values = new Map(e.changed);
    for (const [id, v] of surface) values.set(id, { before: v, after: v });
    return { hours: e.hours, values };
  });
  return { from: opts.from, to: opts.to, steps: evaluated.length, places: hoursUnderHeat(steps), districts: districtDay(evaluated) };
}
