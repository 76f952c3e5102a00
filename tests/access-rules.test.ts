import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { auditEntrySchema, type AuditEntry } from '../common/auth.js';
import { planRequest } from '../common/plans.js';
import type { Stadtpuls } from '../server/app.js';
import { AccessAdmin } from '../server/auth/access-admin.js';
import { createLogger } from '../server/logger.js';
import { freshStoreFile, startTestServer } from './helpers/test-server.js';
import { login, sessionAs, TEST_ADMIN_PASSWORD, type TestSession } from './helpers/auth-session.js';
import { waitFor } from './helpers/wait.js';

const FOREIGN = 'http://evil.example';
const LINK = 'nordring-1-cw';

type Who = 'anonymous' | 'viewer' | 'wall' | 'planner' | 'operator' | 'admin' | 'bad token' | 'foreign origin' | 'ingest token';

/** How each principal makes a request: its headers. */
interface Caller {
  headers: Record<string, string>;
  /** for the socket: a token in the handshake's auth */
  socketAuth?: { token: string };
}

let server: Stadtpuls;
let url: string;
const callers = new Map<Who, Caller>();
let admin: TestSession;
let logLines: string[] = [];

const sessionHeaders = (s: TestSession) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });

/** The wall's session: its token exchanged at `/?wall=1&token=…` for a cookie. */
async function wallSession(token: string): Promise<{ status: number; location: string | null; cookie: string }> {
  const res = await fetch(`${url}/?wall=1&token=${encodeURIComponent(token)}&layers=traffic`, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] };
}

beforeAll(async () => {
  logLines = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  ({ server, url } = await startTestServer({ STREAM_TICK_MS: '200', WRITE_RATE_PER_MIN: '1000', INGEST_API_KEYS: 'test-key-7f3a9c2e1b8d' }, { logger: createLogger('info', sink) }));
  admin = await login(url, 'admin', TEST_ADMIN_PASSWORD);
  const tokens = new AccessAdmin(server.auth.store!, server.auth.audit, 'test');
  const wall = await tokens.createToken('wall', 'Leitstelle Wand 1');
  const ingest = await tokens.createToken('ingest', 'Pegel-Gateway');
  callers.set('anonymous', { headers: {} });
  for (const role of ['viewer', 'planner', 'operator'] as const) callers.set(role, { headers: sessionHeaders(await sessionAs(server, url, role)) });
  callers.set('admin', { headers: sessionHeaders(admin) });
  callers.set('wall', { headers: { cookie: (await wallSession(wall.secret)).cookie } });
  callers.set('bad token', { headers: { authorization: 'Bearer stp_not-a-token-at-all-0000000000000000000000' }, socketAuth: { token: 'stp_wrong' } });
  callers.set('foreign origin', { headers: { ...sessionHeaders(admin), origin: FOREIGN } });
  callers.set('ingest token', { headers: { authorization: `Bearer ${ingest.secret}` }, socketAuth: { token: ingest.secret } });
});

afterAll(async () => {
  await server.stop();
});

const closeLink = (headers: Record<string, string>) =>
  fetch(`${url}/api/traffic/closures`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ linkId: LINK, kind: 'closure' }) });

async function liftAll(): Promise<void> {
  const { closures } = (await (await fetch(`${url}/api/traffic/closures`)).json()) as { closures: Array<{ id: string }> };
  for (const c of closures) expect((await admin.fetch(`/api/traffic/closures/${c.id}`, { method: 'DELETE' })).status).toBe(204);
}

/**
 * What each write route and the socket answer each principal: status, or for the socket `ok` / the refusal.
 * close/edit/lift: POST, PATCH, DELETE /api/traffic/closures; ack/shelve: POST /api/alerts/:id/ack|shelve
 * (the alert is a closure's); ingest: POST /api/ingest; audit: GET /api/audit; scenario: POST /api/scenario
 * (the admin's restarts the running scenario: a new run, tests/scenario-switch.test.ts); plan: POST /api/plans
 * (a saved heat what-if plan, planner role: tests/plans-api.test.ts). Logout, the OIDC routes
 * and the reads are in their own tests below (tests/oidc-login.test.ts for a server with OIDC).
 */
type Expected = { close: number; edit: number; lift: number; ack: number; shelve: number; ingest: number; audit: number; scenario: number; plan: number; socket: string };
const TABLE: Array<[Who, Expected]> = [
  ['anonymous', { close: 401, edit: 401, lift: 401, ack: 401, shelve: 401, ingest: 401, audit: 401, scenario: 401, plan: 401, socket: 'ok' }],
  ['viewer', { close: 403, edit: 403, lift: 403, ack: 403, shelve: 403, ingest: 401, audit: 403, scenario: 403, plan: 403, socket: 'ok' }],
  ['wall', { close: 403, edit: 403, lift: 403, ack: 403, shelve: 403, ingest: 401, audit: 403, scenario: 403, plan: 403, socket: 'ok' }],
  ['planner', { close: 403, edit: 403, lift: 403, ack: 403, shelve: 403, ingest: 401, audit: 403, scenario: 403, plan: 201, socket: 'ok' }],
  ['operator', { close: 201, edit: 200, lift: 204, ack: 200, shelve: 200, ingest: 401, audit: 403, scenario: 403, plan: 201, socket: 'ok' }],
  ['admin', { close: 201, edit: 200, lift: 204, ack: 200, shelve: 200, ingest: 401, audit: 200, scenario: 200, plan: 201, socket: 'ok' }],
  ['bad token', { close: 401, edit: 401, lift: 401, ack: 401, shelve: 401, ingest: 401, audit: 401, scenario: 401, plan: 401, socket: 'login required' }],
  // an admin's cookie and CSRF token, sent from a page of another origin: refused for writes and sockets
  ['foreign origin', { close: 403, edit: 403, lift: 403, ack: 403, shelve: 403, ingest: 403, audit: 200, scenario: 403, plan: 403, socket: 'xhr poll error' }],
  ['ingest token', { close: 403, edit: 403, lift: 403, ack: 403, shelve: 403, ingest: 200, audit: 403, scenario: 403, plan: 403, socket: 'forbidden' }],
];

/** The alert a closure raises on the next tick (`traffic:closure:<id>`), by its id. */
async function closureAlert(closureId: string): Promise<string> {
  const key = `traffic:closure:${closureId}`;
  return waitFor(async () => {
    const { alerts } = (await (await fetch(`${url}/api/alerts?kind=traffic`)).json()) as { alerts: Array<{ id: string; key: string; state: string }> };
    return alerts.find((a) => a.key === key && a.state === 'unack_active')?.id;
  }, `the alert of closure ${closureId}`);
}

const postJson = (path: string, headers: Record<string, string>, body: unknown) =>
  fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

function connect(c: Caller): Promise<string> {
  return new Promise((resolve) => {
    // polling first: a refused origin is then an HTTP 403 the client reports (a refused WebSocket upgrade says less)
    const socket = io(url, { transports: ['polling'], reconnection: false, forceNew: true, extraHeaders: c.headers, auth: c.socketAuth ?? {} });
    socket.once('snapshot', () => {
      socket.close();
      resolve('ok');
    });
    socket.once('connect_error', (err) => {
      socket.close();
      resolve(err.message);
    });
  });
}

describe('who may do what: every write route and the socket × every principal', () => {
  it.each(TABLE)('%s', async (who, expected) => {
    const c = callers.get(who)!;
    const close = await closeLink(c.headers);
    const closeBody = (await close.json()) as { error?: string; detail?: string; requiredRole?: string };
    await liftAll();

    const target = (await (await closeLink(sessionHeaders(admin))).json()) as { id: string };
    const alertId = await closureAlert(target.id);
    const edit = await fetch(`${url}/api/traffic/closures/${target.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', ...c.headers }, body: JSON.stringify({ note: `edited by ${who}` }) });
    const ack = await postJson(`/api/alerts/${alertId}/ack`, c.headers, { comment: `seen by ${who}` });
    const shelve = await postJson(`/api/alerts/${alertId}/shelve`, c.headers, { minutes: 30, reason: 'Baustelle bekannt' });
    const lift = await fetch(`${url}/api/traffic/closures/${target.id}`, { method: 'DELETE', headers: c.headers });
    await liftAll();

    const ingest = await fetch(`${url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', ...c.headers }, body: '[]' });
    const audit = await fetch(`${url}/api/audit`, { headers: c.headers });
    const scenario = await postJson('/api/scenario', c.headers, { id: 'normaler-werktag' });
    const plan = await postJson('/api/plans', c.headers, planRequest(`Plan von ${who}`, [{ type: 'water', id: 'm1', at: [7.2149, 51.4805], radiusM: 6 }]));
    const socket = await connect(c);

    expect({ close: close.status, edit: edit.status, lift: lift.status, ack: ack.status, shelve: shelve.status, ingest: ingest.status, audit: audit.status, scenario: scenario.status, plan: plan.status, socket }).toEqual(expected);
    if (ack.status === 403 && who !== 'foreign origin') expect(await ack.json()).toMatchObject({ error: 'forbidden', requiredRole: 'operator' });
    if (ack.status === 401) expect(await ack.json()).toMatchObject({ error: 'login required' });
    if (close.status === 401) expect(closeBody.error).toBe('login required');
    if (close.status === 403 && who !== 'foreign origin') expect(closeBody).toMatchObject({ error: 'forbidden', requiredRole: 'operator' });
    if (close.status === 403 && who !== 'foreign origin') expect(closeBody.detail).toMatch(/operator role/);
  });

  it('refuses a cookie write without the CSRF token, and one with a wrong token', async () => {
    const operator = callers.get('operator')!.headers;
    for (const csrf of [undefined, 'sps_forged']) {
      const headers: Record<string, string> = { cookie: operator.cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}) };
      const res = await closeLink(headers);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/x-csrf-token/);
    }
  });

  it('lets every logged-in session log out, with its CSRF token and from its own origin only', async () => {
    const viewer = await sessionAs(server, url, 'viewer', 'logout-test');
    const logout = (headers: Record<string, string>) => fetch(`${url}/api/auth/logout`, { method: 'POST', headers });
    expect((await logout({})).status).toBe(401);
    expect((await logout({ cookie: viewer.cookie })).status).toBe(403);
    expect((await logout({ ...sessionHeaders(viewer), origin: FOREIGN })).status).toBe(403);
    expect((await logout(sessionHeaders(viewer))).status).toBe(204);
    expect(await (await fetch(`${url}/api/auth/me`, { headers: { cookie: viewer.cookie } })).json()).toMatchObject({ user: null });
  });

  it('records the scenario the run started with', async () => {
    const entries = await server.auth.store!.audit({ action: 'scenario_started', limit: 10 });
    expect(entries).toMatchObject([{ actor: 'system', action: 'scenario_started', target: 'normaler-werktag', detail: { name: { de: 'Normaler Werktag' }, run: expect.any(String) } }]);
  });

  it('has no single sign-on routes without OIDC settings', async () => {
    expect((await fetch(`${url}/api/auth/oidc/login`, { redirect: 'manual' })).status).toBe(404);
    expect((await fetch(`${url}/api/auth/oidc/callback?code=x&state=y`, { redirect: 'manual' })).status).toBe(404);
  });

  it('never answers with a stack trace', async () => {
    const res = await fetch(`${url}/api/traffic/closures`, { method: 'POST', headers: { 'content-type': 'application/json', ...callers.get('operator')!.headers }, body: '{"linkId":' });
    expect(res.status).toBe(400);
    expect(await res.text()).not.toMatch(/at .*\.(ts|js):\d+/);
  });
});

describe('wall token in the URL', () => {
  it('sets an httpOnly SameSite=Strict session cookie, redirects to the URL without the token, and keeps the token out of the log', async () => {
    const tokens = new AccessAdmin(server.auth.store!, server.auth.audit, 'test');
    const { secret } = await tokens.createToken('wall', 'Wand 2');
    const res = await fetch(`${url}/?wall=1&token=${secret}&layers=traffic`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/?wall=1&layers=traffic');
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^stadtpuls_session=sps_/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).not.toMatch(/Secure/); // plain HTTP here; Secure behind HTTPS
    const me = await (await fetch(`${url}/api/auth/me`, { headers: { cookie: setCookie.split(';')[0] } })).json();
    expect(me).toMatchObject({ user: { name: 'token:Wand 2', role: 'wall' }, csrfToken: expect.any(String) });
    expect((await server.auth.store!.tokens()).find((t) => t.name === 'Wand 2')!.lastUsedAt).toBeGreaterThan(0);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.filter((l) => l.includes(secret))).toEqual([]);

    // revoked: the cookie it gave no longer logs in, and the token is refused
    await tokens.revokeToken('Wand 2');
    const after = await (await fetch(`${url}/api/auth/me`, { headers: { cookie: setCookie.split(';')[0] } })).json();
    expect(after).toMatchObject({ user: null });
    expect((await fetch(`${url}/?wall=1&token=${secret}`, { redirect: 'manual' })).status).toBe(401);
    expect(logLines.filter((l) => l.includes(secret))).toEqual([]);
  });

  it('refuses an ingest token as a wall token', async () => {
    const { secret } = await new AccessAdmin(server.auth.store!, server.auth.audit, 'test').createToken('ingest', 'not a wall');
    expect((await fetch(`${url}/?wall=1&token=${secret}`, { redirect: 'manual' })).status).toBe(401);
  });
});

describe('PUBLIC_READ=off, login limit, write limit', () => {
  let closed: Stadtpuls;
  let closedUrl: string;
  beforeAll(async () => {
    ({ server: closed, url: closedUrl } = await startTestServer({ PUBLIC_READ: 'off', WRITE_RATE_PER_MIN: '3', SIMULATOR: 'off' }));
  });
  afterAll(async () => {
    await closed.stop();
  });

  it('needs a login to read, but not for the probes and the login', async () => {
    expect((await fetch(`${closedUrl}/api/state`)).status).toBe(401);
    expect((await fetch(`${closedUrl}/api/health`)).status).toBe(200);
    expect(await (await fetch(`${closedUrl}/api/auth/me`)).json()).toEqual({ user: null, csrfToken: null, publicRead: false, oidc: false });
    const viewer = await sessionAs(closed, closedUrl, 'viewer');
    expect((await viewer.fetch('/api/state')).status).toBe(200);
    const socket = (headers: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const s = io(closedUrl, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: headers });
        s.once('snapshot', () => (s.close(), resolve('ok')));
        s.once('connect_error', (err) => (s.close(), resolve(err.message)));
      });
    expect(await socket({})).toBe('login required');
    expect(await socket({ cookie: viewer.cookie })).toBe('ok');
  });

  // every read under /api: anonymous 401, a viewer (and the wall) reads; the demo route answers 404 for a tour that does not exist
  it.each([
    ['/api/state', 200],
    ['/api/sensors', 200],
    ['/api/config', 200],
    ['/api/alerts', 200],
    ['/api/traffic/closures', 200],
    ['/api/history/runs', 200],
    ['/api/whatif/traffic/links', 200],
    ['/api/places', 200],
    ['/api/plans', 200],
    ['/api/demo/no-such-tour', 404],
  ])('needs a login to read %s', async (path, viewerStatus) => {
    expect((await fetch(`${closedUrl}${path}`)).status).toBe(401);
    const viewer = await sessionAs(closed, closedUrl, 'viewer', 'reader');
    expect((await viewer.fetch(path)).status).toBe(viewerStatus);
  });

  it('answers 429 with Retry-After after five wrong passwords, even to the right one', async () => {
    const attempt = (password: string) =>
      fetch(`${closedUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password }) });
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong-password-${i}`)).status).toBe(401);
    const locked = await attempt(TEST_ADMIN_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await locked.json()).toMatchObject({ error: 'too_many_requests' });
  });

  it('answers 429 with Retry-After to writes over WRITE_RATE_PER_MIN', async () => {
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 4; i++) {
      last = await fetch(`${closedUrl}/api/traffic/closures`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('audit log', () => {
  it('has one entry per action, and keeps them over a restart on the same store', async () => {
    const file = freshStoreFile();
    let first = await startTestServer({ STADTPULS_DB: file, SIMULATOR: 'off' });
    const a = await login(first.url, 'admin', TEST_ADMIN_PASSWORD);
    const since = Date.now();
    const wrong = await fetch(`${first.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password: 'not-the-password' }) });
    expect(wrong.status).toBe(401);
    const operator = await sessionAs(first.server, first.url, 'operator', 'schmidt');
    const closure = (await (await operator.fetch('/api/traffic/closures', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.8.7' }, body: JSON.stringify({ linkId: LINK, kind: 'closure', note: 'Kran' }) })).json()) as { id: string };
    expect((await operator.fetch(`/api/traffic/closures/${closure.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await operator.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect((await operator.fetch('/api/auth/me')).status).toBe(200);
    expect(((await (await operator.fetch('/api/auth/me')).json()) as { user: unknown }).user).toBeNull();
    const tokens = new AccessAdmin(first.server.auth.store!, first.server.auth.audit, 'cli');
    const t = await tokens.createToken('ingest', 'Gateway');
    await tokens.revokeToken(t.id);

    const read = async (u: string, s: TestSession) => {
      const res = await s.fetch(`/api/audit?from=${since}&limit=100`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { entries: unknown[] }).entries.map((e) => auditEntrySchema.parse(e)).reverse();
    };
    const summary = (entries: AuditEntry[]) => entries.map((e) => [e.action, e.actor, e.target]);
    const expected = [
      ['login_failed', 'admin', null],
      ['login', 'schmidt', null],
      ['closure_set', 'schmidt', closure.id],
      ['closure_lifted', 'schmidt', closure.id],
      ['logout', 'schmidt', null],
      ['token_created', 'cli', t.id],
      ['token_revoked', 'cli', t.id],
    ];
    const before = await read(first.url, a);
    expect(summary(before)).toEqual(expected);
    for (const e of before.slice(0, 5)) expect(e.ip).toMatch(/127\.0\.0\.1/); // TRUST_PROXY off: X-Forwarded-For is not believed
    expect(before[2].detail).toMatchObject({ linkId: LINK, kind: 'closure', note: 'Kran' });

    await first.server.stop();
    first = await startTestServer({ STADTPULS_DB: file, SIMULATOR: 'off' });
    try {
      const again = await login(first.url, 'admin', TEST_ADMIN_PASSWORD);
      const after = await read(first.url, again);
      expect(summary(after).slice(0, expected.length)).toEqual(expected);
      expect(summary(after).slice(expected.length)).toEqual([['login', 'admin', null]]);
      // the first admin was created once, by the first start
      expect((await first.server.auth.store!.users()).filter((u) => u.role === 'admin').map((u) => u.name)).toEqual(['admin']);
    } finally {
      await first.server.stop();
    }
  });
});

/**
 * POST /api/whatif/traffic: planned roadworks evaluated in a sandbox (planner role and up; it changes
 * nothing live, so no audit entry). The links it may close are open to every reader.
 */
describe('who may evaluate planned roadworks (the traffic what-if)', () => {
  const WORKS = { linkId: 'castroper-strasse-2-in', from: Date.parse('2026-06-22T00:00:00+02:00'), until: Date.parse('2026-07-03T00:00:00+02:00') };
  const TABLE_WHATIF: Array<[Who, { evaluate: number; links: number }]> = [
    ['anonymous', { evaluate: 401, links: 200 }],
    ['viewer', { evaluate: 403, links: 200 }],
    ['wall', { evaluate: 403, links: 200 }],
    ['planner', { evaluate: 200, links: 200 }],
    ['operator', { evaluate: 200, links: 200 }],
    ['admin', { evaluate: 200, links: 200 }],
    ['bad token', { evaluate: 401, links: 200 }],
    ['foreign origin', { evaluate: 403, links: 200 }],
    ['ingest token', { evaluate: 403, links: 200 }],
  ];
  it.each(TABLE_WHATIF)('%s', async (who, expected) => {
    const c = callers.get(who)!;
    const evaluate = await postJson('/api/whatif/traffic', c.headers, { closures: [WORKS], at: [Date.parse('2026-06-23T07:30:00+02:00')] });
    const links = await fetch(`${url}/api/whatif/traffic/links`, { headers: c.headers });
    expect({ evaluate: evaluate.status, links: links.status }).toEqual(expected);
    if (evaluate.status === 403 && who !== 'foreign origin' && who !== 'ingest token') expect(await evaluate.json()).toMatchObject({ error: 'forbidden', requiredRole: 'planner' });
  });
});
