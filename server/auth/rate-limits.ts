import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { isSafeMethod } from './require-role.js';

/**
 * Login: LOGIN_MAX_FAILURES wrong passwords from one address within LOGIN_LOCKOUT_MIN, and the next
 * attempt (right or wrong) is answered 429 with Retry-After until the window has passed. Successful
 * logins do not count. Counters are in memory: a restart forgets them (documented in docs/security.md).
 */
export function loginLimiter(o: { maxFailures: number; windowMs: number }): RequestHandler {
  return rateLimit({
    windowMs: o.windowMs,
    limit: o.maxFailures,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // express-rate-limit's own checks would print to the console, outside the server's log
    validate: false,
    handler: (_req, res) => {
      res.status(429).json({ error: 'too_many_requests', detail: `${o.maxFailures} failed logins from this address; try again after Retry-After seconds` });
    },
  });
}

/** Writes (POST/PUT/PATCH/DELETE under /api, except ingest and login, which have their own rules) per address and minute. */
export function writeLimiter(o: { perMinute: number }): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: o.perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    validate: false,
    skip: (req) => isSafeMethod(req.method) || req.path.startsWith('/ingest') || req.path === '/auth/login',
    handler: (_req, res) => {
      res.status(429).json({ error: 'too_many_requests', detail: `more than ${o.perMinute} writes a minute from this address; try again after Retry-After seconds` });
    },
  });
}
