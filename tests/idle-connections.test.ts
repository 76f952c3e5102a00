import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { Stadtpuls } from '../server/app.js';
import { startTestServer } from './helpers/test-server.js';

/**
 * Issue 9: 20,000 idle, half-sent HTTP requests exhausted the file descriptors, and 3,000 were still
 * open after 320 s. Now the header timeout closes them in seconds, a connection cap turns away the
 * excess at once, and the server keeps answering meanwhile.
 */

let server: Stadtpuls | undefined;
const sockets: net.Socket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await server?.stop();
  server = undefined;
});

interface Idle {
  openedAt: number;
  closedAt?: number;
}

/** Opens `n` connections that each send half a request and then nothing; in batches, so the accept backlog keeps up. */
async function openIdle(url: string, n: number, payload = 'GET /api/health HTTP/1.1\r\nHost: stadtpuls\r\nX-Slow: '): Promise<Idle[]> {
  const { hostname, port } = new URL(url);
  const idle: Idle[] = [];
  // Node listens with a backlog of 511: larger batches would wait for SYN retries.
  for (let start = 0; start < n; start += 500) {
    const batch = Array.from({ length: Math.min(500, n - start) }, () => {
      const entry: Idle = { openedAt: 0 };
      idle.push(entry);
      return new Promise<void>((resolve) => {
        const s = net.connect(Number(port), hostname);
        sockets.push(s);
        s.on('error', () => undefined);
        // Read (and discard) what comes back, e.g. a 408, so the server's FIN is seen.
        s.resume();
        s.on('close', () => {
          entry.closedAt = Date.now();
          resolve();
        });
        s.on('connect', () => {
          entry.openedAt = Date.now();
          s.write(payload);
          resolve();
        });
      });
    });
    await Promise.all(batch);
  }
  return idle;
}

async function healthAnswers(url: string): Promise<boolean> {
  const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
  return res.status === 200 && ((await res.json()) as { status: string }).status !== undefined;
}

async function socketIoSnapshot(url: string): Promise<boolean> {
  const c = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 3000 });
  try {
    return await new Promise<boolean>((resolve) => {
      c.once('snapshot', () => resolve(true));
      c.once('connect_error', () => resolve(false));
      setTimeout(() => resolve(false), 3000);
    });
  } finally {
    c.close();
  }
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

describe('idle and half-sent HTTP connections', () => {
  it('2,000 half-sent requests: the server keeps answering, and each is closed by the default header timeout', async () => {
    const headersTimeoutMs = 10_000; // the default of HTTP_HEADERS_TIMEOUT_MS
    const n = 2000;
    const started = await startTestServer();
    expect(started.server.http.headersTimeout).toBe(headersTimeoutMs);
    server = started.server;
    const openingStarted = Date.now();
    const idle = await openIdle(started.url, n);
    const openingMs = Date.now() - openingStarted;
    const opened = idle.filter((i) => i.openedAt > 0).length;

    // While they hang: REST and Socket.IO are served.
    const hangingBefore = idle.filter((i) => i.closedAt === undefined).length;
    expect(await healthAnswers(started.url)).toBe(true);
    expect(await socketIoSnapshot(started.url)).toBe(true);

    await until(() => idle.every((i) => i.closedAt !== undefined), headersTimeoutMs + 8000);
    const lifetimes = idle.map((i) => (i.closedAt ?? Infinity) - i.openedAt);
    const longest = Math.max(...lifetimes);
    console.log(JSON.stringify({ idleOpened: opened, openingMs, hangingWhileServed: hangingBefore, headersTimeoutMs, shortestLifetimeMs: Math.min(...lifetimes), longestLifetimeMs: longest }));
    expect(opened).toBe(n);
    // On an idle machine all of them; on a loaded one the first may time out before the last is open.
    expect(hangingBefore).toBeGreaterThanOrEqual(n / 2);
    // Closed by the timeout (checked every second), not long after it. This one process opens, holds and
    // closes both ends of every connection, so a busy machine skews the clocks by seconds: hence the slack.
    expect(Math.min(...lifetimes)).toBeGreaterThanOrEqual(headersTimeoutMs / 2);
    expect(longest).toBeLessThan(headersTimeoutMs + 8000);
    expect(await healthAnswers(started.url)).toBe(true);
  }, 45_000);

  it('past HTTP_MAX_CONNECTIONS further connections are closed at once, and the server recovers when the idle ones time out', async () => {
    const headersTimeoutMs = 5000;
    const started = await startTestServer({ HTTP_HEADERS_TIMEOUT_MS: String(headersTimeoutMs), HTTP_MAX_CONNECTIONS: '200' });
    server = started.server;
    const idle = await openIdle(started.url, 400);
    await until(() => idle.filter((i) => i.closedAt !== undefined).length >= 200, headersTimeoutMs - 1000);
    // Closed long before any header timeout could have closed them: turned away at accept.
    const turnedAway = idle.filter((i) => i.closedAt !== undefined && i.closedAt - i.openedAt < headersTimeoutMs - 500).length;
    const open = await new Promise<number>((resolve, reject) => server!.http.getConnections((err, n) => (err ? reject(err) : resolve(n))));
    expect(open).toBeLessThanOrEqual(200);
    expect(turnedAway).toBeGreaterThanOrEqual(200);

    await until(() => idle.every((i) => i.closedAt !== undefined), headersTimeoutMs + 6000);
    expect(idle.every((i) => i.closedAt !== undefined)).toBe(true);
    expect(await healthAnswers(started.url)).toBe(true);
    expect(await socketIoSnapshot(started.url)).toBe(true);
  });

  it('an idle keep-alive connection is closed after the keep-alive timeout', async () => {
    const started = await startTestServer({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000', HTTP_HEADERS_TIMEOUT_MS: '8000' });
    server = started.server;
    const [conn] = await openIdle(started.url, 1, 'GET /api/ready HTTP/1.1\r\nHost: stadtpuls\r\nConnection: keep-alive\r\n\r\n');
    await until(() => conn.closedAt !== undefined, 5000);
    const lifetime = (conn.closedAt ?? Infinity) - conn.openedAt;
    expect(lifetime).toBeGreaterThanOrEqual(900);
    expect(lifetime).toBeLessThan(3000);
  });

  it('stop() ends with a browser preconnect open and a half-sent request: both cut after the shutdown grace', async () => {
    const started = await startTestServer({ HTTP_SHUTDOWN_GRACE_MS: '500' });
    const [silent] = await openIdle(started.url, 1, '');
    const [half] = await openIdle(started.url, 1);
    // Before, Node's close waited for these for good (it stops the header-timeout sweep), and so did a SIGTERM.
    await started.server.stop();
    await until(() => silent.closedAt !== undefined && half.closedAt !== undefined, 5000);
    expect([silent.closedAt, half.closedAt]).not.toContain(undefined);
  }, 20_000);
});
