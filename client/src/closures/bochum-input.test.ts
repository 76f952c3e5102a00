import { describe, expect, it } from 'vitest';
import { fromBochumInput, toBochumInput } from './bochum-input.js';

describe('datetime-local values in Bochum time', () => {
  it.each([
    ['summer (CEST)', '2026-06-16T16:30', '2026-06-16T16:30:00+02:00'],
    ['winter (CET)', '2026-01-10T08:05', '2026-01-10T08:05:00+01:00'],
    ['the evening before the spring change', '2026-03-28T23:00', '2026-03-28T23:00:00+01:00'],
    ['after the spring change', '2026-03-29T04:00', '2026-03-29T04:00:00+02:00'],
  ])('%s: %s', (_what, input, iso) => {
    expect(fromBochumInput(input)).toBe(Date.parse(iso));
    expect(toBochumInput(Date.parse(iso))).toBe(input);
  });

  it.each(['', '16:30', '2026-06-16', 'morgen'])('reads %j as no time', (v) => {
    expect(fromBochumInput(v)).toBeNull();
  });
});
