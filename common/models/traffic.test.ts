import { describe, expect, it } from 'vitest';
import { bprTravelTime, isCongested, levelOfService, trafficFigures } from './traffic.js';

describe('BPR link travel time, t = t0 · (1 + 0.15 (v/c)^4)', () => {
  it.each([
    [0, 1],
    [0.5, 1.009375],
    [1.0, 1.15],
    [1.2, 1.31104],
    [2.0, 3.4],
  ])('v/c %d gives %d · t0', (vc, factor) => {
    expect(bprTravelTime(60, vc * 1800, 1800)).toBeCloseTo(60 * factor, 9);
  });

  it('refuses a link without capacity', () => {
    expect(() => bprTravelTime(60, 100, 0)).toThrow(RangeError);
  });
});

describe('level of service from the speed ratio (HCM urban streets)', () => {
  it.each([
    [1.0, 'A'],
    [0.851, 'A'],
    [0.85, 'B'],
    [0.671, 'B'],
    [0.67, 'C'],
    [0.501, 'C'],
    [0.5, 'D'],
    [0.401, 'D'],
    [0.4, 'E'],
    [0.301, 'E'],
    [0.3, 'F'],
    [0, 'F'],
  ])('%d → %s', (ratio, los) => {
    expect(levelOfService(ratio)).toBe(los);
  });

  it.each([
    ['A', false],
    ['D', false],
    ['E', true],
    ['F', true],
  ] as const)('LOS %s congested: %s', (los, congested) => {
    expect(isCongested(los)).toBe(congested);
  });
});

describe('traffic figures of one detector reading', () => {
  const link = { capacityVehH: 1800, freeFlowKmh: 50 };
  it.each([
    // flow, speed → speed ratio, LOS, v/c, travel time index
    [900, 50, 1, 'A', 0.5, 1],
    [1800, 25, 0.5, 'D', 1, 2],
    [1200, 10, 0.2, 'F', 2 / 3, 5],
  ] as const)('flow %d at %d km/h', (flowVehH, speedKmh, ratio, los, vc, tti) => {
    const f = trafficFigures({ flowVehH, speedKmh }, link);
    expect(f.speedRatio).toBeCloseTo(ratio, 9);
    expect(f.los).toBe(los);
    expect(f.volumeCapacityRatio).toBeCloseTo(vc, 9);
    expect(f.travelTimeIndex).toBeCloseTo(tti, 9);
  });

  it('caps the travel time index of a standing queue', () => {
    expect(trafficFigures({ flowVehH: 0, speedKmh: 0 }, link).travelTimeIndex).toBe(10);
  });
});
