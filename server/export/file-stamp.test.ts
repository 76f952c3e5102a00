import { describe, expect, it } from 'vitest';
import { bochumFileStamp } from './file-stamp.js';

describe('bochumFileStamp', () => {
  it('stamps file names in Bochum local time, summer and winter', () => {
    expect(bochumFileStamp(Date.parse('2024-08-13T13:05:00Z'))).toBe('20240813-1505');
    expect(bochumFileStamp(Date.parse('2024-01-15T23:30:00Z'))).toBe('20240116-0030');
  });
});
