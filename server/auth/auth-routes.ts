import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { loginRequestSchema, type AuthStatus, type LogoutAnswer } from '../../common/auth.js';
import { formatZodError } from '../../common/zod-error.js';
import type { AuditLog } from './audit-log.js';
import type { Authenticator, NewSession } from './authenticator.js';
import { SESSION_COOKIE, sessionCookieOptions } from './cookies.js';
import { auditContext, principalOf } from './principal.js';
import type { OidcSignIn } from './oidc-login.js';
import { loginLimiter } from './rate-limits.js';
import { requireRole } from './require-role.js';

export interface AuthRoutesDeps {
  authenticator: Authenticator;
  audit: AuditLog;
  publicRead: boolean;
  loginLimit: { maxFailures: number; windowMs: number };
  /** single sign-on (oidc-login.ts): its routes mounted at /auth/oidc, and logout at the provider; null: password login only */
  oidc?: OidcSignIn | null;
  now?: () => number;
}

const AUDIT_LIMIT_MAX = 1000;

const auditQuerySchema = z.strictObject({
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
  action: z.string().max(64).optional(),
  actor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_LIMIT_MAX).default(200),
});

/**
 * POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me, GET /api/audit (admin), and with
 * OIDC_ISSUER GET /api/auth/oidc/login and /api/auth/oidc/callback.
 * Mounted under /api after the authenticate middleware.
 */
export function authRoutes(d: AuthRoutesDeps): Router {
  const r = Router();
  const now = d.now ?? Date.now;

  const oidc = Boolean(d.oidc);
  const status = (res: Response): AuthStatus => {
    const p = principalOf(res);
    if (p.kind === 'session') return { user: { name: p.name, role: p.role }, csrfToken: p.csrf, publicRead: d.publicRead, oidc };
    if (p.kind === 'token' && p.role) return { user: { name: p.name, role: p.role }, csrfToken: null, publicRead: d.publicRead, oidc };
    return { user: null, csrfToken: null, publicRead: d.publicRead, oidc };
  };
  if (d.oidc) r.use('/auth/oidc', d.oidc.routes);

  const setCookie = (req: Request, res: Response, s: NewSession) => res.cookie(SESSION_COOKIE, s.secret, sessionCookieOptions(req, s.expiresAt - now()));

  r.get('/auth/me', (_req, res) => {
    res.set('Cache-Control', 'no-store').json(status(res));
  });

  r.post('/auth/login', loginLimiter(d.loginLimit), express.json({ limit: '4kb' }), async (req, res, next) => {
    try {
      // JSON only: a cross-site HTML form cannot send it, so no page can log a browser in to an account of its choosing.
      if (!req.is('application/json')) {
        res.status(415).json({ error: 'unsupported_media_type', detail: 'send Content-Type: application/json' });
        return;
      }
      const parsed = loginRequestSchema.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: 'invalid_body', detail: formatZodError(parsed.error, { whole: 'body' }) });
        return;
      }
      const session = await d.authenticator.login(parsed.data.name, parsed.data.password);
      if (!session) {
        await d.audit.record({ actor: parsed.data.name, action: 'login_failed', ip: req.ip ?? null });
        res.status(401).json({ error: 'invalid_credentials', detail: 'wrong user name or password' });
        return;
      }
      setCookie(req, res, session);
      await d.audit.record({ actor: session.name, role: session.role, action: 'login', ip: req.ip ?? null, detail: { method: 'password' } });
      const body: AuthStatus = { user: { name: session.name, role: session.role }, csrfToken: session.csrf, publicRead: d.publicRead, oidc };
      res.set('Cache-Control', 'no-store').json(body);
    } catch (err) {
      next(err);
    }
  });

  // Logging out is a write like any other: the session's CSRF token is required. A single sign-on
  // session is also ended at the provider: the answer names where to send the browser.
  r.post('/auth/logout', requireRole('viewer'), async (req, res, next) => {
    try {
      const p = principalOf(res);
      if (p.kind === 'session') {
        await d.authenticator.logout(p.sessionHash);
        await d.audit.record({ ...auditContext(req, res), action: 'logout' });
      }
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      const endSessionUrl = d.oidc ? await d.oidc.providerLogout(req, res) : null;
      if (endSessionUrl) res.set('Cache-Control', 'no-store').json({ endSessionUrl } satisfies LogoutAnswer);
      else res.status(204).end();
    } catch (err) {
      next(err);
    }
  });

  r.get('/audit', requireRole('admin'), async (req, res, next) => {
    try {
      const q = auditQuerySchema.safeParse(req.query);
      if (!q.success) {
        res.status(400).json({ error: 'invalid_query', detail: formatZodError(q.error, { whole: 'query' }) });
        return;
      }
      res.json({ entries: await d.audit.query(q.data) });
    } catch (err) {
      next(err);
    }
  });

  return r;
}
