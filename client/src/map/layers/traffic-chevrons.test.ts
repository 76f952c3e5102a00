import { describe, expect, it } from 'vitest';
import { distanceM } from '../../../../common/geo.js';
import { chevronColumns, chevronCount, chevronDensity, type ChevronLink } from './traffic-chevrons.js';

const lineOf = (coords: Array<[number, number]>): ChevronLink => {
  let lengthM = 0;
  for (let i = 1; i < coords.length; i++) lengthM += distanceM(coords[i - 1], coords[i]);
  return { geometry: { coordinates: coords }, properties: { lengthM } };
};
/** 1.2 km east along Bochum's latitude, and north from the same point */
const east = lineOf([[7.2, 51.48], [7.2 + 1200 / (111_320 * Math.cos((51.48 * Math.PI) / 180)), 51.48]]);
const north = lineOf([[7.2, 51.48], [7.2, 51.48 + 600 / 111_320], [7.2, 51.48 + 1200 / 111_320]]);
const flow = (volumeCapacityRatio: number, speedKmh = 50) => ({ volumeCapacityRatio, speedKmh, offsetPx: 4 });

describe('chevronCount', () => {
  it.each([
    [0, 1],
    [0.5, 3], // 1 + round(1.5)
    [1, 4],
    [2, 5], // the ratio counts up to 1.2
  ])('a 1.2 km link at v/c %s carries %s', (ratio, count) => {
    expect(chevronCount(east, flow(ratio))).toBe(count);
  });

  it.each([
    [14, 1, 4],
    [11, 1, 4], // the whole city on a desk screen
    [10, 0.5, 3], // a phone: 1 + round(1.5)
    [9, 0.25, 2],
  ])('at zoom %s the density is %s and a 1.2 km link at v/c 1 carries %s', (zoom, density, count) => {
    expect(chevronDensity(zoom)).toBe(density);
    expect(chevronCount(east, flow(1), chevronDensity(zoom))).toBe(count);
  });

  it('a longer link carries more at the same ratio', () => {
    expect(chevronCount({ ...east, properties: { lengthM: 3600 } }, flow(1))).toBe(10);
  });
});

describe('chevronColumns', () => {
  it('spaces a link\'s chevrons evenly along it, pointing and set off to the right of its direction', () => {
    const cols = chevronColumns([east, north], [flow(1), flow(0)], 0);
    expect(cols.length).toBe(5);
    const { getPosition, getAngle, getPixelOffset } = cols.attributes;
    // east: four, a quarter of its length apart
    for (let k = 0; k < 4; k++) {
      const at: [number, number] = [getPosition.value[3 * k], getPosition.value[3 * k + 1]];
      expect(distanceM(east.geometry.coordinates[0] as [number, number], at)).toBeCloseTo((k * east.properties.lengthM) / 4, 0);
      expect(getAngle.value[k]).toBeCloseTo(0, 3);
      // travelling east, the right-hand side is south: down on screen
      expect([getPixelOffset.value[2 * k], getPixelOffset.value[2 * k + 1]]).toEqual([0, 4]);
    }
    // north: one at its start, turned 90° counter-clockwise, set off to the east (right on screen)
    expect(getAngle.value[4]).toBeCloseTo(90, 3);
    expect(getPixelOffset.value[8]).toBeCloseTo(4, 5);
    expect(getPixelOffset.value[9]).toBeCloseTo(0, 5);
  });

  it('moves them with the measured speed and wraps at the link\'s end', () => {
    const start = north.geometry.coordinates[0] as [number, number];
    const along = (clockS: number, speedKmh: number) => {
      const p = chevronColumns([north], [flow(0, speedKmh)], clockS).attributes.getPosition.value;
      return distanceM(start, [p[0], p[1]]);
    };
    expect(along(2, 50)).toBeCloseTo(500, 0); // 2 s × 50 km/h × 5 m per km/h
    expect(along(2, 100)).toBeCloseTo(1000, 0); // twice as fast, past the middle vertex
    expect(along(3, 100)).toBeCloseTo(1500 - north.properties.lengthM, 0); // 1,500 m on a link of about 1,200
  });

  it('draws none on a link without a current reading', () => {
    expect(chevronColumns([east, north], [null, null], 5).length).toBe(0);
    expect(chevronColumns([east, north], [null, flow(1)], 5).length).toBe(chevronCount(north, flow(1)));
  });
});
