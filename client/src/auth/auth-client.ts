import { authStatusSchema, CSRF_HEADER, logoutAnswerSchema, type AuthStatus } from '../../../common/auth.js';

/**
 * The browser's login state, outside React (like the live store): who is logged in and the CSRF
 * token every write must carry. The session itself is an httpOnly cookie that script never sees.
 */
type Listener = () => void;

let status: AuthStatus | null = null;
const listeners = new Set<Listener>();

function set(next: AuthStatus): void {
  status = next;
  for (const l of listeners) l();
}

export const authState = {
  get: (): AuthStatus | null => status,
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};

export async function refreshAuth(): Promise<AuthStatus> {
  const res = await fetch('/api/auth/me', { cache: 'no-store' });
  const next = authStatusSchema.parse(await res.json());
  set(next);
  return next;
}

export type LoginResult = { ok: true } | { ok: false; reason: 'wrong' | 'too_many' | 'failed'; retryAfterS?: number; detail?: string };

export async function login(name: string, password: string): Promise<LoginResult> {
  const res = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  if (res.ok) {
    set(authStatusSchema.parse(await res.json()));
    return { ok: true };
  }
  if (res.status === 401) return { ok: false, reason: 'wrong' };
  if (res.status === 429) return { ok: false, reason: 'too_many', retryAfterS: Number(res.headers.get('retry-after') ?? '0') };
  const body = (await res.json().catch(() => null)) as { detail?: string } | null;
  return { ok: false, reason: 'failed', detail: body?.detail ?? `HTTP ${res.status}` };
}

export async function logout(): Promise<void> {
  const res = await apiFetch('/api/auth/logout', { method: 'POST' }).catch(() => null);
  // a city account: the provider ends its session too, then sends the browser back to the start page
  const provider = res?.status === 200 ? logoutAnswerSchema.safeParse(await res.json().catch(() => null)) : null;
  if (provider?.success) {
    window.location.assign(provider.data.endSessionUrl);
    return;
  }
  // the server unreachable: the next page load asks again
  await refreshAuth().catch(() => undefined);
}

/** fetch for the API: writes carry the session's CSRF token (docs/security.md). */
export function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const csrf = status?.csrfToken;
  if (method === 'GET' || method === 'HEAD' || !csrf) return fetch(url, init);
  const headers = new Headers(init.headers);
  headers.set(CSRF_HEADER, csrf);
  return fetch(url, { ...init, headers });
}
