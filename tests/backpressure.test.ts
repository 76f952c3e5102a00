import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Delta, ServerToClientEvents, Snapshot } from '../common/protocol.js';
import type { Stadtpuls } from '../server/app.js';
import { connectRawSocketIo, type RawSocketIo } from './helpers/raw-socket-io.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

/**
 * Issue 13, backpressure: a client over its outgoing byte budget gets no more deltas while it does
 * not read (coalesced: one flag per sensor), catches up with one delta when it reads again, gets a
 * snapshot when it was behind for long, and is disconnected (`stalled`) when it never reads. The
 * server's heap stays bounded and 50 other clients get every delta in order.
 */

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const BUDGET = 256 * 1024;
const RESYNC_AFTER_MS = 3000;
const STALLED_AFTER_MS = 6000;
const HEAP_GROWTH_BOUND = 64 * 1024 * 1024;

let server: Stadtpuls;
let url: string;
const clients: Client[] = [];

interface Watcher {
  deltas: Delta[];
  snapshot?: Snapshot;
}
let watchers: Watcher[] = [];

beforeAll(async () => {
  ({ server, url } = await startTestServer({
    STREAM_TICK_MS: '100',
    STREAM_CLIENT_BUDGET: String(BUDGET),
    STREAM_RESYNC_AFTER_MS: String(RESYNC_AFTER_MS),
    STREAM_STALLED_AFTER_MS: String(STALLED_AFTER_MS),
    // The raw clients ask for snapshots to fill their buffers fast; the rate limit is not what is tested here.
    SOCKET_MAX_EVENTS_PER_10S: '10000',
  }));
  for (let i = 0; i < 50; i += 1) {
    const w: Watcher = { deltas: [] };
    const c: Client = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
    c.on('snapshot', (s) => (w.snapshot ??= s));
    c.on('delta', (d) => w.deltas.push(d));
    clients.push(c);
    watchers.push(w);
  }
  await waitFor(() => watchers.every((w) => w.snapshot), 'every normal client has its snapshot');
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

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

/** A raw client that stops reading and asks for ~50 kB snapshots until the server holds back for it. */
async function fallBehind(): Promise<{ raw: RawSocketIo; frames: string[]; coalescedAt: number }> {
  const before = server.stream.stats().coalesced;
  const raw = await connectRawSocketIo(url, { perMessageDeflate: false });
  const frames: string[] = [];
  raw.ws.on('message', (data) => frames.push(String(data)));
  raw.stopReading();
  const timer = setInterval(() => raw.send('42["snapshot:request"]'), 20);
  try {
    await waitFor(() => server.stream.stats().coalesced > before, 'the server to hold back for the raw client', 20_000);
  } finally {
    clearInterval(timer);
  }
  return { raw, frames, coalescedAt: Date.now() };
}

/** Every delta after the client's snapshot, with no seq missing. */
function expectEveryDelta(minDeltas: number): void {
  for (const w of watchers) {
    const after = w.deltas.filter((d) => d.seq > w.snapshot!.seq);
    expect(after.length).toBeGreaterThanOrEqual(minDeltas);
    expect(after.map((d) => d.seq)).toEqual(after.map((_, i) => w.snapshot!.seq + 1 + i));
  }
}

const events = (frames: string[]) =>
  frames.filter((f) => f.startsWith('42[')).map((f) => JSON.parse(f.slice(2)) as [string, { seq: number; baseSeq?: number }]);

/** Where a client goes on after being held back: its last snapshot or catch-up delta (baseSeq), and the deltas after it. */
function restartOf(frames: string[]) {
  const list = events(frames);
  const restart = Math.max(list.map(([e]) => e).lastIndexOf('snapshot'), list.map(([e, m]) => e === 'delta' && m.baseSeq !== undefined).lastIndexOf(true));
  return { list, restart, tail: list.slice(restart + 1).filter(([e]) => e === 'delta') };
}

describe('a client behind its byte budget', () => {
  it('that reads again soon: caught up from where it stopped (one delta, or the snapshot it asked for), then every delta in order', async () => {
    const before = server.stream.stats();
    const { raw, frames } = await fallBehind();
    expect(server.stream.stats().behind).toBe(before.behind + 1);
    raw.tcp.resume();
    await waitFor(() => server.stream.stats().caughtUp + server.stream.stats().resynced > before.caughtUp + before.resynced, 'the raw client to catch up', 10_000);
    await waitFor(() => restartOf(frames).tail.length > 5, 'deltas after the catch-up');
    // It goes on from the last message that stands for what it missed: a catch-up delta (baseSeq) or,
    // as it asked for snapshots while behind, a snapshot.
    const { list, restart, tail } = restartOf(frames);
    const [kind, first] = list[restart];
    if (kind === 'delta') {
      // baseSeq is the last delta it got before the server held back
      const previous = list.slice(0, restart).filter(([e]) => e === 'delta').at(-1)![1];
      expect(first.baseSeq).toBe(previous.seq);
    }
    expect(tail.map(([, m]) => m.seq)).toEqual(tail.map((_, i) => first.seq + 1 + i));
    raw.ws.terminate();
  });

  it('that never reads: coalesced, then disconnected as stalled; heap bounded; 50 others get every delta in order', async () => {
    const heap = heapWatch();
    const before = server.stream.stats();
    const { raw, coalescedAt } = await fallBehind();
    // While it does not read, what the server keeps for it is one flag per sensor, not its deltas.
    await new Promise((r) => setTimeout(r, 1000));
    expect(server.stream.stats().behind).toBe(before.behind + 1);
    await waitFor(() => server.stream.stats().disconnected > before.disconnected, 'the stalled client to be disconnected', STALLED_AFTER_MS + 5000);
    const droppedAfterMs = Date.now() - coalescedAt;
    await Promise.race([raw.closed(), new Promise((_, reject) => setTimeout(() => reject(new Error('TCP connection still open')), 3000))]);
    const growth = heap.stop();

    expect(droppedAfterMs).toBeGreaterThanOrEqual(STALLED_AFTER_MS - 1500);
    expect(growth).toBeLessThan(HEAP_GROWTH_BOUND);
    expectEveryDelta(50);
    const health = (await (await fetch(`${url}/api/health`)).json()) as { clientsDropped: Record<string, number> };
    expect(health.clientsDropped.stalled).toBe(1);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(Number(/^stadtpuls_stream_backpressure_total\{outcome="coalesced"\} (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
    expect(metrics).toMatch(/^stadtpuls_stream_backpressure_total\{outcome="disconnected"\} 1$/m);
    console.log(JSON.stringify({ scenario: 'never-reads', droppedAfterMs, heapGrowthMB: +(growth / 2 ** 20).toFixed(1), stats: server.stream.stats() }));
  });

  it('that reads again after long: resynced with a snapshot, then every delta in order', async () => {
    const before = server.stream.stats();
    const { raw, frames, coalescedAt } = await fallBehind();
    await new Promise((r) => setTimeout(r, Math.max(0, RESYNC_AFTER_MS + 500 - (Date.now() - coalescedAt))));
    raw.tcp.resume();
    await waitFor(() => server.stream.stats().resynced > before.resynced, 'the resync', 10_000);
    await waitFor(() => restartOf(frames).tail.length > 5, 'deltas after the resync');
    const { list, restart, tail } = restartOf(frames);
    expect(list[restart][0]).toBe('snapshot');
    expect(tail.map(([, m]) => m.seq)).toEqual(tail.map((_, i) => list[restart][1].seq + 1 + i));
    raw.ws.terminate();
  });
});
