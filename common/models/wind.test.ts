import { describe, expect, it } from 'vitest';
import { BENCH_SENSOR_HEIGHT_M, UTCI_ROUGHNESS_LENGTH_M, kmhToMs, logWindProfileFactor, windAt10mMs } from './wind.js';

describe('kmhToMs', () => {
  it.each([
    [0, 0],
    [3.6, 1],
    [36, 10],
    [100, 27.7778],
  ])('%d km/h → %d m/s', (kmh, ms) => {
    expect(kmhToMs(kmh)).toBeCloseTo(ms, 4);
  });
});

describe('logWindProfileFactor', () => {
  it.each([
    // ln(10/0.01)/ln(1.1/0.01) = 6.90776/4.70048
    [1.1, 10, 0.01, 1.46958],
    // ln(10/0.1)/ln(1.1/0.1) = 4.60517/2.39790
    [1.1, 10, 0.1, 1.92051],
    // ln(10/0.5)/ln(1.1/0.5) = 2.99573/0.78846
    [1.1, 10, 0.5, 3.79949],
    // ln(10/0.03)/ln(2/0.03) = 5.80914/4.19970
    [2, 10, 0.03, 1.38323],
    [10, 10, 0.01, 1],
  ])('%d m → %d m with z0 = %d m: × %d', (from, to, z0, factor) => {
    expect(logWindProfileFactor(from, to, z0)).toBeCloseTo(factor, 4);
  });

  it('going down is the inverse of going up', () => {
    expect(logWindProfileFactor(10, 1.1, 0.01) * logWindProfileFactor(1.1, 10, 0.01)).toBeCloseTo(1, 12);
  });

  it.each([
    ['sensor below the roughness length', 0.4, 10, 0.5],
    ['sensor at the roughness length', 0.5, 10, 0.5],
    ['zero roughness length', 1.1, 10, 0],
    ['negative roughness length', 1.1, 10, -0.1],
    ['NaN height', Number.NaN, 10, 0.01],
  ])('rejects a %s', (_label, from, to, z0) => {
    expect(() => logWindProfileFactor(from, to, z0)).toThrow(RangeError);
  });
});

describe('windAt10mMs', () => {
  it('uses the bench height and the UTCI roughness length by default', () => {
    expect(BENCH_SENSOR_HEIGHT_M).toBe(1.1);
    expect(UTCI_ROUGHNESS_LENGTH_M).toBe(0.01);
  });

  it.each([
    [0, 0],
    [10, 4.08218], // 2.77778 m/s × 1.46958
    [7.2, 2.93917], // 2 m/s at 1.1 m → 2.94 m/s at 10 m, as the utci.org calculator converts
    [36, 14.6958],
  ])('%d km/h at 1.1 m → %d m/s at 10 m', (kmh, ms) => {
    expect(windAt10mMs(kmh)).toBeCloseTo(ms, 4);
  });

  it('takes another sensor height or roughness length', () => {
    expect(windAt10mMs(10, { roughnessLengthM: 0.1 })).toBeCloseTo(5.33474, 4); // 2.77778 × 1.92051
    expect(windAt10mMs(10, { sensorHeightM: 2, roughnessLengthM: 0.03 })).toBeCloseTo(3.84231, 4); // × 1.38323
  });

  it.each([[-1], [Number.NaN], [Number.POSITIVE_INFINITY]])('rejects %d km/h', (kmh) => {
    expect(() => windAt10mMs(kmh)).toThrow(RangeError);
  });
});
