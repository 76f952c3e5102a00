import type { RequestHandler } from 'express';
import type { AuditLog } from './audit-log.js';
import type { Authenticator } from './authenticator.js';
import { SESSION_COOKIE, sessionCookieOptions } from './cookies.js';

/**
 * `/?wall=1&token=…`: a wall display opens its URL once with a wall token; the server exchanges the
 * token for a session cookie and redirects (303) to the same URL without the token, so the token
 * leaves the address bar, the history and every later request line. Only page loads (GET outside
 * /api) are looked at. The token itself is never logged (server/redact.ts also redacts `token=`).
 */
export function wallLogin(d: { authenticator: Authenticator; audit: AuditLog; now?: () => number }): RequestHandler {
  const now = d.now ?? Date.now;
  return async (req, res, next) => {
    if (req.method !== 'GET' || req.path.startsWith('/api/') || typeof req.query.token !== 'string') return next();
    try {
      const url = new URL(req.originalUrl, 'http://placeholder');
      const secret = url.searchParams.get('token') ?? '';
      url.searchParams.delete('token');
      const clean = `${url.pathname}${url.search}`;
      const session = await d.authenticator.wallLogin(secret);
      if (!session) {
        await d.audit.record({ actor: 'anonymous', action: 'login_failed', ip: req.ip ?? null, detail: { method: 'wall_token' } });
        res.status(401).json({ error: 'login required', detail: 'the wall token is unknown, revoked or not a wall token' });
        return;
      }
      res.cookie(SESSION_COOKIE, session.secret, sessionCookieOptions(req, session.expiresAt - now()));
      await d.audit.record({ actor: session.name, role: session.role, action: 'wall_login', ip: req.ip ?? null });
      res.set('Cache-Control', 'no-store').redirect(303, clean);
    } catch (err) {
      next(err);
    }
  };
}
