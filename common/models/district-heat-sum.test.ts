import { describe, expect, it } from 'vitest';
import { seededRandom } from '../seeded-random.js';
import { aggregateDistrictHeat, DistrictHeatSum, type GridCell } from './district-heat.js';
import type { Sample } from './idw.js';

/** Cells over a 20 × 14 km city in three districts (bands), stations measuring a warm centre with noise. */
function city(stations: number, seed: number): { cells: GridCell[]; samples: Sample[] } {
  const r = seededRandom(seed);
  const cells: GridCell[] = [];
  for (let x = 0.25; x < 20; x += 0.5) for (let y = 0.25; y < 14; y += 0.5) cells.push({ districtId: x < 7 ? 'west' : x < 13 ? 'mitte' : 'ost', x, y });
  const samples = Array.from({ length: stations }, () => {
    const x = r() * 20;
    const y = r() * 14;
    return { x, y, value: 24 + 12 * Math.exp(-((x - 10) ** 2 + (y - 7) ** 2) / 18) + (r() - 0.5) * 3 };
  });
  return { cells, samples };
}

describe('DistrictHeatSum: the district figures a few cells at a time', () => {
  it.each([
    // stations (full IDW up to 32, nearest 32 beyond), cells per step
    [0, 7],
    [5, 1],
    [5, 100],
    [40, 1],
    [40, 64],
    [600, 7],
    [600, 333],
    [600, 1_000_000],
  ])('%d stations in steps of %d cells: the whole computation’s figures, to the last bit', (stations, step, seed = stations + step) => {
    const { cells, samples } = city(stations, seed);
    const whole = aggregateDistrictHeat(cells, samples);
    const sum = new DistrictHeatSum(cells, samples);
    let steps = 0;
    while (!sum.done) {
      sum.add(step);
      steps += 1;
    }
    expect(sum.result()).toEqual(whole);
    expect(steps).toBe(stations === 0 ? 0 : Math.ceil(cells.length / step));
    if (stations > 0) expect(whole.map((d) => d.districtId)).toEqual(['west', 'mitte', 'ost']);
  });

  it('is not done until every cell is summed, and gives only the districts reached so far', () => {
    const { cells, samples } = city(50, 3);
    const sum = new DistrictHeatSum(cells, samples);
    sum.add(10);
    expect(sum.done).toBe(false);
    expect(sum.result().map((d) => d.districtId)).toEqual(['west']);
    sum.add(cells.length);
    expect(sum.done).toBe(true);
  });
});
