import type { Request, Response } from 'express';
import type { Role, TokenScope } from '../../common/auth.js';

/** Who a request or socket comes from, as authenticate() found out. */
export type Principal =
  | { kind: 'anonymous' }
  /** a browser session (password login or a wall token's one-time exchange) */
  | { kind: 'session'; name: string; role: Role; csrf: string; sessionHash: string; tokenId: string | null }
  /** `Authorization: Bearer` with a machine or wall token; `role` is what the scope may read as */
  | { kind: 'token'; name: string; scope: TokenScope; tokenId: string; role: Role | null }
  /** a credential was presented and is wrong, revoked or expired: answered 401, never downgraded to anonymous */
  | { kind: 'invalid'; detail: string };

const ANONYMOUS: Principal = { kind: 'anonymous' };

export function principalOf(res: Response): Principal {
  return (res.locals.principal as Principal | undefined) ?? ANONYMOUS;
}

export function roleOf(p: Principal): Role | null {
  return p.kind === 'session' || p.kind === 'token' ? p.role : null;
}

export function actorOf(p: Principal): string {
  return p.kind === 'session' || p.kind === 'token' ? p.name : 'anonymous';
}

/** who, with which role, from where: what audit.record() needs of a request */
export function auditContext(req: Request, res: Response): { actor: string; role: string | null; ip: string | null } {
  const p = principalOf(res);
  return { actor: actorOf(p), role: roleOf(p), ip: req.ip ?? null };
}
