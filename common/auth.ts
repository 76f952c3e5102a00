import { z } from 'zod';

/**
 * Who may do what (docs/security.md). Roles are ranked: admin ⊇ operator ⊇ planner ⊇ viewer.
 * `wall` reads like a viewer and is meant for unattended displays (it is what a wall token logs in as).
 */
export const ROLES = ['viewer', 'wall', 'planner', 'operator', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

const RANK: Record<Role, number> = { viewer: 1, wall: 1, planner: 2, operator: 3, admin: 4 };

/** Whether `have` may do what needs `need` (a wall may read, like a viewer, and nothing more). */
export function roleSatisfies(have: Role, need: Role): boolean {
  if (need === 'wall') return have === 'wall' || RANK[have] >= RANK.viewer;
  return RANK[have] >= RANK[need];
}

/** What a machine or wall token may do: `wall` logs a display in read-only, `ingest` may POST /api/ingest. */
export const TOKEN_SCOPES = ['wall', 'ingest'] as const;
export const tokenScopeSchema = z.enum(TOKEN_SCOPES);
export type TokenScope = z.infer<typeof tokenScopeSchema>;

export const loginRequestSchema = z.strictObject({
  name: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** GET /api/auth/me (and the answer to a login): who the browser is, and the CSRF token its writes must send. */
export const authStatusSchema = z.object({
  user: z.object({ name: z.string(), role: roleSchema }).nullable(),
  /** send as `X-CSRF-Token` on every POST/PUT/PATCH/DELETE made with the session cookie */
  csrfToken: z.string().nullable(),
  /** anonymous visitors may read (PUBLIC_READ=on) */
  publicRead: z.boolean(),
  /** single sign-on is configured: the login page offers GET /api/auth/oidc/login */
  oidc: z.boolean(),
});
export type AuthStatus = z.infer<typeof authStatusSchema>;

/** POST /api/auth/logout of a single sign-on session (200; otherwise 204, no body): the provider's end-session address to send the browser to. */
export const logoutAnswerSchema = z.object({ endSessionUrl: z.url() });
export type LogoutAnswer = z.infer<typeof logoutAnswerSchema>;

export const CSRF_HEADER = 'x-csrf-token';

/** What the audit log records. Open to new actions (alert acknowledgement records its own). */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'wall_login',
  'closure_set',
  'closure_edited',
  'closure_lifted',
  'token_created',
  'token_revoked',
  'user_added',
  'user_removed',
  'user_password_changed',
  'alert_acknowledged',
  'alert_shelved',
  /** a simulated scenario started (SCENARIO at start) */
  'scenario_started',
  /** an admin switched the scenario at run time (POST /api/scenario), with from, to and the new run */
  'scenario_switched',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  /** wall-clock time, epoch ms */
  at: z.number(),
  /** a user name, `token:<name>`, `cli`, `system`, or `anonymous` */
  actor: z.string(),
  role: z.string().nullable(),
  action: z.string(),
  /** what was acted on: a closure id, a user name, a token id … */
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  /** the client's address as the server saw it (behind TRUST_PROXY: the forwarded one) */
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
