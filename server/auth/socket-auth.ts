import type { IncomingMessage } from 'node:http';
import type { Socket } from 'socket.io';
import { roleSatisfies } from '../../common/auth.js';
import type { Authenticator } from './authenticator.js';
import { bearerOf } from './authenticator.js';
import { cookieValue, SESSION_COOKIE } from './cookies.js';
import { originAllowed } from './origin.js';
import { LOGIN_REQUIRED } from './require-role.js';
import type { Principal } from './principal.js';
import type { Logger } from '../logger.js';

export interface SocketAuthOptions {
  authenticator: Authenticator;
  publicRead: boolean;
  allowedOrigins: readonly string[] | null;
  /** the host a request was sent to (X-Forwarded-Host behind TRUST_PROXY) */
  hostOf: (req: IncomingMessage) => string | undefined;
  log: Logger;
}

/**
 * Engine.io's allowRequest: a browser page from a foreign origin is refused before any transport opens
 * (HTTP 403 for polling and the WebSocket upgrade alike). No Origin: a non-browser client (see originAllowed).
 */
export function socketOriginCheck(o: Pick<SocketAuthOptions, 'allowedOrigins' | 'hostOf'>) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    const origin = req.headers.origin;
    const ok = originAllowed(origin, o.hostOf(req), o.allowedOrigins);
    callback(ok ? null : 'origin not allowed', ok);
  };
}

type AuthError = Error & { data?: { status: number; detail: string } };

function refused(status: number, message: string, detail: string): AuthError {
  const err: AuthError = new Error(message);
  err.data = { status, detail };
  return err;
}

/**
 * Socket.IO middleware: who connects, from the session cookie, a token in `auth.token` or an
 * `Authorization: Bearer` header. A wrong credential is refused (401), never taken as anonymous;
 * anonymous readers only with PUBLIC_READ=on; an ingest token does not read (403).
 * The client sees the refusal as connect_error with `message` and `data`.
 */
export function socketAuth(o: SocketAuthOptions) {
  return async (socket: Socket, next: (err?: Error) => void): Promise<void> => {
    try {
      const h = socket.handshake;
      const authToken = typeof h.auth?.token === 'string' ? (h.auth.token as string) : undefined;
      const bearer = authToken ?? bearerOf(h.headers.authorization);
      const principal: Principal = await o.authenticator.principal(cookieValue(h.headers.cookie, SESSION_COOKIE), bearer);
      if (principal.kind === 'invalid') return next(refused(401, LOGIN_REQUIRED, principal.detail));
      if (principal.kind === 'anonymous') {
        if (!o.publicRead) return next(refused(401, LOGIN_REQUIRED, 'reading needs a login (PUBLIC_READ=off)'));
      } else if (principal.role === null || !roleSatisfies(principal.role, 'viewer')) {
        return next(refused(403, 'forbidden', 'this token may not read the live stream'));
      }
      socket.data.principal = principal;
      next();
    } catch (err) {
      o.log.error({ err }, 'socket authentication failed');
      next(refused(500, 'internal_error', 'the server could not check this connection'));
    }
  };
}
