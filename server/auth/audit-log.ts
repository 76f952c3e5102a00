import type { AuditAction, AuditEntry } from '../../common/auth.js';
import type { Logger } from '../logger.js';
import type { AuditQuery, AuthStore } from './auth-store.js';

export interface AuditRecord {
  /** a user name, `token:<name>`, `cli`, `system` or `anonymous` */
  actor: string;
  role?: string | null;
  action: AuditAction | (string & {});
  target?: string | null;
  detail?: Record<string, unknown>;
  ip?: string | null;
}

/**
 * The audit log: one row in the store and one structured log line (`audit: true`) per action.
 * record() never throws: a store that fails is logged as an error, and the action it records has
 * already happened, so it must not be answered as failed.
 */
export class AuditLog {
  constructor(
    private readonly store: () => AuthStore | null,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async record(r: AuditRecord): Promise<void> {
    const entry = { at: this.now(), actor: r.actor, role: r.role ?? null, action: r.action, target: r.target ?? null, detail: r.detail ?? {}, ip: r.ip ?? null };
    this.log.info({ audit: true, ...entry }, `audit ${entry.action}`);
    const store = this.store();
    if (!store) {
      this.log.error({ action: entry.action }, 'audit entry not stored: the store is not open');
      return;
    }
    try {
      await store.addAudit(entry);
    } catch (err) {
      this.log.error({ err, action: entry.action }, 'audit entry not stored');
    }
  }

  async query(q: AuditQuery): Promise<AuditEntry[]> {
    const store = this.store();
    return store ? store.audit(q) : [];
  }
}
