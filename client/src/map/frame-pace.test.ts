import { describe, expect, it } from 'vitest';
import { FramePace } from './frame-pace.js';

describe('FramePace', () => {
  it.each([
    ['no frame measured yet', [], 1000 / 30],
    ['a renderer that keeps up (a GPU)', [3, 2, 4], 1000 / 30],
    ['software rendering, ~85 ms a frame: half the time for the animation', [84, 86, 85], 170],
    ['one slow frame (the first) among fast ones', [1400, 5, 6], 1000 / 30],
    ['a renderer slower than the slowest pace', [900, 950, 1000], 500],
  ])('%s', (_, costs, interval) => {
    const pace = new FramePace(1000 / 30);
    for (const c of costs) pace.record(c);
    expect(pace.intervalMs()).toBeCloseTo(interval, 6);
  });

  it('follows the renderer when its cost changes (the last five frames count)', () => {
    const pace = new FramePace(100);
    for (let i = 0; i < 5; i++) pace.record(200);
    expect(pace.intervalMs()).toBe(400);
    for (let i = 0; i < 3; i++) pace.record(10);
    expect(pace.intervalMs()).toBe(100);
  });
});
