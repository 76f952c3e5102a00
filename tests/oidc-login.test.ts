import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authStatusSchema, logoutAnswerSchema, type AuditEntry } from '../common/auth.js';
import type { Stadtpuls } from '../server/app.js';
import { login, TEST_ADMIN_PASSWORD } from './helpers/auth-session.js';
import { CookieJar, follow, TestOpenIdProvider } from './helpers/oidc-provider.js';
import { startTestServer } from './helpers/test-server.js';

const CLIENT = { clientId: 'stadtpuls', clientSecret: 'stadtpuls-test-client-secret-4b1e' };
const LINK = 'nordring-1-cw';

let idp: TestOpenIdProvider;
let server: Stadtpuls;
let url: string;

beforeAll(async () => {
  idp = await TestOpenIdProvider.listen();
  idp.addAccount({ sub: 'u-1001', preferred_username: 'k.schmidt', roles: ['stadtpuls-operator', 'mitarbeiter'] });
  idp.addAccount({ sub: 'u-1002', preferred_username: 'b.becker', roles: ['stadtpuls-planner', 'stadtpuls-admin'] });
  idp.addAccount({ sub: 'u-1003', preferred_username: 'a.neumann', roles: ['mitarbeiter'] });
  idp.addAccount({ sub: 'u-1004', preferred_username: 'admin', roles: ['stadtpuls-admin'] });
  ({ server, url } = await startTestServer({
    SIMULATOR: 'off',
    // the refusals below count as failed logins; the limit itself is tested with passwords (access-rules.test.ts)
    LOGIN_MAX_FAILURES: '50',
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: CLIENT.clientId,
    OIDC_CLIENT_SECRET: CLIENT.clientSecret,
    OIDC_SCOPES: 'openid profile roles',
    OIDC_ROLE_CLAIM: 'roles',
    OIDC_ROLE_MAP: 'stadtpuls-operator:operator,stadtpuls-planner:planner,stadtpuls-admin:admin',
  }));
  idp.configure({ ...CLIENT, redirectUri: `${url}/api/auth/oidc/callback` });
});

afterAll(async () => {
  await server?.stop();
  await idp?.close();
});

/** The whole code flow as a browser makes it: our login → provider → (auto sign-in) → our callback. */
async function signIn(who: string, jar = new CookieJar()) {
  idp.signInAs = who;
  const hops = await follow(`${url}/api/auth/oidc/login`, jar);
  const callback = hops.find((h) => h.url.startsWith(`${url}/api/auth/oidc/callback`));
  return { jar, hops, callback };
}

async function me(jar: CookieJar) {
  return authStatusSchema.parse(await (await fetch(`${url}/api/auth/me`, { headers: { cookie: jar.header(url) } })).json());
}

async function auditOf(action: string): Promise<AuditEntry[]> {
  const admin = await login(url, 'admin', TEST_ADMIN_PASSWORD);
  return ((await (await admin.fetch(`/api/audit?action=${action}&limit=50`)).json()) as { entries: AuditEntry[] }).entries;
}

describe('single sign-on against an in-process OpenID provider', () => {
  it('tells the login page that the city account is offered', async () => {
    expect(await (await fetch(`${url}/api/auth/me`)).json()).toMatchObject({ user: null, oidc: true });
  });

  it('sends the browser to the provider with PKCE, state and nonce', async () => {
    const res = await fetch(`${url}/api/auth/oidc/login`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(idp.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: CLIENT.clientId,
      response_type: 'code',
      redirect_uri: `${url}/api/auth/oidc/callback`,
      scope: 'openid profile roles',
      code_challenge_method: 'S256',
      state: expect.any(String),
      nonce: expect.any(String),
      code_challenge: expect.any(String),
    });
    const flowCookie = res.headers.getSetCookie().find((c) => c.startsWith('stadtpuls_oidc='))!;
    expect(flowCookie).toMatch(/HttpOnly/);
    expect(flowCookie).toMatch(/SameSite=Lax/);
    expect(flowCookie).toMatch(/Path=\/api\/auth\/oidc\//);
  });

  it('logs a mapped user in with the same session cookie as a password login, as operator, recorded and audited', async () => {
    const { jar, callback } = await signIn('u-1001');
    expect(callback?.status).toBe(303);
    expect(callback?.location).toBe('/');
    const setCookie = callback!.res.headers.getSetCookie().find((c) => c.startsWith('stadtpuls_session='))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(jar.get(url, 'stadtpuls_oidc')).toBeUndefined();

    const status = await me(jar);
    expect(status.user).toEqual({ name: 'k.schmidt', role: 'operator' });
    // the role works: an operator may close a link (with the session's CSRF token)
    const close = await fetch(`${url}/api/traffic/closures`, {
      method: 'POST',
      headers: { cookie: jar.header(url), 'x-csrf-token': status.csrfToken!, 'content-type': 'application/json' },
      body: JSON.stringify({ linkId: LINK, kind: 'closure', note: 'SSO' }),
    });
    expect(close.status).toBe(201);
    expect(((await close.json()) as { setBy?: string }).setBy).toBe('k.schmidt');

    const user = await server.auth.store!.user('k.schmidt');
    expect(user).toMatchObject({ name: 'k.schmidt', role: 'operator', passwordHash: null });
    const logins = await auditOf('login');
    expect(logins.find((e) => e.actor === 'k.schmidt')).toMatchObject({ role: 'operator', detail: { method: 'oidc', issuer: `${idp.issuer}/` } });
  });

  it('gives the highest mapped role when the claim maps to several', async () => {
    const { jar } = await signIn('u-1002');
    expect((await me(jar)).user).toEqual({ name: 'b.becker', role: 'admin' });
  });

  it('refuses a user whose claims map to no role with 403 naming it, and opens no session', async () => {
    const { jar, callback } = await signIn('u-1003');
    expect(callback?.status).toBe(403);
    const body = (await callback!.res.json()) as { error: string; detail: string };
    expect(body.error).toBe('forbidden');
    expect(body.detail).toMatch(/a\.neumann has no Stadtpuls role/);
    expect(body.detail).toMatch(/roles claim has mitarbeiter/);
    expect(body.detail).toMatch(/stadtpuls-operator/);
    expect(jar.get(url, 'stadtpuls_session')).toBeUndefined();
    expect((await me(jar)).user).toBeNull();
    expect(await server.auth.store!.user('a.neumann')).toBeNull();
    expect((await auditOf('login_failed')).find((e) => e.actor === 'a.neumann')).toMatchObject({ detail: { method: 'oidc', reason: 'no_role' } });
  });

  it('shows a person the refusal as a page', async () => {
    idp.signInAs = 'u-1003';
    const jar = new CookieJar();
    const hops = await follow(`${url}/api/auth/oidc/login`, jar);
    // the last hop again, as a browser asks for it
    const cb = hops.find((h) => h.url.startsWith(`${url}/api/auth/oidc/callback`))!;
    expect(cb.status).toBe(403);
    jar.set(url, 'stadtpuls_oidc', 'x');
    const page = await fetch(cb.url, { headers: { accept: 'text/html', cookie: jar.header(url) } });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/Anmeldung nicht möglich/);
  });

  it('refuses an answer whose state is not the one this browser sent', async () => {
    idp.signInAs = 'u-1001';
    const jar = new CookieJar();
    const start = await fetch(`${url}/api/auth/oidc/login`, { redirect: 'manual' });
    jar.take(url, start);
    // the provider's answer to this browser's sign-in, with the state replaced (a forged or replayed answer)
    const hops = await follow(start.headers.get('location')!, jar, { stopBefore: `${url}/api/auth/oidc/callback` });
    const answer = new URL(hops.at(-1)!.location!, idp.issuer);
    expect(answer.pathname).toBe('/api/auth/oidc/callback');
    answer.searchParams.set('state', 'not-the-state-we-sent');
    const res = await fetch(answer, { redirect: 'manual', headers: { cookie: jar.header(url) } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/state/);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('stadtpuls_session='))).toBe(false);
  });

  it('refuses a callback without the sign-in cookie (started in another browser)', async () => {
    idp.signInAs = 'u-1001';
    const other = new CookieJar();
    const hops = await follow(`${url}/api/auth/oidc/login`, other);
    const cb = hops.find((h) => h.url.startsWith(`${url}/api/auth/oidc/callback`))!;
    expect(cb.status).toBe(303); // the other browser got in
    const res = await fetch(`${url}/api/auth/oidc/callback?code=stolen&state=whatever`, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/no sign-in was started/);
  });

  it('never takes over a local account with a password', async () => {
    const { callback } = await signIn('u-1004');
    expect(callback?.status).toBe(403);
    expect(((await callback!.res.json()) as { detail: string }).detail).toMatch(/admin is a local account/);
    expect((await server.auth.store!.user('admin'))?.passwordHash).not.toBeNull();
  });

  it("follows the provider's role on the next sign-in, and ends the sessions of a user who lost it", async () => {
    const first = await signIn('u-1001');
    expect((await me(first.jar)).user?.role).toBe('operator');
    idp.addAccount({ sub: 'u-1001', preferred_username: 'k.schmidt', roles: ['stadtpuls-planner'] });
    const second = await signIn('u-1001');
    expect((await me(second.jar)).user?.role).toBe('planner');
    // the earlier session has the user's role now, not the one it was opened with
    expect((await me(first.jar)).user?.role).toBe('planner');
    idp.addAccount({ sub: 'u-1001', preferred_username: 'k.schmidt', roles: [] });
    expect((await signIn('u-1001')).callback?.status).toBe(403);
    expect((await me(first.jar)).user).toBeNull();
    expect((await me(second.jar)).user).toBeNull();
  });
});

describe('logout', () => {
  const logout = (jar: CookieJar, csrf: string) => fetch(`${url}/api/auth/logout`, { method: 'POST', headers: { cookie: jar.header(url), 'x-csrf-token': csrf } });

  it('ends a single sign-on session here and sends the browser to the provider to end it there too', async () => {
    idp.addAccount({ sub: 'u-1005', preferred_username: 'j.wolf', roles: ['stadtpuls-planner'] });
    const { jar } = await signIn('u-1005');
    const idToken = jar.get(url, 'stadtpuls_oidc_id');
    expect(idToken, 'the ID token kept for the logout').toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    const res = await logout(jar, (await me(jar)).csrfToken!);
    expect(res.status).toBe(200);
    jar.take(url, res);
    expect(jar.get(url, 'stadtpuls_session')).toBeUndefined();
    expect(jar.get(url, 'stadtpuls_oidc_id')).toBeUndefined();
    expect((await me(jar)).user).toBeNull();

    const to = new URL(logoutAnswerSchema.parse(await res.json()).endSessionUrl);
    expect(to.origin).toBe(idp.issuer);
    expect(to.searchParams.get('id_token_hint')).toBe(idToken);
    expect(to.searchParams.get('post_logout_redirect_uri')).toBe(`${url}/`);
    // the provider accepts the request (its confirmation page), not an error about the hint or the address
    const atProvider = await fetch(to, { redirect: 'manual' });
    expect(atProvider.status, await atProvider.clone().text()).toBe(200);
    expect(await atProvider.text()).toMatch(/logout/i);
  });

  it('ends a password session here only (204)', async () => {
    const admin = await login(url, 'admin', TEST_ADMIN_PASSWORD);
    const res = await admin.fetch('/api/auth/logout', { method: 'POST' });
    expect(res.status).toBe(204);
  });
});

describe('a provider that cannot be reached', () => {
  it('starts anyway, offers the city account, and answers the login 502 (password login still works)', async () => {
    const down = await startTestServer({ SIMULATOR: 'off', OIDC_ISSUER: 'http://127.0.0.1:9/realms/stadt', OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y', OIDC_ROLE_MAP: 'a:viewer' });
    try {
      expect(await (await fetch(`${down.url}/api/auth/me`)).json()).toMatchObject({ oidc: true });
      const res = await fetch(`${down.url}/api/auth/oidc/login`, { redirect: 'manual' });
      expect(res.status).toBe(502);
      expect(await res.json()).toMatchObject({ error: 'sso_unavailable', detail: expect.stringMatching(/\(127\.0\.0\.1:9\) cannot be reached/) });
      expect((await login(down.url, 'admin', TEST_ADMIN_PASSWORD)).role).toBe('admin');
    } finally {
      await down.server.stop();
    }
  });
});

describe('without OIDC settings', () => {
  it('offers no city account and has no OIDC routes', async () => {
    const plain = await startTestServer({ SIMULATOR: 'off' });
    try {
      expect(await (await fetch(`${plain.url}/api/auth/me`)).json()).toMatchObject({ oidc: false });
      expect((await fetch(`${plain.url}/api/auth/oidc/login`, { redirect: 'manual' })).status).toBe(404);
    } finally {
      await plain.server.stop();
    }
  });
});
