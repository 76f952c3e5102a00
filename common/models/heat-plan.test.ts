import { describe, expect, it } from 'vitest';
import { offsetLonLat } from '../geo.js';
import { planFromGeoJson, planFromUrl, planToGeoJson, planToUrl, treePositions, type Measure } from '../measures.js';
import type { Place } from '../places.js';
import { GREEN_AIR_COOLING_K, pointEffect, SAIL_HEIGHT_M, shadowOffsetM, crownCentreHeightM, type Sun } from './heat-measures.js';
import { evaluatePlan, placesLeaving, planFrame, PLAN_CELL_M, type StationClimate } from './heat-plan.js';
import { dayOfYearUtc, sunPosition } from './solar.js';

const CENTRE: [number, number] = [7.2185, 51.4815];
const AFTERNOON = Date.parse('2024-08-13T15:00:00+02:00');
const NIGHT = Date.parse('2024-08-13T23:30:00+02:00');
const sunAt = (t: number): Sun => sunPosition(t, CENTRE[1], CENTRE[0]);
const DOY = dayOfYearUtc(AFTERNOON);

/** Three stations with the same weather: the surface is flat, so every figure can be checked by hand. */
function stations(t: number, w: { airTempC: number; relHumidityPct: number; wind10mMs: number; solarWm2: number }): StationClimate[] {
  const utciC = pointEffect({ ...w, sunElevationDeg: sunAt(t).elevationDeg, dayOfYear: DOY }, { cover: null, grass: false, dAirK: 0 })!.utciBefore;
  return [[-3000, -2000], [3000, -1500], [0, 3000]].map(([e, n]) => {
    const [lon, lat] = offsetLonLat(CENTRE, e, n);
    return { lon, lat, ...w, utciC };
  });
}
const HOT = { airTempC: 35, relHumidityPct: 30, wind10mMs: 1.5, solarWm2: 750 };
const NIGHT_WEATHER = { airTempC: 24, relHumidityPct: 55, wind10mMs: 1, solarWm2: 0 };

/** A 2 × 2 km district around the centre. */
const square = (half: number): Array<[number, number]> => [offsetLonLat(CENTRE, -half, -half), offsetLonLat(CENTRE, half, -half), offsetLonLat(CENTRE, half, half), offsetLonLat(CENTRE, -half, half)];
const DISTRICT = { name: 'Mitte', rings: [square(1000)] };
const place = (id: string, at: readonly [number, number]): Place => ({ id, name: id, type: 'kita', district: 'Mitte', lon: at[0], lat: at[1] });

describe('a plan applied to the heat surface', () => {
  it('a plan without measures changes nothing', () => {
    const frame = planFrame(CENTRE[1], [DISTRICT], [place('k1', CENTRE)]);
    const r = evaluatePlan(frame, stations(AFTERNOON, HOT), [], sunAt(AFTERNOON), DOY);
    expect(r.cells).toEqual([]);
    expect(r.places).toEqual([]);
    expect(r.districts[0].meanAfter).toBe(r.districts[0].meanBefore);
    expect(r.districts[0].shareStrongAfter).toBe(r.districts[0].shareStrongBefore);
    expect(r.districts[0].maxAfter).toBe(r.districts[0].maxBefore);
  });

  it('a tree: a Kita in its shadow gets the full shade effect, one beside it nothing', () => {
    const sun = sunAt(AFTERNOON);
    const tree: Measure = { type: 'trees', id: 't', line: [CENTRE], count: 1, crownDiameterM: 8 };
    const { dx, dy } = shadowOffsetM(crownCentreHeightM(8), sun);
    const inShadow = offsetLonLat(CENTRE, dx, dy);
    const beside = offsetLonLat(CENTRE, dx + 12, dy);
    const frame = planFrame(CENTRE[1], [DISTRICT], [place('shadow', inShadow), place('beside', beside)]);
    const r = evaluatePlan(frame, stations(AFTERNOON, HOT), [tree], sun, DOY);
    const expected = pointEffect({ ...HOT, sunElevationDeg: sun.elevationDeg, dayOfYear: DOY }, { cover: 'tree', grass: false, dAirK: -0.8 })!.dUtciK;
    expect(r.places.map((p) => p.id)).toEqual(['shadow']);
    // the weather is interpolated per 100 m cell and air cooling rounded to 0.02 K: equal within 0.05 K
    expect(r.places[0].after - r.places[0].before).toBeCloseTo(expected, 1);
    // the crown's shadow (8 m across: 50 m²) covers a few 4 m cells; the district mean moves by that area's share
    const shaded = r.cells.length * PLAN_CELL_M ** 2;
    expect(shaded).toBeGreaterThanOrEqual(32);
    expect(shaded).toBeLessThanOrEqual(80);
    const d = r.districts[0];
    const areaM2 = 2000 * 2000;
    expect(d.meanAfter - d.meanBefore).toBeCloseTo((expected * shaded) / areaM2, 4);
    expect(d.affectedM2).toBe(shaded);
  });

  it('a tree line at night changes almost nothing', () => {
    const line: Measure = { type: 'trees', id: 't', line: [offsetLonLat(CENTRE, -200, 0), offsetLonLat(CENTRE, 200, 0)], count: 40, crownDiameterM: 8 };
    const frame = planFrame(CENTRE[1], [DISTRICT], [place('under', CENTRE)]);
    const r = evaluatePlan(frame, stations(NIGHT, NIGHT_WEATHER), [line], sunAt(NIGHT), DOY);
    expect(Math.abs(r.districts[0].meanAfter - r.districts[0].meanBefore)).toBeLessThan(0.01);
    for (const p of r.places) expect(Math.abs(p.after - p.before)).toBeLessThan(1);
  });

  it('a green area: cooler inside, half at half a park width out, nothing at one width', () => {
    const sun = sunAt(AFTERNOON);
    const park: Measure = { type: 'green', id: 'g', polygon: square(50) };
    const width = 2 * Math.sqrt(100 * 100 / Math.PI); // 112.8 m
    const climate = { ...HOT, sunElevationDeg: sun.elevationDeg, dayOfYear: DOY };
    const places = [
      place('inside', CENTRE),
      place('halfway', offsetLonLat(CENTRE, 50 + width / 2, 0)),
      place('beyond', offsetLonLat(CENTRE, 50 + width + 6, 0)),
    ];
    const r = evaluatePlan(planFrame(CENTRE[1], [DISTRICT], places), stations(AFTERNOON, HOT), [park], sun, DOY);
    const byId = new Map(r.places.map((p) => [p.id, p.after - p.before]));
    expect(byId.get('inside')).toBeCloseTo(pointEffect(climate, { cover: null, grass: true, dAirK: -GREEN_AIR_COOLING_K })!.dUtciK, 1);
    // the cell centre lies within 2 m of the place: the cooling is half within ± 0.02 K
    expect(byId.get('halfway')).toBeCloseTo(pointEffect(climate, { cover: null, grass: false, dAirK: -GREEN_AIR_COOLING_K / 2 })!.dUtciK, 1);
    expect(byId.has('beyond')).toBe(false);
  });

  it('a water feature: full cooling at the water, half 15 m beyond its edge, nothing past 30 m', () => {
    const sun = sunAt(AFTERNOON);
    const climate = { ...HOT, sunElevationDeg: sun.elevationDeg, dayOfYear: DOY };
    const fountain: Measure = { type: 'water', id: 'w', at: CENTRE, radiusM: 6 };
    const places = [place('at', offsetLonLat(CENTRE, 2, 2)), place('half', offsetLonLat(CENTRE, 6 + 15, 0)), place('beyond', offsetLonLat(CENTRE, 6 + 34, 0))];
    const r = evaluatePlan(planFrame(CENTRE[1], [DISTRICT], places), stations(AFTERNOON, HOT), [fountain], sun, DOY);
    const byId = new Map(r.places.map((p) => [p.id, p.after - p.before]));
    expect(byId.get('at')).toBeCloseTo(pointEffect(climate, { cover: null, grass: false, dAirK: -2.5 })!.dUtciK, 1);
    // within a 4 m cell of 15 m out: between 12/30 and 18/30 of the full cooling
    const half = byId.get('half')!;
    expect(half).toBeLessThan(pointEffect(climate, { cover: null, grass: false, dAirK: -2.5 * 0.35 })!.dUtciK);
    expect(half).toBeGreaterThan(pointEffect(climate, { cover: null, grass: false, dAirK: -2.5 * 0.65 })!.dUtciK);
    expect(byId.has('beyond')).toBe(false);
  });

  it('a shade sail: a Kita in its shadow is cooler, one outside it is not', () => {
    const sun = sunAt(AFTERNOON);
    const { dx, dy } = shadowOffsetM(SAIL_HEIGHT_M, sun);
    const sail: Measure = { type: 'shade', id: 's', polygon: square(10) };
    const places = [place('under', offsetLonLat(CENTRE, dx, dy)), place('outside', offsetLonLat(CENTRE, dx + 20, dy))];
    const r = evaluatePlan(planFrame(CENTRE[1], [DISTRICT], places), stations(AFTERNOON, HOT), [sail], sun, DOY);
    const expected = pointEffect({ ...HOT, sunElevationDeg: sun.elevationDeg, dayOfYear: DOY }, { cover: 'sail', grass: false, dAirK: 0 })!.dUtciK;
    expect(r.places.map((p) => p.id)).toEqual(['under']);
    expect(r.places[0].after - r.places[0].before).toBeCloseTo(expected, 1);
  });

  it('area shares at 38 °C fall by the area the plan brings below it', () => {
    const sun = sunAt(AFTERNOON);
    const r = evaluatePlan(planFrame(CENTRE[1], [DISTRICT], []), stations(AFTERNOON, HOT), [{ type: 'shade', id: 's', polygon: square(100) }], sun, DOY);
    const d = r.districts[0];
    expect(d.shareVeryStrongBefore).toBe(1); // UTCI ≈ 41.5 °C everywhere
    const below = r.cells.filter((c) => c.after < 38).length * PLAN_CELL_M ** 2;
    expect(below).toBeGreaterThan(35_000); // the 200 × 200 m sail's shadow, all under 38 °C
    expect(d.shareVeryStrongAfter).toBeCloseTo(1 - below / (2000 * 2000), 6);
  });

  it('the district maximum: unchanged while any of the district stays unshaded, lower when a sail shades all of it', () => {
    const sun = sunAt(AFTERNOON);
    const flat = stations(AFTERNOON, HOT)[0].utciC;
    const sailEffect = pointEffect({ ...HOT, sunElevationDeg: sun.elevationDeg, dayOfYear: DOY }, { cover: 'sail', grass: false, dAirK: 0 })!.dUtciK;
    // the 2 × 2 km district with a 200 m sail: the hottest point is still the flat surface elsewhere
    const partly = evaluatePlan(planFrame(CENTRE[1], [DISTRICT], []), stations(AFTERNOON, HOT), [{ type: 'shade', id: 's', polygon: square(100) }], sun, DOY).districts[0];
    expect(partly.maxBefore).toBeCloseTo(flat, 6);
    expect(partly.maxAfter).toBeCloseTo(flat, 6);
    // a 100 × 100 m district under a 400 m sail (its shadow falls a few metres aside): everywhere cooler by the sail's effect
    const small = { name: 'Hof', rings: [square(50)] };
    const all = evaluatePlan(planFrame(CENTRE[1], [small], []), stations(AFTERNOON, HOT), [{ type: 'shade', id: 's', polygon: square(200) }], sun, DOY).districts[0];
    expect(all.maxBefore).toBeCloseTo(flat, 6);
    expect(all.maxAfter - all.maxBefore).toBeCloseTo(sailEffect, 1);
    expect(sailEffect).toBeLessThan(-5);
  });

  it('Kitas leaving a category are those crossing its bound', () => {
    expect(placesLeaving([{ id: 'a', before: 38.5, after: 37.9 }, { id: 'b', before: 37, after: 36 }, { id: 'c', before: 39, after: 38.2 }], 38).map((p) => p.id)).toEqual(['a']);
  });
});

describe('plans on the wire', () => {
  const plan: Measure[] = [
    { type: 'trees', id: 'm1', line: [[7.2171, 51.4812], [7.2201, 51.4819]], count: 12, crownDiameterM: 8 },
    { type: 'shade', id: 'm2', polygon: [[7.21, 51.48], [7.211, 51.48], [7.211, 51.481]] },
    { type: 'green', id: 'm3', polygon: [[7.22, 51.47], [7.222, 51.47], [7.222, 51.472], [7.22, 51.472]] },
    { type: 'water', id: 'm4', at: [7.215, 51.478], radiusM: 6 },
  ];
  it('round-trips through GeoJSON and the URL', () => {
    expect(planFromGeoJson(JSON.parse(JSON.stringify(planToGeoJson(plan))))).toEqual(plan);
    expect(planFromUrl(planToUrl(plan))).toEqual(plan);
  });
  it('a malformed URL plan is ignored, not thrown', () => {
    expect(planFromUrl('t:abc:8:1,2')).toBeNull();
    expect(planFromUrl('x:1')).toBeNull();
  });
  it('trees stand evenly along the line, the first and last at its ends', () => {
    const pos = treePositions({ type: 'trees', id: 't', line: [[7, 51], [7.01, 51]], count: 11, crownDiameterM: 8 });
    expect(pos).toHaveLength(11);
    expect(pos[0]).toEqual([7, 51]);
    expect(pos[10][0]).toBeCloseTo(7.01, 9);
    expect(pos[5][0]).toBeCloseTo(7.005, 9);
  });
});
