import { describe, expect, it } from 'vitest';
import { JSON_ROWS_PER_STEP, JsonArray, JsonBytes } from './json-bytes.js';

describe('JsonBytes', () => {
  it.each([
    0, -0, 7, -7, 10, 99, 100, 1_234_567, -1_234_567, 1_750_000_000_123, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, 1.5e300,
    0.1, -0.5, 21.4, 1e-7, 123.456, NaN, Infinity, -Infinity,
  ])('writes %s as JSON.stringify does', (x) => {
    const out = new JsonBytes(4);
    out.number(x);
    expect(out.toString()).toBe(JSON.stringify(x));
  });

  it('grows, and decodes text beyond ASCII as UTF-8', () => {
    const out = new JsonBytes(2);
    const value = { name: 'Umweltknoten Ümminger See – Süd', n: [1, 2.5] };
    out.ascii('[');
    out.text(JSON.stringify(value));
    out.ascii(',');
    out.number(-12);
    out.ascii(']');
    expect(out.toString()).toBe(JSON.stringify([value, -12]));
    expect(JSON.parse(out.toString())).toEqual([value, -12]);
  });
});

describe('JsonArray', () => {
  it('writes a JSON array an entry at a time and says when a step of JSON_ROWS_PER_STEP entries is full', () => {
    expect(JSON.parse(new JsonArray(4).end().toString())).toEqual([]);
    const list = new JsonArray(4);
    let full = 0;
    const n = JSON_ROWS_PER_STEP * 2 + 3;
    for (let i = 0; i < n; i++) {
      list.item();
      list.out.number(i);
      if (list.stepFull) full += 1;
    }
    expect(full).toBe(2);
    expect(JSON.parse(list.end().toString())).toEqual(Array.from({ length: n }, (_, i) => i));
  });
});
