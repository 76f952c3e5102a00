import type { RequestHandler } from 'express';
import { CSRF_HEADER, roleSatisfies, type Role } from '../../common/auth.js';
import { sameSecret } from './credentials.js';
import { principalOf, type Principal } from './principal.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isSafeMethod = (method: string): boolean => SAFE_METHODS.has(method);

export type Refusal = { status: 401 | 403; body: { error: string; detail: string; requiredRole?: Role } };

export const LOGIN_REQUIRED = 'login required';

/**
 * Whether `p` may make a request that needs `role`. A cookie session must also send its CSRF token in
 * `X-CSRF-Token` on every write (docs/security.md): a cross-site page can make the browser send the
 * cookie, but can neither read the token nor set a custom header without a CORS preflight we never allow.
 */
export function refusal(p: Principal, role: Role, method: string, csrfHeader: string | undefined): Refusal | null {
  if (p.kind === 'invalid') return { status: 401, body: { error: LOGIN_REQUIRED, detail: p.detail } };
  if (p.kind === 'anonymous') return { status: 401, body: { error: LOGIN_REQUIRED, detail: `this needs the ${role} role: log in first` } };
  if (p.role === null || !roleSatisfies(p.role, role)) {
    const have = p.kind === 'token' ? `a token with scope ${p.scope}` : `the ${p.role} role`;
    return { status: 403, body: { error: 'forbidden', detail: `this needs the ${role} role; ${p.name} has ${have}`, requiredRole: role } };
  }
  if (p.kind === 'session' && !isSafeMethod(method) && (csrfHeader === undefined || !sameSecret(csrfHeader, p.csrf))) {
    return { status: 403, body: { error: 'forbidden', detail: `missing or wrong ${CSRF_HEADER} header (GET /api/auth/me gives the token)` } };
  }
  return null;
}

/**
 * Express middleware: the request goes on only with at least `role` (admin ⊇ operator ⊇ planner ⊇ viewer).
 * 401 `{ error: "login required" }` without a (valid) login, 403 naming the role missing. Needs the
 * authenticate middleware before it (server/app.ts mounts it on /api).
 */
export function requireRole(role: Role): RequestHandler {
  return (req, res, next) => {
    const refused = refusal(principalOf(res), role, req.method, req.get(CSRF_HEADER));
    if (refused) {
      res.status(refused.status).json(refused.body);
      return;
    }
    next();
  };
}
