import { z } from 'zod';
import { roleSchema, type Role } from '../../common/auth.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `value:role,value:role`; a value may itself hold colons (the role is after the last one). */
const roleMapSchema = z
  .string()
  .transform((s) => s.split(',').map((e) => e.trim()).filter((e) => e.length > 0))
  .pipe(
    z.array(
      z
        .string()
        .transform((entry) => {
          const at = entry.lastIndexOf(':');
          return { value: at > 0 ? entry.slice(0, at).trim() : '', role: at > 0 ? entry.slice(at + 1).trim() : entry };
        })
        .pipe(
          z.object({
            value: z.string().min(1, 'OIDC_ROLE_MAP entries are claim-value:role, e.g. stadtpuls-operator:operator'),
            role: roleSchema,
          }),
        ),
    ),
  );

/** Single sign-on settings, part of the auth env schema (server/auth/auth-config.ts); README.md documents each. */
export const oidcEnvSchema = z.object({
  /** the OpenID provider, e.g. https://sso.bochum.de/realms/stadt (Keycloak) or https://login.microsoftonline.com/<tenant>/v2.0 (Azure AD) */
  OIDC_ISSUER: z
    .url()
    .refine((u) => {
      const p = new URL(u);
      return p.protocol === 'https:' || (p.protocol === 'http:' && LOOPBACK.has(p.hostname));
    }, 'OIDC_ISSUER must be https (plain http only on localhost)')
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  /** where the role is in the ID token or userinfo: a claim name or a dotted path (Keycloak: realm_access.roles) */
  OIDC_ROLE_CLAIM: z.string().regex(/^[\w:/.-]{1,200}$/, 'OIDC_ROLE_CLAIM: a claim name or dotted path').default('roles'),
  /** which claim value gives which Stadtpuls role; a user with several gets the highest */
  OIDC_ROLE_MAP: roleMapSchema.optional(),
  /** the claim that names the user in Stadtpuls (audit log, header); falls back to email */
  OIDC_NAME_CLAIM: z.string().regex(/^[\w:/.-]{1,200}$/).default('preferred_username'),
  OIDC_SCOPES: z.string().regex(/^[\w:/. -]+$/).default('openid profile email'),
  /** the callback as the provider must call it (registered there); unset: this server's own origin + /api/auth/oidc/callback */
  OIDC_REDIRECT_URL: z.url().optional(),
});
export type OidcEnv = z.infer<typeof oidcEnvSchema>;

export interface OidcConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  roleClaim: string;
  roleMap: Array<{ value: string; role: Role }>;
  nameClaim: string;
  scopes: string;
  redirectUrl: string | null;
}

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

/** null without OIDC_ISSUER; an error naming what is missing when the issuer is set but the rest is not. */
export function toOidcConfig(e: OidcEnv): OidcConfig | null {
  if (e.OIDC_ISSUER === undefined) {
    const stray = (['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ROLE_MAP'] as const).filter((k) => e[k] !== undefined);
    if (stray.length > 0) throw new Error(`invalid configuration: ${stray.join(', ')} set without OIDC_ISSUER`);
    return null;
  }
  const missing = (['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const).filter((k) => e[k] === undefined);
  if (missing.length > 0) throw new Error(`invalid configuration: OIDC_ISSUER needs ${missing.join(' and ')}`);
  if (!e.OIDC_ROLE_MAP || e.OIDC_ROLE_MAP.length === 0) {
    throw new Error('invalid configuration: OIDC_ISSUER needs OIDC_ROLE_MAP (e.g. stadtpuls-operator:operator,stadtpuls-admin:admin); without it nobody could sign in');
  }
  return {
    issuer: new URL(e.OIDC_ISSUER),
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET!,
    roleClaim: e.OIDC_ROLE_CLAIM,
    roleMap: e.OIDC_ROLE_MAP,
    nameClaim: e.OIDC_NAME_CLAIM,
    scopes: e.OIDC_SCOPES.includes('openid') ? e.OIDC_SCOPES : `openid ${e.OIDC_SCOPES}`,
    redirectUrl: e.OIDC_REDIRECT_URL ?? null,
  };
}
