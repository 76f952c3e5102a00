import { describe, expect, it } from 'vitest';
import { aggregateDistrictHeat, type GridCell } from './district-heat.js';

/** Two 10 × 10 km districts side by side on a 1 km grid: "west" (x 0…10) and "east" (x 10…20). */
const cells: GridCell[] = [];
for (let x = 0.5; x < 20; x += 1) for (let y = 0.5; y < 10; y += 1) cells.push({ districtId: x < 10 ? 'west' : 'east', x, y });

describe('district heat aggregation', () => {
  it('gives a uniform field back unchanged', () => {
    const result = aggregateDistrictHeat(cells, [
      { x: 5, y: 5, value: 30 },
      { x: 15, y: 5, value: 30 },
    ]);
    for (const d of result) {
      expect(d.meanUtciC).toBeCloseTo(30, 9);
      expect(d.maxUtciC).toBeCloseTo(30, 9);
      expect(d.shareStrongOrWorse).toBe(0);
    }
  });

  it('splits a two-station field along the midline: known shares and means', () => {
    // Stations symmetric about x = 10: every cell is closer to the station of its own district,
    // so the IDW value lies between 30 and 34 and is ≥ 32 exactly in the east district.
    const result = Object.fromEntries(
      aggregateDistrictHeat(cells, [
        { x: 5, y: 5, value: 30 },
        { x: 15, y: 5, value: 34 },
      ]).map((d) => [d.districtId, d]),
    );
    expect(result.east.shareStrongOrWorse).toBe(1);
    expect(result.west.shareStrongOrWorse).toBe(0);
    // mirror symmetry: the two means are equally far from 32
    expect(result.east.meanUtciC - 32).toBeCloseTo(32 - result.west.meanUtciC, 9);
    expect(result.east.maxUtciC).toBeLessThanOrEqual(34);
    expect(result.east.maxUtciC).toBeGreaterThan(33.5);
  });

  it('counts the share of area above 32 °C on a gradient', () => {
    // One station per column at the column centre: the field equals x-dependent values exactly at
    // the stations; with stations on every cell the IDW reproduces them, so shares are countable.
    const stations = cells.map((c) => ({ x: c.x, y: c.y, value: 25 + c.x / 2 }));
    const result = Object.fromEntries(aggregateDistrictHeat(cells, stations).map((d) => [d.districtId, d]));
    // east: x = 10.5 … 19.5 → 30.25 … 34.75; ≥ 32 for x ≥ 14: x = 14.5 … 19.5 → 6 of 10 columns
    expect(result.east.shareStrongOrWorse).toBeCloseTo(0.6, 9);
    expect(result.east.meanUtciC).toBeCloseTo(32.5, 9);
    expect(result.west.shareStrongOrWorse).toBe(0);
  });

  it('returns nothing without stations', () => {
    expect(aggregateDistrictHeat(cells, [])).toEqual([]);
  });
});

describe('district shares at several thresholds', () => {
  // one station per 1 km column, value rising 1 K per column from 20 °C (x = 0.5) to 39 °C (x = 19.5)
  const gradient = Array.from({ length: 20 }, (_, i) => ({ x: i + 0.5, y: 5, value: 20 + i }));
  const stationsEverywhere = cells.map((c) => ({ x: c.x, y: c.y, value: gradient[Math.floor(c.x)].value }));

  it.each([
    // west holds 20…29 °C, east 30…39 °C
    ['west', 4 / 10, 0, 0],
    ['east', 1, 8 / 10, 2 / 10],
  ])('%s: shares at ≥ 26, ≥ 32 and ≥ 38 °C', (district, moderate, strong, veryStrong) => {
    const d = aggregateDistrictHeat(cells, stationsEverywhere).find((x) => x.districtId === district)!;
    expect(d.shareModerateOrWorse).toBeCloseTo(moderate, 12);
    expect(d.shareStrongOrWorse).toBeCloseTo(strong, 12);
    expect(d.shareVeryStrongOrWorse).toBeCloseTo(veryStrong, 12);
  });

  it('tells two districts apart on a uniformly hot afternoon, where the 32 °C share cannot', () => {
    const hot = cells.map((c) => ({ x: c.x, y: c.y, value: c.x < 10 ? 36 : 41 }));
    const [west, east] = ['west', 'east'].map((id) => aggregateDistrictHeat(cells, hot).find((x) => x.districtId === id)!);
    expect(west.shareStrongOrWorse).toBe(east.shareStrongOrWorse);
    expect(west.shareVeryStrongOrWorse).toBe(0);
    expect(east.shareVeryStrongOrWorse).toBe(1);
  });
});
