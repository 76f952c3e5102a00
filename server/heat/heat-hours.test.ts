import { describe, expect, it } from 'vitest';
import { HoursToday } from './heat-hours.js';

const at = (iso: string) => Date.parse(iso);

describe('hours under heat stress today', () => {
  it('integrates the time the condition held and restarts at Bochum midnight', () => {
    const h = new HoursToday();
    h.update(at('2024-08-13T10:00:00+02:00'), new Map([['mitte', true], ['sued', false]]));
    h.update(at('2024-08-13T12:00:00+02:00'), new Map([['mitte', true], ['sued', false]]));
    h.update(at('2024-08-13T13:30:00+02:00'), new Map([['mitte', true], ['sued', true]]));
    expect(h.get('mitte')).toBeCloseTo(3.5, 9);
    expect(h.get('sued')).toBeCloseTo(1.5, 9);
    // 23:30 → 00:30 local crosses midnight: the new day starts from zero
    h.update(at('2024-08-13T23:30:00+02:00'), new Map([['mitte', true]]));
    h.update(at('2024-08-14T00:30:00+02:00'), new Map([['mitte', true]]));
    expect(h.get('mitte')).toBe(0);
    h.update(at('2024-08-14T01:00:00+02:00'), new Map([['mitte', true]]));
    expect(h.get('mitte')).toBeCloseTo(0.5, 9);
  });
});

describe('hours under heat stress resumed after a restart', () => {
  it('continue from the stored figure on the same day', () => {
    const h = new HoursToday();
    h.resume(at('2024-08-13T14:00:00+02:00'), new Map([['mitte', 3]]));
    h.update(at('2024-08-13T15:00:00+02:00'), new Map([['mitte', true]]));
    expect(h.get('mitte')).toBeCloseTo(4, 9);
  });
});
