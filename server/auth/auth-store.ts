import type { AuditEntry, Role, TokenScope } from '../../common/auth.js';
import type { HistoryStore } from '../store/history-store.js';
import { sqlOf, type Sql } from './sql.js';

export interface UserRecord {
  name: string;
  role: Role;
  /** argon2id (PHC string); null for a user who cannot log in with a password */
  passwordHash: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface TokenRecord {
  id: string;
  name: string;
  scope: TokenScope;
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export interface SessionRecord {
  /** sha256 of the cookie value; the value itself is never stored */
  hash: string;
  userName: string | null;
  tokenId: string | null;
  role: Role;
  csrf: string;
  createdAt: number;
  expiresAt: number;
}

/** A live session with the role it has now (a user's current role; a revoked token's sessions are gone). */
export interface ResolvedSession {
  hash: string;
  name: string;
  role: Role;
  csrf: string;
  tokenId: string | null;
  expiresAt: number;
}

export type NewAuditEntry = Omit<AuditEntry, 'seq'>;

export interface AuditQuery {
  from?: number;
  to?: number;
  action?: string;
  actor?: string;
  limit: number;
}

const USER_COLUMNS = 'name, role, password_hash AS "passwordHash", created_at AS "createdAt", updated_at AS "updatedAt"';
const TOKEN_COLUMNS =
  'id, name, scope, created_at AS "createdAt", created_by AS "createdBy", revoked_at AS "revokedAt", last_used_at AS "lastUsedAt"';

/** Users, access tokens, sessions and the audit log, in the history store's database (migration 2). */
export class AuthStore {
  constructor(private readonly sql: Sql) {}

  static of(store: HistoryStore): AuthStore {
    return new AuthStore(sqlOf(store));
  }

  async users(): Promise<UserRecord[]> {
    return this.sql.all<UserRecord>(`SELECT ${USER_COLUMNS} FROM users ORDER BY name`);
  }

  async user(name: string): Promise<UserRecord | null> {
    return (await this.sql.all<UserRecord>(`SELECT ${USER_COLUMNS} FROM users WHERE name = ?`, [name]))[0] ?? null;
  }

  async countByRole(role: Role): Promise<number> {
    const [row] = await this.sql.all<{ n: number }>('SELECT COUNT(*) AS n FROM users WHERE role = ?', [role]);
    return Number(row.n);
  }

  /** false when the name is taken */
  async addUser(u: { name: string; role: Role; passwordHash: string | null }, now: number): Promise<boolean> {
    const changed = await this.sql.run(
      'INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING',
      [u.name, u.role, u.passwordHash, now, now],
    );
    return changed > 0;
  }

  /**
   * A user who signs in with the OpenID provider: added, or given the role the provider's claims map
   * to now. false when the name belongs to a local account with a password (never taken over).
   */
  async upsertSsoUser(name: string, role: Role, now: number): Promise<boolean> {
    const changed = await this.sql.run(
      `INSERT INTO users (name, role, password_hash, created_at, updated_at) VALUES (?, ?, NULL, ?, ?)
       ON CONFLICT (name) DO UPDATE SET role = excluded.role, updated_at = excluded.updated_at WHERE users.password_hash IS NULL`,
      [name, role, now, now],
    );
    return changed > 0;
  }

  async setPassword(name: string, passwordHash: string, now: number): Promise<boolean> {
    return (await this.sql.run('UPDATE users SET password_hash = ?, updated_at = ? WHERE name = ?', [passwordHash, now, name])) > 0;
  }

  /** Removes the user and every session of theirs. */
  async removeUser(name: string): Promise<boolean> {
    await this.sql.run('DELETE FROM sessions WHERE user_name = ?', [name]);
    return (await this.sql.run('DELETE FROM users WHERE name = ?', [name])) > 0;
  }

  async addToken(t: TokenRecord & { hash: string }): Promise<void> {
    await this.sql.run('INSERT INTO access_tokens (id, name, scope, hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)', [
      t.id,
      t.name,
      t.scope,
      t.hash,
      t.createdAt,
      t.createdBy,
    ]);
  }

  async tokens(): Promise<TokenRecord[]> {
    return this.sql.all<TokenRecord>(`SELECT ${TOKEN_COLUMNS} FROM access_tokens ORDER BY created_at, id`);
  }

  /** the token with this hash, unless revoked */
  async activeToken(hash: string): Promise<TokenRecord | null> {
    return (await this.sql.all<TokenRecord>(`SELECT ${TOKEN_COLUMNS} FROM access_tokens WHERE hash = ? AND revoked_at IS NULL`, [hash]))[0] ?? null;
  }

  async touchToken(id: string, at: number): Promise<void> {
    await this.sql.run('UPDATE access_tokens SET last_used_at = ? WHERE id = ?', [at, id]);
  }

  /** Revokes the token (by id or name) and ends the sessions it opened; the revoked token's id, or null. */
  async revokeToken(idOrName: string, now: number): Promise<string | null> {
    const [row] = await this.sql.all<{ id: string }>('SELECT id FROM access_tokens WHERE (id = ? OR name = ?) AND revoked_at IS NULL ORDER BY created_at LIMIT 1', [
      idOrName,
      idOrName,
    ]);
    if (!row) return null;
    await this.sql.run('UPDATE access_tokens SET revoked_at = ? WHERE id = ?', [now, row.id]);
    await this.sql.run('DELETE FROM sessions WHERE token_id = ?', [row.id]);
    return row.id;
  }

  async addSession(s: SessionRecord): Promise<void> {
    await this.sql.run('INSERT INTO sessions (hash, user_name, token_id, role, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      s.hash,
      s.userName,
      s.tokenId,
      s.role,
      s.csrf,
      s.createdAt,
      s.expiresAt,
    ]);
  }

  /** The session if it has not expired and its user or token still exists. */
  async session(hash: string, now: number): Promise<ResolvedSession | null> {
    const [row] = await this.sql.all<{
      user_name: string | null;
      token_id: string | null;
      role: Role;
      csrf: string;
      expires_at: number;
      user_role: Role | null;
      token_name: string | null;
      revoked_at: number | null;
    }>(
      `SELECT s.user_name, s.token_id, s.role, s.csrf, s.expires_at, u.role AS user_role, t.name AS token_name, t.revoked_at
       FROM sessions s LEFT JOIN users u ON u.name = s.user_name LEFT JOIN access_tokens t ON t.id = s.token_id
       WHERE s.hash = ? AND s.expires_at > ?`,
      [hash, now],
    );
    if (!row) return null;
    const base = { hash, csrf: row.csrf, expiresAt: Number(row.expires_at), tokenId: row.token_id };
    if (row.user_name !== null) return row.user_role === null ? null : { ...base, name: row.user_name, role: row.user_role };
    if (row.token_id !== null) return row.token_name === null || row.revoked_at !== null ? null : { ...base, name: `token:${row.token_name}`, role: row.role };
    return null;
  }

  async deleteSession(hash: string): Promise<void> {
    await this.sql.run('DELETE FROM sessions WHERE hash = ?', [hash]);
  }

  async deleteSessionsOfUser(name: string): Promise<void> {
    await this.sql.run('DELETE FROM sessions WHERE user_name = ?', [name]);
  }

  async deleteExpiredSessions(now: number): Promise<number> {
    return this.sql.run('DELETE FROM sessions WHERE expires_at <= ?', [now]);
  }

  async addAudit(e: NewAuditEntry): Promise<void> {
    await this.sql.run('INSERT INTO audit (at, actor, role, action, target, detail, ip) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      e.at,
      e.actor,
      e.role,
      e.action,
      e.target,
      JSON.stringify(e.detail),
      e.ip,
    ]);
  }

  /** newest first */
  async audit(q: AuditQuery): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const filter = (clause: string, value: unknown) => {
      if (value === undefined) return;
      where.push(clause);
      params.push(value);
    };
    filter('at >= ?', q.from);
    filter('at <= ?', q.to);
    filter('action = ?', q.action);
    filter('actor = ?', q.actor);
    params.push(q.limit);
    const rows = await this.sql.all<Omit<AuditEntry, 'detail'> & { detail: unknown }>(
      `SELECT seq, at, actor, role, action, target, detail, ip FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`,
      params,
    );
    return rows.map((r) => ({
      ...r,
      seq: Number(r.seq),
      at: Number(r.at),
      detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown>,
    }));
  }
}
