import { describe, expect, it } from 'vitest';
import { RedrawGate } from './redraw-key.js';

describe('RedrawGate', () => {
  it('lets every change through without an interval', () => {
    const g = new RedrawGate();
    const a = g.key('view', 'v1', 0, 0);
    expect(g.key('view', 'v2', 0, 1)).not.toBe(a);
  });

  it('draws new data at most every interval, and what was held back once it has passed', () => {
    const g = new RedrawGate();
    const first = g.key('view', 'v1', 3000, 10_000); // the first data draws at once
    expect(g.key('view', 'v2', 3000, 11_000)).toBe(first);
    expect(g.key('view', 'v3', 3000, 12_999)).toBe(first);
    const later = g.key('view', 'v3', 3000, 13_000);
    expect(later).not.toBe(first);
    expect(later).toContain('v3');
    expect(g.key('view', 'v4', 3000, 14_000)).toBe(later);
  });

  it('draws a change of what is shown (a zoom) at once, with the data as it is then', () => {
    const g = new RedrawGate();
    g.key('z10', 'v1', 3000, 0);
    expect(g.key('z10', 'v2', 3000, 500)).toBe('z10#v1');
    expect(g.key('z11', 'v2', 3000, 600)).toBe('z11#v2');
    // and the interval for data counts from that draw
    expect(g.key('z11', 'v3', 3000, 700)).toBe('z11#v2');
  });
});
