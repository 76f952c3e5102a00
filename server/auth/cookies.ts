import type { CookieOptions, Request } from 'express';

export const SESSION_COOKIE = 'stadtpuls_session';

/** The value of one cookie in a Cookie header (no cookie-parser needed for the one cookie we set). */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** httpOnly (no script reads it), SameSite=Strict, Secure when the request came over HTTPS (directly or via TRUST_PROXY). */
export function sessionCookieOptions(req: Request, maxAgeMs: number): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: maxAgeMs };
}
