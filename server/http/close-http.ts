import type { Server as HttpServer } from 'node:http';

/**
 * Closes the HTTP server (through `close`, e.g. Socket.IO's, which ends its sockets first) and resolves once every
 * connection has ended. Idle keep-alive connections end at once; requests under way get `graceMs` to finish; then
 * every connection left is cut. Without that cut a connection that never sent a request (a browser's preconnect) or
 * sent only part of one held the close for good: Node stops its header-timeout sweep when the server closes, so a
 * SIGTERM never got to flush the history writer.
 */
const IDLE_SWEEP_MS = 100;

export async function closeHttpWithin(http: HttpServer, close: (done: () => void) => void, graceMs: number): Promise<void> {
  const cut = setTimeout(() => http.closeAllConnections(), graceMs);
  // Node ends the connections idle when the close starts; one whose response finishes later would wait out its keep-alive.
  const sweep = setInterval(() => http.closeIdleConnections(), IDLE_SWEEP_MS);
  try {
    await new Promise<void>((resolve) => close(resolve));
  } finally {
    clearTimeout(cut);
    clearInterval(sweep);
  }
}
