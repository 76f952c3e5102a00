import type { Role } from '../../common/auth.js';
import type { AuthStore, ResolvedSession } from './auth-store.js';
import { newSecret, sha256, verifyPassword } from './credentials.js';
import type { Principal } from './principal.js';

/** last-used times are written at most this often per token, so a busy ingest token does not write on every request */
const TOUCH_EVERY_MS = 60_000;

export interface NewSession {
  /** the cookie value; only its sha256 is stored */
  secret: string;
  csrf: string;
  name: string;
  role: Role;
  expiresAt: number;
}

/**
 * Turns credentials into a Principal and creates sessions: a session cookie (password login, or a
 * wall token exchanged once) or an `Authorization: Bearer` token.
 */
export class Authenticator {
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly store: () => AuthStore | null,
    private readonly ttl: { sessionMs: number; wallSessionMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  private get db(): AuthStore {
    const s = this.store();
    if (!s) throw new Error('the access store is not open yet');
    return s;
  }

  /** A presented cookie that is unknown or expired counts as none (after a logout elsewhere, reading stays possible). */
  async principal(cookie: string | undefined, bearer: string | undefined): Promise<Principal> {
    if (bearer !== undefined) return this.tokenPrincipal(bearer);
    if (cookie !== undefined) {
      const s = await this.db.session(sha256(cookie), this.now());
      if (s) return sessionPrincipal(s);
    }
    return { kind: 'anonymous' };
  }

  private async tokenPrincipal(secret: string): Promise<Principal> {
    const token = await this.db.activeToken(sha256(secret));
    if (!token) return { kind: 'invalid', detail: 'the token is unknown or revoked' };
    await this.touch(token.id);
    return { kind: 'token', name: `token:${token.name}`, scope: token.scope, tokenId: token.id, role: token.scope === 'wall' ? 'wall' : null };
  }

  private async touch(tokenId: string): Promise<void> {
    const t = this.now();
    if (t - (this.touched.get(tokenId) ?? -Infinity) < TOUCH_EVERY_MS) return;
    this.touched.set(tokenId, t);
    await this.db.touchToken(tokenId, t);
  }

  /** the user's session, or null for an unknown user or a wrong password (the same time either way) */
  async login(name: string, password: string): Promise<NewSession | null> {
    const user = await this.db.user(name);
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok) return null;
    return this.open({ userName: user.name, tokenId: null, role: user.role, name: user.name }, this.ttl.sessionMs);
  }

  /**
   * A user the OpenID provider vouched for, with the role its claims map to: recorded (or updated) as
   * a user without a password, and given a session like a password login. null if a local account
   * with a password has that name.
   */
  async ssoLogin(name: string, role: Role): Promise<NewSession | null> {
    if (!(await this.db.upsertSsoUser(name, role, this.now()))) return null;
    return this.open({ userName: name, tokenId: null, role, name }, this.ttl.sessionMs);
  }

  /** An SSO user (no password) the provider no longer gives a role: their open sessions end too. */
  async endSsoSessions(name: string): Promise<void> {
    const user = await this.db.user(name);
    if (user && user.passwordHash === null) await this.db.deleteSessionsOfUser(name);
  }

  /** A wall token exchanged for a session cookie (`/?wall=1&token=…`); null if the token is no wall token. */
  async wallLogin(secret: string): Promise<NewSession | null> {
    const token = await this.db.activeToken(sha256(secret));
    if (!token || token.scope !== 'wall') return null;
    this.touched.delete(token.id);
    await this.touch(token.id);
    return this.open({ userName: null, tokenId: token.id, role: 'wall', name: `token:${token.name}` }, this.ttl.wallSessionMs);
  }

  async logout(sessionHash: string): Promise<void> {
    await this.db.deleteSession(sessionHash);
  }

  private async open(s: { userName: string | null; tokenId: string | null; role: Role; name: string }, ttlMs: number): Promise<NewSession> {
    const secret = newSecret('sps');
    const csrf = newSecret('sps');
    const createdAt = this.now();
    const expiresAt = createdAt + ttlMs;
    await this.db.addSession({ hash: sha256(secret), userName: s.userName, tokenId: s.tokenId, role: s.role, csrf, createdAt, expiresAt });
    return { secret, csrf, name: s.name, role: s.role, expiresAt };
  }
}

function sessionPrincipal(s: ResolvedSession): Principal {
  return { kind: 'session', name: s.name, role: s.role, csrf: s.csrf, sessionHash: s.hash, tokenId: s.tokenId };
}

/** The token of an `Authorization: Bearer …` header. */
export function bearerOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : undefined;
}
