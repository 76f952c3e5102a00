import { describe, expect, it } from 'vitest';
import { offsetLonLat } from '../../../../common/geo.js';
import { nearestLink } from './nearest-link.js';

const A: [number, number] = [7.2, 51.48];
const east = { id: 'east', path: [A, offsetLonLat(A, 1000, 0)] };
const north = { id: 'north', path: [offsetLonLat(A, 0, 200), offsetLonLat(A, 0, 1200)] };

describe('nearestLink', () => {
  it.each([
    ['beside the middle of the east link', offsetLonLat(A, 500, 30), 'east'],
    ['past the east link end, within reach', offsetLonLat(A, 1040, 0), 'east'],
    ['nearer the north link', offsetLonLat(A, 20, 600), 'north'],
    ['too far from both', offsetLonLat(A, 500, 120), null],
  ])('%s', (_name, at, expected) => {
    expect(nearestLink([east, north], at, 100)?.id ?? null).toBe(expected);
  });
});
