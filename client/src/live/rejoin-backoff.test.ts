import { describe, expect, it } from 'vitest';
import { RejoinBackoff } from './rejoin-backoff.js';

describe('RejoinBackoff', () => {
  it('doubles the wait for each drop in a row, up to the cap, never below the minimum', () => {
    const b = new RejoinBackoff({ maxMs: 60_000, resetAfterMs: 300_000 }, () => 0);
    const waits = [0, 1, 2, 3, 4, 5].map((i) => b.next(10_000, i * 20_000));
    expect(waits).toEqual([10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
  });

  it('starts over after a quiet spell', () => {
    const b = new RejoinBackoff({ maxMs: 60_000, resetAfterMs: 300_000 }, () => 0);
    b.next(2000, 0);
    b.next(2000, 1000);
    expect(b.next(2000, 1000 + 300_001)).toBe(2000);
  });

  it('adds up to a quarter of jitter', () => {
    expect(new RejoinBackoff(undefined, () => 0.999).next(10_000, 0)).toBe(12_498);
  });
});
