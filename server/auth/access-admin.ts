import { randomBytes } from 'node:crypto';
import type { Role, TokenScope } from '../../common/auth.js';
import type { Logger } from '../logger.js';
import type { AuditLog } from './audit-log.js';
import type { AuthStore } from './auth-store.js';
import { hashPassword, MIN_PASSWORD_LENGTH, newSecret, oneTimePassword, sha256 } from './credentials.js';

/**
 * Managing users and tokens (the CLI, the first start). Every change goes to the audit log with
 * the actor that made it (`cli` for the command line, `system` for the first start).
 */
export class AccessAdmin {
  constructor(
    private readonly store: AuthStore,
    private readonly audit: AuditLog,
    private readonly actor: string,
    private readonly now: () => number = Date.now,
  ) {}

  async addUser(name: string, role: Role, password: string): Promise<void> {
    checkUserName(name);
    checkPassword(password);
    const added = await this.store.addUser({ name, role, passwordHash: await hashPassword(password) }, this.now());
    if (!added) throw new AccessError(`user "${name}" exists already (use passwd to change the password)`);
    await this.audit.record({ actor: this.actor, action: 'user_added', target: name, detail: { role } });
  }

  async setPassword(name: string, password: string): Promise<void> {
    checkPassword(password);
    if (!(await this.store.setPassword(name, await hashPassword(password), this.now()))) throw new AccessError(`no user "${name}"`);
    // A new password ends every session opened with the old one.
    await this.store.deleteSessionsOfUser(name);
    await this.audit.record({ actor: this.actor, action: 'user_password_changed', target: name });
  }

  async removeUser(name: string): Promise<void> {
    const user = await this.store.user(name);
    if (!user) throw new AccessError(`no user "${name}"`);
    if (user.role === 'admin' && (await this.store.countByRole('admin')) <= 1) throw new AccessError(`"${name}" is the last admin; add another admin first`);
    await this.store.removeUser(name);
    await this.audit.record({ actor: this.actor, action: 'user_removed', target: name, detail: { role: user.role } });
  }

  /** The token's secret is returned once and never stored. */
  async createToken(scope: TokenScope, name: string): Promise<{ id: string; secret: string }> {
    if (!/^[\w.@ -]{1,100}$/.test(name)) throw new AccessError('token name: 1–100 letters, digits, space, . _ @ -');
    const id = `tok_${randomBytes(6).toString('hex')}`;
    const secret = newSecret('stp');
    await this.store.addToken({ id, name, scope, hash: sha256(secret), createdAt: this.now(), createdBy: this.actor, revokedAt: null, lastUsedAt: null });
    await this.audit.record({ actor: this.actor, action: 'token_created', target: id, detail: { name, scope } });
    return { id, secret };
  }

  async revokeToken(idOrName: string): Promise<string> {
    const id = await this.store.revokeToken(idOrName, this.now());
    if (id === null) throw new AccessError(`no active token "${idOrName}"`);
    await this.audit.record({ actor: this.actor, action: 'token_revoked', target: id });
    return id;
  }

  /**
   * First start: with no admin in the store, creates ADMIN_USER with ADMIN_PASSWORD, or with a generated
   * password printed to the log this once. An existing admin is never touched.
   */
  async ensureAdmin(user: string, password: string | null, log: Logger): Promise<void> {
    if ((await this.store.countByRole('admin')) > 0) return;
    const generated = password === null ? oneTimePassword() : null;
    const effective = password ?? generated!;
    if (await this.store.user(user)) {
      throw new AccessError(`no admin in the store, and "${user}" exists with another role; make one an admin with the CLI (npm run users)`);
    }
    await this.addUser(user, 'admin', effective);
    if (generated) {
      // Printed once: the store keeps only its argon2id hash.
      log.warn({ user, generatedPassword: generated }, 'first start: admin created with a generated password (shown only now); change it with `npm run users -- passwd admin`');
    } else {
      log.info({ user }, 'first start: admin created from ADMIN_PASSWORD');
    }
  }
}

export class AccessError extends Error {}

function checkUserName(name: string): void {
  if (!/^[\w.@-]{1,100}$/.test(name)) throw new AccessError('user name: 1–100 letters, digits, . _ @ -');
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new AccessError(`password: at least ${MIN_PASSWORD_LENGTH} characters`);
  if (password.length > 1000) throw new AccessError('password: at most 1000 characters');
}
