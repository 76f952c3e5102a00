import { describe, expect, it } from 'vitest';
import { authEnvSchema, toAuthConfig } from './auth-config.js';
import { identityFromClaims } from './oidc-roles.js';

const MAP = [
  { value: 'stadtpuls-viewer', role: 'viewer' as const },
  { value: 'stadtpuls-wall', role: 'wall' as const },
  { value: 'stadtpuls-operator', role: 'operator' as const },
  { value: 'stadtpuls-admin', role: 'admin' as const },
];
const opts = (roleClaim = 'roles') => ({ roleClaim, roleMap: MAP, nameClaim: 'preferred_username' });

describe('identityFromClaims', () => {
  it.each([
    ['one mapped value', { preferred_username: 'k.schmidt', roles: ['stadtpuls-operator'] }, 'roles', { ok: true, name: 'k.schmidt', role: 'operator' }],
    ['the highest of several', { preferred_username: 'b', roles: ['stadtpuls-viewer', 'stadtpuls-admin', 'x'] }, 'roles', { ok: true, name: 'b', role: 'admin' }],
    ['a person mapped to viewer and wall reads as viewer', { preferred_username: 'c', roles: ['stadtpuls-wall', 'stadtpuls-viewer'] }, 'roles', { ok: true, name: 'c', role: 'viewer' }],
    ['one string, not an array', { preferred_username: 'd', roles: 'stadtpuls-operator' }, 'roles', { ok: true, name: 'd', role: 'operator' }],
    ['Keycloak realm roles by dotted path', { preferred_username: 'e', realm_access: { roles: ['stadtpuls-admin'] } }, 'realm_access.roles', { ok: true, name: 'e', role: 'admin' }],
    ['a claim whose name has dots, as-is', { preferred_username: 'f', 'https://bochum.de/roles': ['stadtpuls-operator'] }, 'https://bochum.de/roles', { ok: true, name: 'f', role: 'operator' }],
    ['the email when there is no preferred_username', { email: 'g@bochum.de', roles: ['stadtpuls-viewer'] }, 'roles', { ok: true, name: 'g@bochum.de', role: 'viewer' }],
  ])('%s', (_what, claims, roleClaim, expected) => {
    expect(identityFromClaims(claims, opts(roleClaim))).toEqual(expected);
  });

  it.each([
    ['no mapped value', { preferred_username: 'a', roles: ['mitarbeiter'] }, 'no_role', /a has no Stadtpuls role: the roles claim has mitarbeiter/],
    ['no role claim', { preferred_username: 'a' }, 'no_role', /roles claim is missing/],
    ['a role claim that is no string', { preferred_username: 'a', roles: [1, 2] }, 'no_role', /roles claim is missing/],
    ['no name', { roles: ['stadtpuls-admin'] }, 'bad_name', /no usable user name/],
    ['a name with spaces', { preferred_username: 'Karl Schmidt', roles: ['stadtpuls-admin'] }, 'bad_name', /"Karl Schmidt" is no usable/],
  ])('refuses: %s', (_what, claims, reason, detail) => {
    const r = identityFromClaims(claims, opts());
    expect(r).toMatchObject({ ok: false, reason });
    if (!r.ok) expect(r.detail).toMatch(detail);
  });
});

describe('OIDC settings', () => {
  const oidcOf = (env: Record<string, string>) => toAuthConfig(authEnvSchema.parse(env)).oidc;
  const full = { OIDC_ISSUER: 'https://sso.bochum.de/realms/stadt', OIDC_CLIENT_ID: 'stadtpuls', OIDC_CLIENT_SECRET: 's3cret' };

  it('is off without OIDC_ISSUER', () => {
    expect(oidcOf({})).toBeNull();
  });

  it('parses the role map, with colons inside a value', () => {
    expect(oidcOf({ ...full, OIDC_ROLE_MAP: 'stadtpuls-operator:operator, urn:bochum:leitstelle:admin' })).toMatchObject({
      roleClaim: 'roles',
      roleMap: [
        { value: 'stadtpuls-operator', role: 'operator' },
        { value: 'urn:bochum:leitstelle', role: 'admin' },
      ],
      scopes: 'openid profile email',
      redirectUrl: null,
    });
  });

  it.each([
    [{ ...full }, /needs OIDC_ROLE_MAP/],
    [{ OIDC_ISSUER: full.OIDC_ISSUER, OIDC_ROLE_MAP: 'a:viewer' }, /needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/],
    [{ OIDC_CLIENT_ID: 'x' }, /OIDC_CLIENT_ID set without OIDC_ISSUER/],
  ])('refuses an incomplete setting %#', (env, message) => {
    expect(() => oidcOf(env)).toThrow(message);
  });

  it.each([
    [{ ...full, OIDC_ROLE_MAP: 'stadtpuls-operator:superuser' }, /OIDC_ROLE_MAP/],
    [{ ...full, OIDC_ROLE_MAP: 'operator' }, /claim-value:role/],
    [{ ...full, OIDC_ISSUER: 'http://sso.bochum.de', OIDC_ROLE_MAP: 'a:viewer' }, /must be https/],
  ])('refuses a malformed setting %#', (env, message) => {
    const parsed = authEnvSchema.safeParse(env);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(message);
  });

  it('accepts plain http only for a provider on localhost', () => {
    expect(oidcOf({ ...full, OIDC_ISSUER: 'http://127.0.0.1:8081', OIDC_ROLE_MAP: 'a:viewer' })?.issuer.href).toBe('http://127.0.0.1:8081/');
  });
});
