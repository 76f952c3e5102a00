import { describe, expect, it } from 'vitest';
import type { HistoryPoint } from '../../../common/history.js';
import { activityCells } from './activity-strip.js';
import { keyStepMs, MIN_SPAN_MS, playAdvance, stepCursor, steppedLiveEnd, timeAtX, timelineRange, timelineTicks, xOfTime } from './timeline.js';

const H = 3_600_000;
const NOW = Date.parse('2024-08-13T13:00:00Z');

describe('timelineRange', () => {
  it.each([
    ['24h', NOW - 100 * H, NOW - 24 * H],
    ['7d', NOW - 100 * H, NOW - 100 * H],
    ['7d', NOW - 300 * H, NOW - 168 * H],
    ['run', NOW - 300 * H, NOW - 300 * H],
    ['24h', NOW - 60_000, NOW - MIN_SPAN_MS],
    ['run', null, NOW - MIN_SPAN_MS],
  ] as const)('%s with the run started at %s starts at %s', (zoom, runStart, from) => {
    expect(timelineRange(zoom, NOW, runStart)).toEqual({ from, to: NOW });
  });
});

describe('steppedLiveEnd', () => {
  it.each([
    ['24h', NOW - 100 * H, 64_000],
    ['7d', NOW - 300 * H, 512_000],
    ['run', NOW - 10 * H, 32_000],
    ['run', NOW - 60_000, 1000],
  ] as const)('%s (run from %s) moves in steps of %s ms, never before the live time', (zoom, runStart, step) => {
    const ends = Array.from({ length: 600 }, (_, s) => steppedLiveEnd(zoom, NOW + s * 1000, runStart));
    ends.forEach((end, s) => {
      expect(end).toBeGreaterThanOrEqual(NOW + s * 1000);
      expect(end - (NOW + s * 1000)).toBeLessThan(step);
      expect(end % step).toBe(0);
    });
    expect(new Set(ends).size).toBeLessThanOrEqual(Math.ceil(600_000 / step) + 1);
  });
});

describe('positions on the timeline', () => {
  const range = { from: NOW - 24 * H, to: NOW };
  it('maps instants to pixels and back, clamped to the bar', () => {
    expect(xOfTime(NOW - 12 * H, range, 1000)).toBe(500);
    expect(timeAtX(250, range, 1000)).toBe(NOW - 18 * H);
    expect(timeAtX(-40, range, 1000)).toBe(range.from);
    expect(timeAtX(5000, range, 1000)).toBe(NOW);
    expect(xOfTime(NOW + H, range, 1000)).toBe(1000);
  });
});

describe('stepCursor', () => {
  const day = { from: NOW - 24 * H, to: NOW };
  it('steps 5 min on a day, 1 h on a week', () => {
    expect(keyStepMs(day)).toBe(5 * 60_000);
    expect(keyStepMs({ from: NOW - 168 * H, to: NOW })).toBe(H);
  });
  it('snaps to the step grid and stays in range', () => {
    expect(stepCursor(NOW - H - 90_000, -1, day)).toBe(NOW - H - 5 * 60_000);
    expect(stepCursor(NOW - H - 90_000, 1, day)).toBe(NOW - H);
    expect(stepCursor(NOW - 60_000, 3, day)).toBe(NOW);
    expect(stepCursor(day.from + 1000, -2, day)).toBe(day.from);
  });
  it('moves at least a quarter step, also seconds after a grid line (a young run, 1-min steps)', () => {
    const young = { from: NOW + 2000 - 15 * 60_000, to: NOW + 2000 };
    expect(keyStepMs(young)).toBe(60_000);
    expect(stepCursor(NOW + 2000, -1, young)).toBe(NOW - 60_000);
    expect(stepCursor(NOW - 2000, 1, young)).toBe(NOW + 2000);
    expect(stepCursor(NOW - 30_000, -1, young)).toBe(NOW - 60_000);
  });
});

describe('playAdvance', () => {
  it('moves at the chosen speed and says when it has caught up with live', () => {
    expect(playAdvance(NOW - H, 1000, 600, NOW)).toEqual({ at: NOW - H + 600_000, caughtUp: false });
    expect(playAdvance(NOW - 60_000, 2000, 60, NOW)).toEqual({ at: NOW, caughtUp: true });
  });
});

describe('timelineTicks', () => {
  it('puts round ticks inside the range, not more than asked', () => {
    const ticks = timelineTicks({ from: NOW - 24 * H + 1, to: NOW }, 12);
    expect(ticks.length).toBeLessThanOrEqual(12);
    expect(ticks.every((t) => t % (2 * H) === 0 && t > NOW - 24 * H && t <= NOW)).toBe(true);
  });
});

describe('activityCells', () => {
  const point = (t: number, values: Record<string, number>, max?: Record<string, number>): HistoryPoint => ({ t, values, derived: {}, max });
  it('colours hot buckets by the UTCI category of their maximum and shades jams by the congested share', () => {
    const cells = activityCells(
      [
        point(0, { heatMaxUtciC: 24, trafficCongestedLaneKm: 0, trafficTotalLaneKm: 100 }),
        point(H, { heatMaxUtciC: 30, trafficCongestedLaneKm: 7.5, trafficTotalLaneKm: 100 }, { heatMaxUtciC: 39 }),
        point(2 * H, { trafficCongestedLaneKm: 40, trafficTotalLaneKm: 100 }),
      ],
      H,
    );
    expect(cells.map((c) => [c.from, c.to])).toEqual([
      [0, H],
      [H, 2 * H],
      [2 * H, 3 * H],
    ]);
    expect(cells[0].heat).toBeNull();
    expect(cells[1].heat).toEqual([220, 0, 0]); // very strong heat stress from the bucket's max, not its mean
    expect(cells[1].jam).toBeCloseTo(0.5);
    expect(cells[2]).toMatchObject({ heat: null, jam: 1 });
  });
  it('does not stretch a cell across a gap in the data', () => {
    const cells = activityCells([point(0, { heatMaxUtciC: 30 }), point(10 * H, { heatMaxUtciC: 30 })], H);
    expect(cells[0].to).toBe(3 * H);
  });
});
