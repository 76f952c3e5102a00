import type { Server as HttpServer, ServerOptions } from 'node:http';

/** Limits of the HTTP server (docs/security.md): slow or idle connections are closed in seconds. */
export interface HttpLimits {
  /** a request's headers must arrive within this, ms (also closes connections that send nothing) */
  headersTimeoutMs: number;
  /** a whole request (headers and body) must arrive within this, ms */
  requestTimeoutMs: number;
  /** an idle keep-alive connection is closed after this, ms */
  keepAliveTimeoutMs: number;
  /** open connections at most (WebSockets included); further ones are closed at once */
  maxConnections: number;
  /** on stop, requests under way get this long to finish before every connection left is cut, ms */
  shutdownGraceMs: number;
}

/**
 * Options for http.createServer. Node enforces the header and request timeouts on a periodic sweep
 * (every 30 s by default), which would let a half-sent request live up to 30 s past its timeout.
 */
export function httpServerOptions(limits: HttpLimits): ServerOptions {
  return { connectionsCheckingInterval: Math.min(1000, Math.max(100, Math.floor(limits.headersTimeoutMs / 4))) };
}

export function applyHttpLimits(http: HttpServer, limits: HttpLimits): void {
  http.headersTimeout = limits.headersTimeoutMs;
  http.requestTimeout = limits.requestTimeoutMs;
  http.keepAliveTimeout = limits.keepAliveTimeoutMs;
  http.maxConnections = limits.maxConnections;
}
