import type { Place, PlaceType } from '../places.js';
import type { PlanResult } from './heat-plan.js';
import type { PlanDay } from './plan-day.js';

/**
 * The table "what the plan changes" of the compare view (plan against today): per district the plan
 * touches, mean and max UTCI and the area share at ≥ 32 °C at the displayed instant, and over the
 * replayed day the mean and max UTCI and the area-mean hours at ≥ 32 °C (plan-day.ts districtDay);
 * per Kita and school it affects, the UTCI at the displayed instant and the hours under strong heat
 * stress over the day. Pure, so the
 * figures are tested by hand (plan-compare.test.ts); the view only formats them.
 */

export interface BeforeAfter {
  before: number;
  after: number;
}

export interface DistrictRow {
  district: string;
  mean: BeforeAfter;
  max: BeforeAfter;
  /** area share at UTCI ≥ 32 °C, 0 … 1 */
  shareStrong: BeforeAfter;
  /** area the plan changes in the district at the displayed instant, m² (0 when it acts there only at other times of the day) */
  affectedM2: number;
  /** over the replayed day; null without a day evaluation or when the plan touches the district only now (a day without stored hours) */
  day: DistrictDayRow | null;
}

export interface DistrictDayRow {
  /** time-weighted mean of the district's mean UTCI over the day */
  mean: BeforeAfter;
  max: BeforeAfter;
  /** the district's area-mean hours at UTCI ≥ 32 °C that day */
  hoursStrong: BeforeAfter;
}

export interface PlaceRow {
  id: string;
  name: string;
  type: PlaceType;
  district: string;
  /** UTCI at the displayed instant; null when the plan does not change it then (the shade has moved on) */
  now: BeforeAfter | null;
  /** hours at UTCI ≥ 32 °C over the day; null without a day evaluation */
  hours: BeforeAfter | null;
}

export interface PlanComparison {
  districts: DistrictRow[];
  places: PlaceRow[];
  /** the span the hours cover, and how many stored quarter-hours it had */
  day: { from: number; to: number; steps: number } | null;
}

/** Kitas and schools: the places the table asks for (playgrounds are in the panel's summary). */
const TABLE_TYPES: ReadonlyArray<PlaceType> = ['kita', 'school'];

export function comparePlan(result: PlanResult, places: ReadonlyArray<Place>, day: PlanDay | null): PlanComparison {
  const dayOf = new Map(
    (day?.districts ?? []).map((d): [string, DistrictDayRow] => [
      d.district,
      { mean: { before: d.meanBefore, after: d.meanAfter }, max: { before: d.maxBefore, after: d.maxAfter }, hoursStrong: { before: d.hoursStrongBefore, after: d.hoursStrongAfter } },
    ]),
  );
  // a district the plan touches now or at some other time of the day (shade moves with the sun)
  const districts: DistrictRow[] = result.districts
    .filter((d) => d.affectedM2 > 0 || dayOf.has(d.district))
    .map((d) => ({
      district: d.district,
      mean: { before: d.meanBefore, after: d.meanAfter },
      max: { before: d.maxBefore, after: d.maxAfter },
      shareStrong: { before: d.shareStrongBefore, after: d.shareStrongAfter },
      affectedM2: d.affectedM2,
      day: dayOf.get(d.district) ?? null,
    }));
  // most cooled now first, then most cooled over the day, then by name
  const dMean = (v: BeforeAfter | undefined) => (v ? v.after - v.before : 0);
  districts.sort((a, b) => dMean(a.mean) - dMean(b.mean) || dMean(a.day?.mean) - dMean(b.day?.mean) || a.district.localeCompare(b.district, 'de'));

  const now = new Map(result.places.map((p) => [p.id, { before: p.before, after: p.after }]));
  const hours = new Map((day?.places ?? []).map((p) => [p.id, { before: p.hoursBefore, after: p.hoursAfter }]));
  const rows: PlaceRow[] = [];
  for (const p of places) {
    if (!TABLE_TYPES.includes(p.type) || (!now.has(p.id) && !hours.has(p.id))) continue;
    rows.push({ id: p.id, name: p.name, type: p.type, district: p.district, now: now.get(p.id) ?? null, hours: day ? (hours.get(p.id) ?? null) : null });
  }
  // most hours of heat stress saved first, then the largest cooling now, then by name
  const saved = (r: PlaceRow) => (r.hours ? r.hours.before - r.hours.after : 0);
  const cooled = (r: PlaceRow) => (r.now ? r.now.before - r.now.after : 0);
  rows.sort((a, b) => saved(b) - saved(a) || cooled(b) - cooled(a) || a.name.localeCompare(b.name, 'de'));
  return { districts, places: rows, day: day ? { from: day.from, to: day.to, steps: day.steps } : null };
}
