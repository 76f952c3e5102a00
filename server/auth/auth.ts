import type { IncomingMessage } from 'node:http';
import type { RequestHandler, Router } from 'express';
import type { Logger } from '../logger.js';
import type { HistoryStore } from '../store/history-store.js';
import { AccessAdmin } from './access-admin.js';
import type { AuthConfig } from './auth-config.js';
import { authRoutes } from './auth-routes.js';
import { AuthStore } from './auth-store.js';
import { AuditLog } from './audit-log.js';
import { Authenticator, bearerOf } from './authenticator.js';
import { cookieValue, SESSION_COOKIE } from './cookies.js';
import { oidcSignIn } from './oidc-login.js';
import { originAllowed } from './origin.js';
import { writeLimiter } from './rate-limits.js';
import { isSafeMethod, requireRole } from './require-role.js';
import { socketAuth, socketOriginCheck } from './socket-auth.js';
import { wallLogin } from './wall-login.js';

const PURGE_EVERY_MS = 3_600_000;

/** Paths under /api that answer without a login even with PUBLIC_READ=off: probes and the login itself. */
const OPEN_PATHS = ['/health', '/ready', '/auth/', '/ingest'];

/**
 * Who may do what (docs/security.md): users, sessions, tokens and the audit log in the history
 * store, and the middleware that enforces the roles. Routes are mounted when the server is built;
 * the store is attached in start() (open()), before the server listens.
 */
export class Auth {
  private authStore: AuthStore | null = null;
  private purgeTimer: NodeJS.Timeout | null = null;
  readonly audit: AuditLog;
  readonly authenticator: Authenticator;

  constructor(
    readonly config: AuthConfig,
    private readonly log: Logger,
  ) {
    this.audit = new AuditLog(() => this.authStore, log);
    this.authenticator = new Authenticator(() => this.authStore, { sessionMs: config.sessionTtlMs, wallSessionMs: config.wallSessionTtlMs });
    this.writeLimiter = writeLimiter({ perMinute: config.writesPerMinute });
    const loginLimit = { maxFailures: config.loginMaxFailures, windowMs: config.loginLockoutMs };
    this.routes = authRoutes({
      authenticator: this.authenticator,
      audit: this.audit,
      publicRead: config.publicRead,
      loginLimit,
      oidc: config.oidc ? oidcSignIn({ config: config.oidc, authenticator: this.authenticator, audit: this.audit, log, loginLimit }) : null,
    });
    this.wallLogin = wallLogin({ authenticator: this.authenticator, audit: this.audit });
    const socketOptions = { authenticator: this.authenticator, publicRead: config.publicRead, allowedOrigins: config.allowedOrigins, hostOf: this.hostOf, log };
    this.socket = { allowRequest: socketOriginCheck(socketOptions), middleware: socketAuth(socketOptions) };
  }

  get store(): AuthStore | null {
    return this.authStore;
  }

  /** Attaches the store (migrated), creates the first admin if there is none, and purges expired sessions hourly. */
  async open(history: HistoryStore): Promise<void> {
    this.authStore = AuthStore.of(history);
    await new AccessAdmin(this.authStore, this.audit, 'system').ensureAdmin(this.config.adminUser, this.config.adminPassword, this.log);
    const purge = () => void this.authStore?.deleteExpiredSessions(Date.now()).catch((err) => this.log.warn({ err }, 'purging expired sessions failed'));
    purge();
    this.purgeTimer = setInterval(purge, PURGE_EVERY_MS).unref();
  }

  close(): void {
    if (this.purgeTimer) clearInterval(this.purgeTimer);
    this.authStore = null;
  }

  /** The host a request was sent to, as the browser's Origin would name it. */
  private readonly hostOf = (req: IncomingMessage): string | undefined => {
    const forwarded = this.config.trustProxy !== false ? req.headers['x-forwarded-host'] : undefined;
    const host = typeof forwarded === 'string' ? forwarded.split(',')[0].trim() : req.headers.host;
    return host || undefined;
  };

  /** On /api: finds the principal (res.locals.principal) from the session cookie or a Bearer token. */
  readonly authenticate: RequestHandler = async (req, res, next) => {
    try {
      res.locals.principal = await this.authenticator.principal(cookieValue(req.headers.cookie, SESSION_COOKIE), bearerOf(req.get('authorization')));
      next();
    } catch (err) {
      next(err);
    }
  };

  /** On /api: a write from a browser page of a foreign origin is refused whatever credentials it carries. */
  readonly originGuard: RequestHandler = (req, res, next) => {
    if (isSafeMethod(req.method) || originAllowed(req.get('origin'), this.hostOf(req), this.config.allowedOrigins)) return next();
    res.status(403).json({ error: 'forbidden', detail: 'requests from this origin are not allowed (ALLOWED_ORIGINS)' });
  };

  /** On /api, with PUBLIC_READ=off: reading needs at least the viewer role (probes and login stay open). */
  readonly readGate: RequestHandler = (req, res, next) => {
    if (this.config.publicRead || OPEN_PATHS.some((p) => req.path === p.replace(/\/$/, '') || req.path.startsWith(p))) return next();
    return requireRole('viewer')(req, res, next);
  };

  /** POST/PUT/PATCH/DELETE under /api per address and minute (ingest and login have their own rules) */
  readonly writeLimiter: RequestHandler;
  /** /api/auth/login, /api/auth/logout, /api/auth/me, /api/audit; /api/auth/oidc/login and /callback with OIDC_ISSUER */
  readonly routes: Router;
  /** `/?wall=1&token=…` → session cookie and a redirect without the token */
  readonly wallLogin: RequestHandler;
  /** Socket.IO: origin check at the transport (allowRequest) and authentication at the handshake (io.use) */
  readonly socket: { allowRequest: ReturnType<typeof socketOriginCheck>; middleware: ReturnType<typeof socketAuth> };
}
