import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Passwords: argon2id (the library's default algorithm) with its default cost (19 MiB, 2 passes,
 * OWASP's minimum), so one login costs a few tens of milliseconds. Tokens and session ids are 32
 * random bytes: far beyond guessing, so a plain sha256 of them is all the store keeps.
 */
export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** A hash that never matches, so an unknown user name costs the same time as a wrong password. */
let decoy: Promise<string> | null = null;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    decoy ??= hash(randomBytes(16).toString('hex'));
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}

/** 32 random bytes, base64url, with a prefix that says what it is (and lets secret scanners find it). */
export function newSecret(prefix: 'stp' | 'sps'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function sha256(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/** A password for the first admin when ADMIN_PASSWORD is not set: 20 characters of base64url. */
export function oneTimePassword(): string {
  return randomBytes(15).toString('base64url');
}
