import { describe, expect, it } from 'vitest';
import { apiKeyChecker } from './api-key.js';

describe('API key check', () => {
  const check = apiKeyChecker(['first-key-0123456789', 'second-key-0123456789']);

  it.each([
    ['the first key', 'first-key-0123456789', true],
    ['the second key', 'second-key-0123456789', true],
    ['a key one character short', 'first-key-012345678', false],
    ['a key with one character changed', 'first-key-0123456788', false],
    ['an empty key', '', false],
    ['no key', undefined, false],
  ])('%s → %s', (_what, given, ok) => {
    expect(check(given)).toBe(ok);
  });

  it('accepts nothing when no key is configured', () => {
    expect(apiKeyChecker([])('')).toBe(false);
    expect(apiKeyChecker([])('anything-at-all-here')).toBe(false);
  });
});
