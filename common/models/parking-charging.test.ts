import { describe, expect, it } from 'vitest';
import { occupancyPct } from './parking.js';
import { availableShare, countStatuses } from './charging.js';

describe('car park occupancy', () => {
  it.each([
    [475, 475, 0],
    [0, 475, 100],
    [95, 475, 80],
    [500, 475, 0],
  ])('%d free of %d → %d %', (free, capacity, pct) => {
    expect(occupancyPct(free, capacity)).toBeCloseTo(pct, 9);
  });
});

describe('charge point status counts', () => {
  it('counts every status and the free share', () => {
    const counts = countStatuses([
      { status: 'available' },
      { status: 'charging' },
      { status: 'charging' },
      { status: 'out_of_order' },
    ]);
    expect(counts).toEqual({ available: 1, charging: 2, reserved: 0, blocked: 0, out_of_order: 1, unknown: 0 });
    expect(availableShare(counts)).toBe(0.25);
    expect(availableShare(countStatuses([]))).toBe(0);
  });
});
