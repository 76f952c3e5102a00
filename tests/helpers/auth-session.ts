import { CSRF_HEADER, authStatusSchema, type Role } from '../../common/auth.js';
import type { Stadtpuls } from '../../server/app.js';
import { hashPassword } from '../../server/auth/credentials.js';

/** The first admin's password on every test server (startTestServer passes it as ADMIN_PASSWORD). */
export const TEST_ADMIN_PASSWORD = 'test-admin-password';

/** A logged-in browser session: its cookie and CSRF token, and fetch with both. */
export interface TestSession {
  name: string;
  role: Role;
  cookie: string;
  csrf: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/** Adds a user straight to the server's store (what `npm run users -- add` does). */
export async function addTestUser(server: Stadtpuls, name: string, role: Role, password = `${name}-password`): Promise<string> {
  const store = server.auth.store;
  if (!store) throw new Error('the server has not started');
  await store.addUser({ name, role, passwordHash: await hashPassword(password) }, Date.now());
  return password;
}

/** POST /api/auth/login; throws unless it succeeds. */
export async function login(url: string, name: string, password: string): Promise<TestSession> {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  if (res.status !== 200) throw new Error(`login as ${name}: HTTP ${res.status} ${await res.text()}`);
  const status = authStatusSchema.parse(await res.json());
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const csrf = status.csrfToken ?? '';
  return {
    name,
    role: status.user!.role,
    cookie,
    csrf,
    fetch: (path, init = {}) => fetch(`${url}${path}`, { ...init, headers: { cookie, [CSRF_HEADER]: csrf, ...(init.headers as Record<string, string> | undefined) } }),
  };
}

/** A user with `role` created and logged in (one per name and server). */
export async function sessionAs(server: Stadtpuls, url: string, role: Role, name: string = role): Promise<TestSession> {
  if (role === 'admin' && name === 'admin') return login(url, 'admin', TEST_ADMIN_PASSWORD);
  const password = await addTestUser(server, name, role);
  return login(url, name, password);
}
