import { describe, expect, it } from 'vitest';
import { numberColumn, stringColumn } from './zod-columns.js';

describe('stringColumn', () => {
  const ids = stringColumn('ids');
  it.each([
    { v: ['a', 'bay-1'], ok: true },
    { v: [], ok: true },
    { v: ['a', ''], ok: false },
    { v: ['a', 7], ok: false },
    { v: ['a', null], ok: false },
    { v: 'a', ok: false },
    { v: { 0: 'a', length: 1 }, ok: false },
  ])('$v → $ok', ({ v, ok }) => {
    expect(ids.safeParse(v).success).toBe(ok);
  });
  it('names the column in its error and passes the column on as it came', () => {
    expect(ids.safeParse(['a', 1]).error?.issues[0]?.message).toBe('ids: expected a list of non-empty strings');
    const column = ['a', 'b'];
    expect(ids.parse(column)).toBe(column);
  });
});

describe('numberColumn', () => {
  const lonLat = numberColumn('lonLat');
  it.each([
    { v: [7.2, 51.48, 0, -1e-9], ok: true },
    { v: [], ok: true },
    { v: [7.2, Number.NaN], ok: false },
    { v: [Number.POSITIVE_INFINITY], ok: false },
    { v: [7.2, '51.48'], ok: false },
    { v: [7.2, null], ok: false },
    { v: new Float64Array([1, 2]), ok: false },
  ])('$v → $ok', ({ v, ok }) => {
    expect(lonLat.safeParse(v).success).toBe(ok);
  });
  it('names the column in its error', () => {
    expect(lonLat.safeParse([1, 'x']).error?.issues[0]?.message).toBe('lonLat: expected a list of finite numbers');
  });
});
