import type { Role } from '../../common/auth.js';

/** The user-name rule of local accounts (ADMIN_USER, the CLI), kept for names from the provider too. */
const NAME_RULE = /^[\w.@-]{1,100}$/;

/** which mapped role wins when a user has several (a person mapped to both gets viewer rather than wall) */
const RANK: Record<Role, number> = { wall: 0, viewer: 1, planner: 2, operator: 3, admin: 4 };

export type SsoIdentity = { ok: true; name: string; role: Role } | { ok: false; reason: 'no_role' | 'bad_name'; detail: string };

/** A claim by name, or by dotted path into nested objects (Keycloak's realm_access.roles); a name with dots that exists as-is wins. */
export function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let at: unknown = claims;
  for (const part of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** A claim's values as strings: one string, an array of strings, or a space-separated list (as some providers send). */
export function claimValues(v: unknown): string[] {
  if (typeof v === 'string') return v.split(/\s+/).filter((s) => s.length > 0);
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

/**
 * Who a provider's claims make the user in Stadtpuls: the name from `nameClaim` (else email), the
 * highest role any of the role claim's values maps to. No mapped value: refused, never a viewer by default.
 */
export function identityFromClaims(
  claims: Record<string, unknown>,
  o: { roleClaim: string; roleMap: ReadonlyArray<{ value: string; role: Role }>; nameClaim: string },
): SsoIdentity {
  const rawName = claimAt(claims, o.nameClaim) ?? claims.email;
  const name = typeof rawName === 'string' ? rawName.trim() : '';
  if (!NAME_RULE.test(name)) {
    return { ok: false, reason: 'bad_name', detail: `the provider's ${o.nameClaim} claim ${name ? `"${name.slice(0, 100)}" ` : ''}is no usable user name (letters, digits, . _ @ -)` };
  }
  const values = claimValues(claimAt(claims, o.roleClaim));
  const roles = o.roleMap.filter((m) => values.includes(m.value)).map((m) => m.role);
  if (roles.length === 0) {
    const had = values.length > 0 ? `has ${values.slice(0, 20).join(', ')}` : 'is missing';
    return {
      ok: false,
      reason: 'no_role',
      detail: `${name} has no Stadtpuls role: the ${o.roleClaim} claim ${had}; OIDC_ROLE_MAP gives a role only for ${o.roleMap.map((m) => m.value).join(', ')}`,
    };
  }
  return { ok: true, name, role: roles.reduce((a, b) => (RANK[b] > RANK[a] ? b : a)) };
}
