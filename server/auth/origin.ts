/**
 * Whether a browser's Origin may talk to us. No Origin header: not a browser page (curl, a feed, the
 * Node test clients) — allowed, since such a client chooses its credentials itself and cannot ride on
 * a user's cookie. Otherwise the origin must be listed in ALLOWED_ORIGINS, or, when that is unset,
 * be the server's own: the host the request was sent to (Host, or X-Forwarded-Host behind TRUST_PROXY).
 */
export function originAllowed(origin: string | undefined, requestHost: string | undefined, allowed: readonly string[] | null): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // includes `null` (sandboxed frames, file:// pages)
  }
  if (allowed !== null) return allowed.includes(parsed.origin);
  return requestHost !== undefined && parsed.host === requestHost.toLowerCase();
}
