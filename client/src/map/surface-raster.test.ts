import { describe, expect, it } from 'vitest';
import type { Bounds } from '../../../common/geo-bounds.js';
import { enlargedSurface, ringCoverage } from './surface-raster.js';

const BOUNDS: Bounds = [0, 0, 10, 10];
const square = (w: number, s: number, e: number, n: number): Array<[number, number]> => [[w, s], [e, s], [e, n], [w, n]];
const row = (raster: Uint8Array, width: number, r: number) => [...raster.slice(r * width, (r + 1) * width)];

describe('ringCoverage', () => {
  it('covers the pixels inside a ring fully, those outside not at all', () => {
    const c = ringCoverage([square(0, 0, 5, 10)], BOUNDS, 10, 10);
    for (let r = 0; r < 10; r++) expect(row(c, 10, r)).toEqual([255, 255, 255, 255, 255, 0, 0, 0, 0, 0]);
  });

  it('gives a pixel that an edge halves half its coverage, across and down', () => {
    const c = ringCoverage([square(0, 0, 2.5, 10)], BOUNDS, 10, 10);
    expect(row(c, 10, 3).slice(0, 4)).toEqual([255, 255, 128, 0]);
    // row 0 is the north: a ring up to y = 9.5 half covers the top row
    const d = ringCoverage([square(0, 0, 10, 9.5)], BOUNDS, 10, 10);
    expect(row(d, 10, 0)).toEqual(Array(10).fill(128));
    expect(row(d, 10, 1)).toEqual(Array(10).fill(255));
  });

  it('takes rings together even-odd: a ring inside another is a hole', () => {
    const c = ringCoverage([square(0, 0, 10, 10), square(4, 4, 6, 6)], BOUNDS, 10, 10);
    expect(row(c, 10, 5)).toEqual([255, 255, 255, 255, 0, 0, 255, 255, 255, 255]);
    expect(row(c, 10, 0)).toEqual(Array(10).fill(255));
  });

  it('clips a ring beyond the bounds to them', () => {
    const c = ringCoverage([square(-5, -5, 15, 15)], BOUNDS, 4, 4);
    expect([...c]).toEqual(Array(16).fill(255));
  });
});

describe('enlargedSurface', () => {
  const full = (width: number, height: number) => new Uint8Array(width * height).fill(255);

  it('enlarges a plain field to the same colour, scale times each way', () => {
    const rgba = Uint8Array.of(200, 100, 50, 180, 200, 100, 50, 180);
    const out = enlargedSurface(rgba, 2, 1, 3, full(6, 3));
    expect([out.width, out.height]).toEqual([6, 3]);
    for (let p = 0; p < 18; p++) expect([...out.data.slice(4 * p, 4 * p + 4)]).toEqual([200, 100, 50, 180]);
  });

  it('smooths between cells, and a clear cell fades its neighbour out without darkening it', () => {
    const rgba = Uint8Array.of(255, 0, 0, 255, 0, 0, 0, 0);
    const out = enlargedSurface(rgba, 2, 1, 4, full(8, 4));
    const alphas = [0, 1, 2, 3, 4, 5, 6, 7].map((x) => out.data[4 * x + 3]);
    // the outer quarter of each cell keeps its value; between the centres alpha falls step by step
    expect(alphas.slice(0, 2)).toEqual([255, 255]);
    expect(alphas.slice(6)).toEqual([0, 0]);
    for (let x = 2; x < 6; x++) expect(alphas[x]).toBeLessThan(alphas[x - 1]);
    for (let x = 0; x < 6; x++) expect([...out.data.slice(4 * x, 4 * x + 3)]).toEqual([255, 0, 0]);
  });

  it('multiplies alpha by the coverage and leaves uncovered pixels clear', () => {
    const rgba = Uint8Array.of(10, 20, 30, 200);
    const coverage = Uint8Array.of(255, 128, 0, 255);
    const out = enlargedSurface(rgba, 1, 1, 2, coverage);
    expect([...out.data]).toEqual([10, 20, 30, 200, 10, 20, 30, 100, 0, 0, 0, 0, 10, 20, 30, 200]);
  });
});
