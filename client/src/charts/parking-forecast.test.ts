import { describe, expect, it } from 'vitest';
import { minutesUntilFull, type FreeSample } from './parking-forecast.js';

const MIN = 60_000;
const NOW = Date.parse('2026-06-16T10:00:00Z');
/** A sample every `every` min over the last `span` min, free spaces from a function of minutes before now. */
const series = (span: number, every: number, free: (minBefore: number) => number): FreeSample[] => {
  const out: FreeSample[] = [];
  for (let m = span; m >= 0; m -= every) out.push({ t: NOW - m * MIN, freeSpaces: free(m) });
  return out;
};

describe('minutesUntilFull', () => {
  it.each([
    ['losing 2 spaces a minute with 60 left', series(30, 5, (m) => 60 + 2 * m), 30],
    ['losing 1 a minute with 45 left, noisy', series(30, 1, (m) => 45 + m + (m % 2 === 0 ? 1 : -1)), 45],
    ['losing 0.5 a minute with 100 left', series(30, 3, (m) => 100 + 0.5 * m), 200],
    ['almost full: 1 left, losing 3 a minute', series(30, 5, (m) => 1 + 3 * m), 1],
    ['emptying', series(30, 5, (m) => 200 - 2 * m), null],
    ['steady', series(30, 5, () => 120), null],
    ['filling too slowly to matter (0.1/min)', series(30, 5, (m) => 300 + 0.1 * m), null],
    ['so slowly that full is over 4 h away', series(30, 5, (m) => 600 + 0.3 * m), null],
    ['already full', series(30, 5, (m) => Math.max(0, 3 * m - 30)), null],
    ['only two samples', [{ t: NOW - 20 * MIN, freeSpaces: 80 }, { t: NOW, freeSpaces: 40 }], null],
    ['samples spanning 5 min only', series(5, 1, (m) => 50 + 5 * m), null],
  ])('%s → %s', (_name, samples, expected) => {
    expect(minutesUntilFull(samples, NOW)).toBe(expected);
  });

  it('ignores samples older than 30 min and after now', () => {
    const old = series(120, 5, (m) => (m > 30 ? 500 - m : 60 + 2 * m));
    const future = [...old, { t: NOW + 10 * MIN, freeSpaces: 500 }];
    expect(minutesUntilFull(future, NOW)).toBe(30);
  });
});
