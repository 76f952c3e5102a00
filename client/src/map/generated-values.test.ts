import { describe, expect, it } from 'vitest';
import { CellMeans, TrackedValues, follow } from './generated-values.js';

describe('TrackedValues', () => {
  it('notes the positions whose value changed (NaN to NaN is none), as float32', () => {
    const t = new TrackedValues(4);
    t.update((i) => [1, NaN, 3.3, 4][i]);
    expect([...t.changed]).toEqual([0, 2, 3]);
    expect(t.values[2]).toBe(Math.fround(3.3));
    t.update((i) => [1, NaN, 3.3, NaN][i]);
    expect([...t.changed]).toEqual([3]);
    expect(t.generation).toBe(2);
  });
});

describe('follow', () => {
  it('applies the changed positions when it saw the update before, else redoes everything', () => {
    const t = new TrackedValues(3);
    const seen = { generation: 0 };
    const log: string[] = [];
    const all = () => log.push('all');
    const one = (i: number) => log.push(`one ${i}`);
    t.update((i) => i);
    expect(follow(t, seen, all, one)).toBe(true);
    expect(follow(t, seen, all, one)).toBe(false); // nothing new
    t.update((i) => (i === 1 ? 9 : i));
    follow(t, seen, all, one);
    t.update((i) => i);
    t.update((i) => (i === 2 ? 5 : i)); // skipped one update: the changed list is not enough
    follow(t, seen, all, one);
    expect(log).toEqual(['all', 'one 1', 'all']);
  });
});

describe('CellMeans', () => {
  it('keeps the mean per cell as values come, change and go', () => {
    const cellOf = Int32Array.from([0, 0, 1, 1, 1]);
    const m = new CellMeans(cellOf, 3);
    m.reset(Float32Array.from([100, 0, 0, NaN, 0]));
    expect([m.mean(0), m.mean(1), m.mean(2)]).toEqual([50, 0, NaN]);
    m.set(3, 100);
    m.set(2, 100);
    expect(m.mean(1)).toBeCloseTo(200 / 3, 10);
    m.set(0, NaN);
    m.set(1, NaN);
    expect(m.mean(0)).toBeNaN();
    expect(m.count[0]).toBe(0);
    m.set(1, 100);
    expect(m.mean(0)).toBe(100);
  });

  it('equals a full recount after many single updates', () => {
    const n = 500;
    const cellOf = Int32Array.from({ length: n }, (_, i) => i % 7);
    const m = new CellMeans(cellOf, 7);
    const values = new Float32Array(n).fill(NaN);
    let x = 1;
    for (let step = 0; step < 5000; step++) {
      x = (x * 48271) % 2147483647;
      const i = x % n;
      const v = x % 5 === 0 ? NaN : Math.fround((x % 1000) / 10);
      values[i] = v;
      m.set(i, v);
    }
    const full = new CellMeans(cellOf, 7);
    full.reset(values);
    for (let c = 0; c < 7; c++) {
      expect(m.count[c]).toBe(full.count[c]);
      expect(m.mean(c)).toBeCloseTo(full.mean(c), 6);
    }
  });
});
