import { afterEach, describe, expect, it, vi } from 'vitest';
import { SimClock } from './simulator/sim-clock.js';
import { createSteadyClock } from './steady-clock.js';

const H = 3_600_000;

describe('the steady clock', () => {
  afterEach(() => vi.restoreAllMocks());

  it('starts at the wall clock and then follows the monotonic clock only', () => {
    let wall = Date.parse('2026-06-16T12:00:00Z');
    let mono = 5_000.25;
    const clock = createSteadyClock(() => wall, () => mono);
    expect(clock.now()).toBe(wall);

    wall += 1000;
    mono += 1000;
    expect(clock.now()).toBe(Date.parse('2026-06-16T12:00:01Z'));
    expect(clock.wallClockSkewMs()).toBe(0);

    // the wall clock is stepped back by an hour, then forward by two
    wall -= H;
    mono += 500;
    expect(clock.now()).toBe(Date.parse('2026-06-16T12:00:01.500Z'));
    expect(clock.wallClockSkewMs()).toBe(-H - 500);
    wall += 2 * H;
    expect(clock.now()).toBe(Date.parse('2026-06-16T12:00:01.500Z'));
    expect(clock.wallClockSkewMs()).toBe(H - 500);
  });

  it('gives whole milliseconds, as Date.now does', () => {
    const clock = createSteadyClock(() => 1_000, () => 0.3);
    expect(Number.isInteger(clock.now())).toBe(true);
  });

  it('the simulated city clock does not jump when the wall clock is stepped', () => {
    const start = Date.parse('2026-06-16T06:30:00+02:00');
    const city = new SimClock(start, 10);
    const before = city.now();
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + H);
    const after = city.now();
    expect(after - before).toBeGreaterThanOrEqual(0);
    expect(after - before).toBeLessThan(60_000);
    expect(Number.isInteger(after)).toBe(true);
  });
});
