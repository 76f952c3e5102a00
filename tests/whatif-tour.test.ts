import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluatePlan } from '../common/models/heat-plan.js';
import { dayOfYearUtc, sunPosition } from '../common/models/solar.js';
import { tourSchema } from '../common/tour.js';
import { SCENARIO_DIR } from '../server/paths.js';
import { cityPlanFrame, heatwaveStations } from './helpers/heatwave-plan.js';

/**
 * The Smart CityCON tour's what-if chapter quotes the model: its caption's figures are what the
 * plan it shows does to the replayed heatwave at the step's start (so a change of the model or the
 * data that moves them fails here, not silently on the stand).
 */
describe("the tour's what-if chapter", () => {
  const tour = tourSchema.parse(JSON.parse(readFileSync(path.join(SCENARIO_DIR, 'tours', 'smart-citycon.json'), 'utf8')));
  const [step, night] = tour.chapters.flatMap((c) => c.steps).filter((s) => s.whatif);
  const frame = cityPlanFrame();
  const evaluate = (s: typeof step) => {
    const at = Date.parse(s.window.from);
    return evaluatePlan(frame, heatwaveStations(at), s.whatif!.plan, sunPosition(at, frame.proj.refLat, 7.22), dayOfYearUtc(at));
  };

  it('says what the model measures for its plan at 13 Aug 2024 15:00', () => {
    expect(step, 'a step with a what-if').toBeDefined();
    expect(heatwaveStations(Date.parse(step.window.from)).length).toBeGreaterThanOrEqual(15);
    const result = evaluate(step);
    const k = Math.abs(result.strongestK).toFixed(1);
    expect(step.body.en).toContain(`up to ${k} K`);
    expect(step.body.de).toContain(`bis zu ${k.replace('.', ',')} K`);
    // "barely measurable in the district mean": less than a hundredth of a kelvin
    const mitte = result.districts.find((d) => d.district === 'Mitte')!;
    expect(mitte.affectedM2).toBeGreaterThan(1000);
    expect(Math.abs(mitte.meanAfter - mitte.meanBefore)).toBeLessThan(0.01);
  });

  it('says what the same trees do after sunset: nothing cools, the crowns keep warmth in', () => {
    expect(night.whatif!.plan).toEqual(step.whatif!.plan);
    const changes = evaluate(night).cells.map((c) => c.after - c.before);
    expect(Math.min(...changes)).toBeGreaterThanOrEqual(0);
    const k = Math.max(...changes).toFixed(1);
    expect(night.body.de).toContain(`${k.replace('.', ',')} K wärmer`);
    expect(night.body.en).toContain(`${k} K warmer`);
  });
});
