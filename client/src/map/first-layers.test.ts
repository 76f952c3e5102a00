import { describe, expect, it } from 'vitest';
import { FIRST_DATA_WAIT_MS, holdFirstLayers } from './first-layers.js';

describe('holdFirstLayers', () => {
  it.each([
    { built: false, hasData: false, waitedMs: 0, hold: true },
    { built: false, hasData: false, waitedMs: FIRST_DATA_WAIT_MS - 1, hold: true },
    // a server without data (a feed down) still gets its map drawn
    { built: false, hasData: false, waitedMs: FIRST_DATA_WAIT_MS, hold: false },
    { built: false, hasData: true, waitedMs: 10, hold: false },
    // once drawn, losing the data (a scenario switch) never hides the map again
    { built: true, hasData: false, waitedMs: 10, hold: false },
  ])('built $built, data $hasData, waited $waitedMs ms: hold $hold', ({ hold, ...o }) => {
    expect(holdFirstLayers(o)).toBe(hold);
  });
});
