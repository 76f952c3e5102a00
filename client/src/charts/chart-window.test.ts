import { describe, expect, it } from 'vitest';
import { chartStep, chartWindow } from './chart-window.js';

const H = 3_600_000;
const NOW = Date.parse('2024-08-13T13:00:00Z');

describe('chartWindow', () => {
  it('ends at the present while the instant is recent, on a 5-min grid', () => {
    expect(chartWindow(NOW - 3 * H, NOW - 60_000)).toEqual({ from: NOW - 24 * H, to: NOW });
  });
  it('starts with a young run, but shows at least an hour', () => {
    expect(chartWindow(NOW - H, NOW, NOW - 3 * H - 60_000)).toEqual({ from: NOW - 3 * H - 5 * 60_000, to: NOW });
    expect(chartWindow(NOW - 60_000, NOW, NOW - 10 * 60_000)).toEqual({ from: NOW - H, to: NOW });
    expect(chartWindow(NOW - H, NOW, NOW - 48 * H)).toEqual({ from: NOW - 24 * H, to: NOW });
  });
  it('centres on an instant further back so the cursor line is inside', () => {
    const w = chartWindow(NOW - 48 * H, NOW);
    expect(w).toEqual({ from: NOW - 60 * H, to: NOW - 36 * H });
  });
});

describe('chartStep', () => {
  const day = { from: NOW - 24 * H, to: NOW };
  it.each([
    [null, '15m'],
    [NOW - 30 * 60_000, 'raw'],
    [NOW - 5 * H, '1m'],
    [NOW - 30 * H, '15m'],
  ] as const)('run started %s → %s', (runStart, step) => expect(chartStep(day, runStart)).toBe(step));
});
