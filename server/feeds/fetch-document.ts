/** Fetches one JSON document of a pull source, with a timeout and a size cap, and never throws. */
import { credentialsToHeader, redactText } from '../redact.js';

export type FetchResult =
  | { ok: true; body: unknown; next: string | null }
  /** nothing usable arrived: counted as a feed error */
  | { ok: false; kind: 'unreachable' | 'timeout' | 'http_status'; detail: string }
  /** a document arrived but cannot be read: counted as a rejected message */
  | { ok: false; kind: 'too_large' | 'malformed'; detail: string };

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  headers: Record<string, string>;
}

export async function fetchDocument(configuredUrl: string, o: FetchOptions): Promise<FetchResult> {
  let res: Response;
  const signal = AbortSignal.timeout(o.timeoutMs);
  // `https://user:pass@host/…` becomes Basic auth: fetch refuses credentials in the URL.
  const { url, headers: auth } = credentialsToHeader(configuredUrl);
  try {
    res = await fetch(url, { headers: { Accept: 'application/json', ...auth, ...o.headers }, signal, redirect: 'follow' });
  } catch (err) {
    return failure(err, o.timeoutMs);
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, kind: 'http_status', detail: `HTTP ${res.status} ${res.statusText}`.trim() };
  }
  const declared = Number(res.headers.get('content-length'));
  if (declared > o.maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return { ok: false, kind: 'too_large', detail: `document of ${declared} bytes exceeds ${o.maxBytes}` };
  }
  let text: string;
  try {
    const read = await readCapped(res, o.maxBytes);
    if (read === null) return { ok: false, kind: 'too_large', detail: `document exceeds ${o.maxBytes} bytes` };
    text = read;
  } catch (err) {
    return failure(err, o.timeoutMs);
  }
  try {
    return { ok: true, body: JSON.parse(text), next: nextLink(res.headers.get('link'), configuredUrl) };
  } catch (err) {
    return { ok: false, kind: 'malformed', detail: `document is not JSON: ${(err as Error).message.slice(0, 200)}` };
  }
}

function failure(err: unknown, timeoutMs: number): FetchResult {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return { ok: false, kind: 'timeout', detail: `no answer within ${timeoutMs} ms` };
  // The detail reaches /api/health and the log: an error message may quote the URL it failed on.
  return { ok: false, kind: 'unreachable', detail: redactText(e.cause?.code ?? e.cause?.message ?? e.message) };
}

/** Reads the body up to maxBytes; null when it is longer (the rest is not downloaded). */
async function readCapped(res: Response, maxBytes: number): Promise<string | null> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The `rel="next"` target of an RFC 8288 Link header (OCPI paginates this way). */
export function nextLink(header: string | null, base: string): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const m = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (m && /(^|;)\s*rel="?next"?\s*(;|$)/i.test(m[2])) {
      try {
        return new URL(m[1], base).toString();
      } catch {
        return null;
      }
    }
  }
  return null;
}
