import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './credentials.js';
import { oidcEnvSchema, toOidcConfig, type OidcConfig } from './oidc-config.js';

const onOff = z.enum(['on', 'off']);

/** Access settings, merged into server/config.ts's env schema; README.md documents each. */
export const authEnvSchema = z.object({
  /** `on`: anonymous visitors may read (map, REST reads, live stream); every write needs a role either way */
  PUBLIC_READ: onOff.default('on'),
  /** origins allowed for Socket.IO and cookie writes, comma-separated; unset: the server's own (the Host header) */
  ALLOWED_ORIGINS: z
    .string()
    .transform((s) => s.split(',').map((o) => o.trim()).filter((o) => o.length > 0))
    .pipe(z.array(z.url().transform((u) => new URL(u).origin)))
    .optional(),
  /** Express `trust proxy`: `off`, a hop count, or addresses/subnets of the reverse proxy (`loopback`, `10.0.0.0/8`) */
  TRUST_PROXY: z.string().default('off'),
  ADMIN_USER: z.string().regex(/^[\w.@-]{1,100}$/, 'ADMIN_USER: letters, digits, . _ @ -').default('admin'),
  ADMIN_PASSWORD: z.string().min(MIN_PASSWORD_LENGTH, `ADMIN_PASSWORD needs at least ${MIN_PASSWORD_LENGTH} characters`).optional(),
  SESSION_TTL_H: z.coerce.number().positive().max(24 * 30).default(12),
  /** a wall display logs in once with its token; its session lasts this long unless the token is revoked */
  WALL_SESSION_TTL_D: z.coerce.number().positive().max(400).default(400),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_LOCKOUT_MIN: z.coerce.number().positive().max(24 * 60).default(15),
  WRITE_RATE_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(60),
}).extend(oidcEnvSchema.shape);
export type AuthEnv = z.infer<typeof authEnvSchema>;

export interface AuthConfig {
  publicRead: boolean;
  /** null: same origin as the request's Host */
  allowedOrigins: string[] | null;
  trustProxy: boolean | number | string;
  adminUser: string;
  adminPassword: string | null;
  sessionTtlMs: number;
  wallSessionTtlMs: number;
  loginMaxFailures: number;
  loginLockoutMs: number;
  writesPerMinute: number;
  /** single sign-on with an OpenID provider; null: password login only */
  oidc: OidcConfig | null;
}

function trustProxy(v: string): boolean | number | string {
  if (v === 'off' || v === 'false') return false;
  if (v === 'on' || v === 'true') return true;
  return /^\d+$/.test(v) ? Number(v) : v;
}

export function toAuthConfig(e: AuthEnv): AuthConfig {
  return {
    publicRead: e.PUBLIC_READ === 'on',
    allowedOrigins: e.ALLOWED_ORIGINS ?? null,
    trustProxy: trustProxy(e.TRUST_PROXY),
    adminUser: e.ADMIN_USER,
    adminPassword: e.ADMIN_PASSWORD ?? null,
    sessionTtlMs: e.SESSION_TTL_H * 3_600_000,
    wallSessionTtlMs: e.WALL_SESSION_TTL_D * 86_400_000,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockoutMs: e.LOGIN_LOCKOUT_MIN * 60_000,
    writesPerMinute: e.WRITE_RATE_PER_MIN,
    oidc: toOidcConfig(e),
  };
}

/** Settings for tests and tools that build an Auth without the environment. */
export const DEFAULT_AUTH_CONFIG: AuthConfig = toAuthConfig(authEnvSchema.parse({}));
