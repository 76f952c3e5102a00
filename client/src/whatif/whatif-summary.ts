import type { PlanResult } from '../../../common/models/heat-plan.js';
import { placesLeaving, VERY_STRONG_HEAT_STRESS_C } from '../../../common/models/heat-plan.js';
import { STRONG_HEAT_STRESS_C, type Place, type PlaceType } from '../../../common/places.js';

export interface PlanSummary {
  /** districts the plan touches, most changed first */
  districts: PlanResult['districts'];
  /** places leaving strong (≥ 32) and very strong (≥ 38 °C) heat stress, by type */
  leavingStrong: Record<PlaceType, number>;
  leavingVeryStrong: Record<PlaceType, number>;
  /** places the plan cools at all */
  placesCooled: number;
  strongestK: number;
}

function countByType(ids: ReadonlyArray<string>, byId: ReadonlyMap<string, Place>): Record<PlaceType, number> {
  const out: Record<PlaceType, number> = { kita: 0, school: 0, playground: 0 };
  for (const id of ids) {
    const p = byId.get(id);
    if (p) out[p.type] += 1;
  }
  return out;
}

/** What the panel says about a plan's result: the districts it touches and the places that leave a category. */
export function summarisePlan(result: PlanResult, byId: ReadonlyMap<string, Place>): PlanSummary {
  return {
    districts: result.districts.filter((d) => d.affectedM2 > 0).sort((a, b) => a.meanAfter - a.meanBefore - (b.meanAfter - b.meanBefore)),
    leavingStrong: countByType(placesLeaving(result.places, STRONG_HEAT_STRESS_C).map((p) => p.id), byId),
    leavingVeryStrong: countByType(placesLeaving(result.places, VERY_STRONG_HEAT_STRESS_C).map((p) => p.id), byId),
    placesCooled: result.places.filter((p) => p.after < p.before).length,
    strongestK: result.strongestK,
  };
}
