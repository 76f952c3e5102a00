/**
 * Secrets never leave the server: feed URLs carry credentials (`user:password@`) and API keys in their
 * query strings (`?api_key=…`). Everything that shows a URL — log lines, /api/health, metric labels —
 * goes through here. docs/security.md lists what is redacted where.
 */

/** A URL as logs and /api/health may show it: no user, password, query or fragment. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

// A scheme://… token ends at white space, a quote, a bracket or a JSON escape.
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>\\`]+/gi;
// key=value pairs outside a URL (an error message quoting a query, a connection string's options).
const SECRET_PAIR = /\b(api[_-]?key|apikey|access[_-]?token|token|password|passwd|pwd|secret|auth|sig|signature)=([^&\s"'\\;,]+)/gi;

/** Free text (an error message, a whole log line) with every URL in it redacted. */
export function redactText(text: string): string {
  if (!text.includes('://') && !text.includes('=')) return text;
  return text.replace(URL_IN_TEXT, (match) => (needsRedaction(match) ? redactUrl(match) : match)).replace(SECRET_PAIR, '$1=[redacted]');
}

/** Only URLs that carry something secret are rewritten, so a plain URL stays readable as written. */
function needsRedaction(url: string): boolean {
  return /[?#]/.test(url) || /^[^/]*\/\/[^/]*@/.test(url);
}

/** A JSON-like value (a health report, a log object) with `redactText` applied to every string in it. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T;
  }
  return value;
}

/**
 * Splits `https://user:pass@host/…` into the bare URL and a Basic Authorization header: fetch refuses a
 * URL with credentials (and would echo it in its error message), yet operators write them that way.
 */
export function credentialsToHeader(url: string): { url: string; headers: Record<string, string> } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { url, headers: {} };
  }
  if (!u.username && !u.password) return { url, headers: {} };
  const user = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  u.username = '';
  u.password = '';
  return { url: u.toString(), headers: { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } };
}
