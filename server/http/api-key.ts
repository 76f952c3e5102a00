import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks an API key against the configured ones in constant time. Both sides are hashed first, so the
 * comparison neither leaks a key's length nor stops at the first differing byte, and every configured
 * key is compared, so the time does not tell which one matched.
 */
export function apiKeyChecker(keys: readonly string[]): (given: string | undefined) => boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  const expected = keys.map(digest);
  return (given) => {
    if (given === undefined || expected.length === 0) return false;
    const g = digest(given);
    let match = false;
    for (const k of expected) match = timingSafeEqual(g, k) || match;
    return match;
  };
}
