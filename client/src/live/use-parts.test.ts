import { describe, expect, it } from 'vitest';
import { sameParts } from './use-parts.js';

describe('sameParts', () => {
  it('compares parts by identity, element by element', () => {
    const alerts = [{ id: 'a' }];
    expect(sameParts([alerts, 3], [alerts, 3])).toBe(true);
    expect(sameParts([alerts, 3], [[{ id: 'a' }], 3])).toBe(false); // an equal copy is a new part: the store replaces what changed
    expect(sameParts([alerts, 3], [alerts, 4])).toBe(false);
    expect(sameParts([alerts], [alerts, 3])).toBe(false);
    expect(sameParts([NaN], [NaN])).toBe(true);
  });
});
