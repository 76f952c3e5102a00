import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Delta, DroppedNotice, ServerToClientEvents, Snapshot } from '../common/protocol.js';
import type { Stadtpuls } from '../server/app.js';
import { connectRawSocketIo } from './helpers/raw-socket-io.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

/**
 * Issue 9: a client that never reads and floods `snapshot:request` grew the heap until the server died.
 * Now it is dropped within seconds, the heap stays bounded and everyone else gets every delta.
 */

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Heap growth over the flood, bytes: without the guard the first scenario grows by hundreds of MB. */
const HEAP_GROWTH_BOUND = 64 * 1024 * 1024;

let server: Stadtpuls | undefined;
const clients: Client[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.stop();
  server = undefined;
});

interface Watcher {
  deltas: Delta[];
  snapshot?: Snapshot;
}

async function normalClients(url: string, n: number): Promise<Watcher[]> {
  const watchers: Watcher[] = [];
  for (let i = 0; i < n; i += 1) {
    const w: Watcher = { deltas: [] };
    const c: Client = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
    c.on('snapshot', (s) => (w.snapshot ??= s));
    c.on('delta', (d) => w.deltas.push(d));
    clients.push(c);
    watchers.push(w);
  }
  await waitFor(() => watchers.every((w) => w.snapshot), 'every normal client has its snapshot');
  return watchers;
}

/** Every delta after the client's snapshot, with no seq missing. */
function expectEveryDelta(watchers: Watcher[], minDeltas: number): void {
  for (const w of watchers) {
    const after = w.deltas.filter((d) => d.seq > w.snapshot!.seq);
    expect(after.length).toBeGreaterThanOrEqual(minDeltas);
    expect(after.map((d) => d.seq)).toEqual(after.map((_, i) => w.snapshot!.seq + 1 + i));
  }
}

/** Samples the heap every 50 ms; returns the largest growth over the first sample. */
function heapWatch(): { stop(): number } {
  const base = process.memoryUsage().heapUsed;
  let max = base;
  const timer = setInterval(() => (max = Math.max(max, process.memoryUsage().heapUsed)), 50);
  return {
    stop() {
      clearInterval(timer);
      return max - base;
    },
  };
}

function floodEveryMs(send: () => void, perMs: number): () => void {
  const timer = setInterval(() => {
    for (let i = 0; i < perMs; i += 1) send();
  }, 1);
  return () => clearInterval(timer);
}

describe('a client that never reads', () => {
  it('flooding snapshot:request at ~1000/s: dropped for its rate within seconds, heap bounded, 20 clients get every delta', async () => {
    const started = await startTestServer({ STREAM_TICK_MS: '200' });
    server = started.server;
    const watchers = await normalClients(started.url, 20);
    const heap = heapWatch();

    const raw = await connectRawSocketIo(started.url);
    raw.stopReading();
    const t0 = Date.now();
    const stopFlood = floodEveryMs(() => raw.send('42["snapshot:request"]'), 1);
    await waitFor(() => server!.io.of('/').sockets.size === 20, 'the flooding client to be dropped', 5000);
    const droppedAfterMs = Date.now() - t0;
    // Its TCP connection is cut too, not only the Socket.IO session.
    await Promise.race([raw.closed(), new Promise((_, reject) => setTimeout(() => reject(new Error('TCP connection still open')), 3000))]);
    stopFlood();
    // Let the others run on for a while: every one of their deltas must arrive.
    await new Promise((r) => setTimeout(r, 2000));
    const growth = heap.stop();

    expect(droppedAfterMs).toBeLessThan(3000);
    expect(growth).toBeLessThan(HEAP_GROWTH_BOUND);
    expectEveryDelta(watchers, 8);
    const health = (await (await fetch(`${started.url}/api/health`)).json()) as { clientsDropped: Record<string, number> };
    expect(health.clientsDropped.rate_limit).toBe(1);
    console.log(JSON.stringify({ scenario: 'flood', droppedAfterMs, heapGrowthMB: +(growth / 2 ** 20).toFixed(1) }));
  });

  it('requesting snapshots within the rate limit: dropped when its send buffer passes the cap, heap bounded, 20 clients get every delta', async () => {
    // A generous rate limit, so only the send buffer can stop it: each answer is a ~50 kB snapshot.
    const started = await startTestServer({ STREAM_TICK_MS: '200', SOCKET_MAX_EVENTS_PER_10S: '10000', SOCKET_MAX_BUFFERED_BYTES: String(512 * 1024) });
    server = started.server;
    const watchers = await normalClients(started.url, 20);
    const heap = heapWatch();

    const raw = await connectRawSocketIo(started.url);
    raw.stopReading();
    const t0 = Date.now();
    // 200/s: under the limit of 1000/s, but ~10 MB/s of snapshots that nobody reads.
    let sent = 0;
    const timer = setInterval(() => {
      raw.send('42["snapshot:request"]');
      sent += 1;
    }, 5);
    await waitFor(() => server!.io.of('/').sockets.size === 20, 'the non-reading client to be dropped', 15_000);
    const droppedAfterMs = Date.now() - t0;
    clearInterval(timer);
    await Promise.race([raw.closed(), new Promise((_, reject) => setTimeout(() => reject(new Error('TCP connection still open')), 3000))]);
    await new Promise((r) => setTimeout(r, 1500));
    const growth = heap.stop();

    expect(growth).toBeLessThan(HEAP_GROWTH_BOUND);
    expectEveryDelta(watchers, 8);
    const health = (await (await fetch(`${started.url}/api/health`)).json()) as { clientsDropped: Record<string, number> };
    expect(health.clientsDropped).toEqual({ rate_limit: 0, send_buffer: 1, stalled: 0 });
    console.log(JSON.stringify({ scenario: 'send-buffer', droppedAfterMs, requestsSent: sent, heapGrowthMB: +(growth / 2 ** 20).toFixed(1) }));
  });

  it('a reading client over the rate limit is told why before it is disconnected', async () => {
    const started = await startTestServer({ STREAM_TICK_MS: '200' });
    server = started.server;
    const c: Client = io(started.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    clients.push(c);
    await new Promise((r) => c.once('snapshot', r));
    const notice = new Promise<DroppedNotice>((resolve) => c.once('dropped', resolve));
    const disconnected = new Promise<string>((resolve) => c.once('disconnect', resolve));
    for (let i = 0; i < 20; i += 1) c.emit('snapshot:request');
    expect(await notice).toMatchObject({ reason: 'rate_limit', retryAfterMs: 10_000 });
    expect(await disconnected).toBe('io server disconnect');
  });
});
