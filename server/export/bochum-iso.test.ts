import { describe, expect, it } from 'vitest';
import { bochumFileStamp, bochumIso } from './bochum-iso.js';

describe('bochumIso', () => {
  it.each([
    ['summer time', '2024-08-13T13:00:00Z', '2024-08-13T15:00:00+02:00'],
    ['winter time', '2024-01-15T23:30:00Z', '2024-01-16T00:30:00+01:00'],
    ['with milliseconds', '2024-08-13T13:00:00.042Z', '2024-08-13T15:00:00.042+02:00'],
    ['the last summer-time second of October 2024', '2024-10-27T00:59:59Z', '2024-10-27T02:59:59+02:00'],
    ['the first winter-time second of October 2024', '2024-10-27T01:00:00Z', '2024-10-27T02:00:00+01:00'],
    ['the first summer-time second of March 2024', '2024-03-31T01:00:00Z', '2024-03-31T03:00:00+02:00'],
  ])('writes %s with the Bochum offset', (_what, utc, local) => {
    expect(bochumIso(Date.parse(utc))).toBe(local);
  });

  it('reads back to the same instant', () => {
    for (let ms = Date.parse('2024-01-01T00:00:00Z'); ms < Date.parse('2025-01-01T00:00:00Z'); ms += 3_600_000 * 7 + 1234) {
      expect(Date.parse(bochumIso(ms))).toBe(ms);
    }
  });

  it('stamps file names in local time', () => {
    expect(bochumFileStamp(Date.parse('2024-08-13T13:05:00Z'))).toBe('20240813-1505');
  });
});
