import { describe, expect, it } from 'vitest';
import type { Bounds } from '../../../common/geo-bounds.js';
import { ANOMALY_STOPS } from './colors.js';
import { heatAlpha, utciSurfaceColor } from './heat-colors.js';
import { HeatField, fieldPixels } from './heat-surface.js';

const BOUNDS: Bounds = [7.1, 51.4, 7.35, 51.55];
const SQUARE = [[[7.1, 51.4], [7.35, 51.4], [7.35, 51.55], [7.1, 51.55]] as Array<[number, number]>];

/** The centre of the field's cell at (row, col), counted from the north-west like the field. */
function cellCentre(row: number, col: number, width: number, height: number): [number, number] {
  const [w, s, e, n] = BOUNDS;
  return [w + ((col + 0.5) / width) * (e - w), n - ((row + 0.5) / height) * (n - s)];
}

describe('HeatField', () => {
  it('is null without stations', () => {
    expect(new HeatField(SQUARE).compute({ lonLat: [], values: new Float64Array(), bounds: BOUNDS, mode: 'absolute' })).toBeNull();
  });

  it('one station: every cell and the city mean take its value', () => {
    const f = new HeatField(SQUARE).compute({ lonLat: [7.2, 51.48], values: Float64Array.of(31.5), bounds: BOUNDS, mode: 'absolute' })!;
    expect(f.width).toBe(96);
    expect(f.height).toBeGreaterThan(80);
    expect(f.field.every((v) => Math.abs(v - 31.5) < 1e-9)).toBe(true);
    expect(f.mean).toBeCloseTo(31.5, 9);
  });

  it('a cell with a station at its centre takes that station value; the rest stay between the stations', () => {
    const field = new HeatField(SQUARE);
    const probe = field.compute({ lonLat: [7.2, 51.48], values: Float64Array.of(0), bounds: BOUNDS, mode: 'absolute' })!;
    const [lon, lat] = cellCentre(40, 30, probe.width, probe.height);
    const f = field.compute({ lonLat: [lon, lat, 7.3, 51.45], values: Float64Array.of(40, 20), bounds: BOUNDS, mode: 'absolute' })!;
    expect(f.field[40 * f.width + 30]).toBe(40);
    expect(Math.min(...f.field)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...f.field)).toBeLessThanOrEqual(40);
    // the nearer station weighs more: the cell beside the first is warmer than the midpoint's 30
    expect(f.field[40 * f.width + 31]).toBeGreaterThan(30);
    expect(f.mean).toBeGreaterThan(20);
    expect(f.mean).toBeLessThan(40);
  });

  it('the same stations with new values give the new field (weights kept, values not)', () => {
    const field = new HeatField(SQUARE);
    const input = { lonLat: [7.15, 51.45, 7.3, 51.52], bounds: BOUNDS, mode: 'absolute' as const };
    const a = field.compute({ ...input, values: Float64Array.of(20, 30) })!;
    const b = field.compute({ ...input, values: Float64Array.of(30, 20) })!;
    expect(b.mean).toBeCloseTo(50 - a.mean, 6);
  });

  it('a station without a value (NaN) leaves the field of the others, to the bit', () => {
    const input = { bounds: BOUNDS, mode: 'absolute' as const };
    const without = new HeatField(SQUARE).compute({ ...input, lonLat: [7.15, 51.45, 7.3, 51.52], values: Float64Array.of(22, 35) })!;
    const withGap = new HeatField(SQUARE).compute({ ...input, lonLat: [7.15, 51.45, 7.2, 51.5, 7.3, 51.52], values: Float64Array.of(22, NaN, 35) })!;
    expect([...withGap.field]).toEqual([...without.field]);
    expect(withGap.mean).toBe(without.mean);
  });

  it('is null when no station has a value', () => {
    expect(new HeatField(SQUARE).compute({ lonLat: [7.2, 51.48], values: Float64Array.of(NaN), bounds: BOUNDS, mode: 'absolute' })).toBeNull();
  });

  it('keeps the cells\' nearest stations while values come and go among more stations than a cell weighs', () => {
    const field = new HeatField(SQUARE);
    const n = 200;
    const lonLat = Array.from({ length: 2 * n }, (_, i) => (i % 2 === 0 ? 7.1 + ((i * 37) % 250) / 1000 : 51.4 + ((i * 53) % 150) / 1000));
    const values = (gapEvery: number) => Float64Array.from({ length: n }, (_, i) => (i % gapEvery === 0 ? NaN : 25 + (i % 7)));
    const a = field.compute({ lonLat, values: values(3), bounds: BOUNDS, mode: 'absolute' })!;
    const built = field.weightsBuilt;
    const b = field.compute({ lonLat, values: values(5), bounds: BOUNDS, mode: 'absolute' })!;
    expect(field.weightsBuilt).toBe(built);
    expect(b.field).not.toEqual(a.field);
    // what a new field gives for the same values: kept weights change nothing
    expect([...b.field]).toEqual([...new HeatField(SQUARE).compute({ lonLat, values: values(5), bounds: BOUNDS, mode: 'absolute' })!.field]);
  });
});

describe('fieldPixels', () => {
  it('leaves a cell without a value clear', () => {
    expect([...fieldPixels(Float64Array.of(NaN), 'absolute', 0)]).toEqual([0, 0, 0, 0]);
  });

  it.each([
    [20, 'absolute' as const, 0, utciSurfaceColor(20), heatAlpha(20)],
    [40, 'absolute' as const, 0, utciSurfaceColor(40), heatAlpha(40)],
    [30, 'anomaly' as const, 30, ANOMALY_STOPS[2][1], 200],
    [26, 'anomaly' as const, 30, ANOMALY_STOPS[0][1], 200],
  ])('%s °C in the %s mode (mean %s) is %j at alpha %s', (value, mode, mean, rgb, alpha) => {
    const px = fieldPixels(Float64Array.of(value), mode, mean);
    expect([...px]).toEqual([...rgb, alpha]);
  });
});
