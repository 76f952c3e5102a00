/**
 * How long the heat what-if takes (common/models/heat-plan.ts): a plan applied to the heat surface and
 * the district and place figures recomputed, against the replayed heatwave of 13 Aug 2024 (the
 * stations as the server derives them). Goal (issue 11): one instant with 500 trees in ≤ 50 ms, so
 * dragging a measure updates live. Also a whole day (96 quarter-hours) and the planting register.
 * Prints JSON. `npx tsx bench/heat-plan.bench.ts`
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { offsetLonLat } from '../common/geo.js';
import type { Measure } from '../common/measures.js';
import { evaluatePlan } from '../common/models/heat-plan.js';
import { evaluatePlanDay, type PlanDay } from '../common/models/plan-day.js';
import { dayOfYearUtc, sunPosition } from '../common/models/solar.js';
import { DATA_DIR } from '../server/paths.js';
import { plantingMeasures, type Planting } from '../client/src/whatif/plantings.js';
import { cityPlanFrame, heatwaveStations } from '../tests/helpers/heatwave-plan.js';
import { median } from './median.js';

const RUNS = 30;
const frame = cityPlanFrame();
const AFTERNOON = Date.parse('2024-08-13T15:00:00+02:00');
const DAY = Date.parse('2024-08-13T00:00:00+02:00');

/** 25 streets of 20 trees (8 m crowns, 10 m apart) across the city centre: 500 trees. */
const fiveHundred: Measure[] = Array.from({ length: 25 }, (_, i) => {
  const start = offsetLonLat([7.205, 51.472], (i % 5) * 450, Math.floor(i / 5) * 400);
  return { type: 'trees', id: `s${i}`, line: [start, offsetLonLat(start, 190, 20)], count: 20, crownDiameterM: 8 };
});
const register = plantingMeasures(
  (JSON.parse(readFileSync(path.join(DATA_DIR, 'city/plantings.geojson'), 'utf8')) as { features: Array<{ geometry: { coordinates: [number, number] }; properties: Planting['properties'] }> }).features.map((f) => ({ at: f.geometry.coordinates, properties: f.properties })),
  8,
);

function instant(plan: Measure[], at: number) {
  const stations = heatwaveStations(at);
  const sun = sunPosition(at, frame.proj.refLat, 7.22);
  const times: number[] = [];
  let result = evaluatePlan(frame, stations, plan, sun, dayOfYearUtc(at));
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = evaluatePlan(frame, stations, plan, sun, dayOfYearUtc(at));
    times.push(performance.now() - t0);
  }
  return { times, result };
}

const trees = (plan: Measure[]) => plan.reduce((n, m) => n + (m.type === 'trees' ? m.count : 0), 0);
const one = instant(fiveHundred, AFTERNOON);
const reg = instant(register, AFTERNOON);
// the whole day as the compare view evaluates it (common/models/plan-day.ts): 96 quarter-hours, hours ≥ 32 °C per affected place
// and the day's district figures
const QUARTER = 15 * 60_000;
const dayFrames = Array.from({ length: 96 }, (_, q) => ({ t: DAY + q * QUARTER, stations: heatwaveStations(DAY + q * QUARTER + QUARTER / 2) }));
const dayTimes: number[] = [];
let day: PlanDay | null = null;
for (let run = 0; run < 5; run++) {
  const t0 = performance.now();
  day = evaluatePlanDay(frame, dayFrames, fiveHundred, { stepMs: QUARTER, from: DAY, to: DAY + 96 * QUARTER, centre: [7.22, frame.proj.refLat] });
  dayTimes.push(performance.now() - t0);
}
const kitasAndSchools = new Set(frame.places.filter((p) => p.type !== 'playground').map((p) => p.id));
const dayPlaces = day!.places.filter((p) => kitasAndSchools.has(p.id));
const mitteDay = day!.districts.find((d) => d.district === 'Mitte') ?? null;
const mitte = (r: typeof one.result) => r.districts.find((d) => d.district === 'Mitte')!;
console.log(
  JSON.stringify(
    {
      bench: 'heat-plan',
      at: '2024-08-13T15:00+02:00 (heatwave replay)',
      instant500Trees: { trees: trees(fiveHundred), runs: RUNS, medianMs: +median(one.times).toFixed(2), maxMs: +Math.max(...one.times).toFixed(2), cells: one.result.cells.length, goalMs: 50 },
      wholeDay500Trees: {
        instants: 96,
        runs: 5,
        medianMs: +median(dayTimes).toFixed(1),
        perInstantMs: +(median(dayTimes) / 96).toFixed(2),
        kitasAndSchoolsReached: dayPlaces.length,
        hoursAtOrAbove32Before: +dayPlaces.reduce((a, p) => a + p.hoursBefore, 0).toFixed(2),
        hoursAtOrAbove32After: +dayPlaces.reduce((a, p) => a + p.hoursAfter, 0).toFixed(2),
        // the districts' day figures (plan-day.ts districtDay), computed in the same pass
        districtsTouched: day!.districts.length,
        mitteDay: mitteDay && {
          meanBefore: +mitteDay.meanBefore.toFixed(3),
          meanChangeK: +(mitteDay.meanAfter - mitteDay.meanBefore).toFixed(5),
          maxBefore: +mitteDay.maxBefore.toFixed(2),
          maxChangeK: +(mitteDay.maxAfter - mitteDay.maxBefore).toFixed(3),
          areaMeanHoursAtOrAbove32Before: +mitteDay.hoursStrongBefore.toFixed(3),
          areaMeanMinutesSaved: +((mitteDay.hoursStrongBefore - mitteDay.hoursStrongAfter) * 60).toFixed(3),
        },
      },
      plantingRegister: { trees: trees(register), medianMs: +median(reg.times).toFixed(2), cells: reg.result.cells.length },
      figures500Trees: { mitteMeanChangeK: +(mitte(one.result).meanAfter - mitte(one.result).meanBefore).toFixed(4), strongestK: +one.result.strongestK.toFixed(2), placesChanged: one.result.places.length },
    },
    null,
    1,
  ),
);
