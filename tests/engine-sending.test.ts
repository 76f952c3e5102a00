import net from 'node:net';
import { constants, inflateRawSync } from 'node:zlib';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENTS } from '../common/protocol.js';
import type { Stadtpuls } from '../server/app.js';
import { SHARED_DEFLATE_WINDOW_BITS } from '../server/stream/shared-deflate.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';
import { PerMessageDeflate, Sender } from './helpers/ws-deflate.js';

/**
 * The live stream deflates the JSON form and sends the columnar form as it is (server/stream/engine-sending.ts):
 * engine.io 6.6 dropped socket.io's `compress(false)`, so every columnar message above the threshold was
 * deflated per client and each connection held a zlib context (~280 KB of native memory) for it.
 * `ws` deflates in PerMessageDeflate#compress, a message deflated once for all clients (shared-deflate.ts) is not
 * deflated there; every frame is written by Sender#sendFrame. Server and clients share this process, and only the
 * server deflates or writes large frames (the clients' messages are below the threshold), so those calls are the server's.
 */

let server: Stadtpuls;
let url: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  ({ server, url } = await startTestServer());
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await server.stop();
  vi.restoreAllMocks();
});

/** Connects a client in `format` and resolves once it has its snapshot and `deltas` deltas. */
async function connect(format: 'json' | 'columns', deltas: number): Promise<void> {
  const s = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { format } });
  sockets.push(s);
  let snapshot = false;
  let seen = 0;
  s.once(format === 'json' ? EVENTS.snapshot : EVENTS.columnsSnapshot, () => (snapshot = true));
  s.on(format === 'json' ? EVENTS.delta : EVENTS.columnsDelta, () => (seen += snapshot ? 1 : 0));
  await waitFor(() => snapshot && seen >= deltas, `${format} snapshot and ${deltas} deltas`, 20_000);
  s.close();
}

describe('a columnar delta leaves in one write', () => {
  it("writes its JSON part and its binary attachment to the client's TCP socket together", async () => {
    // Writes to the server's side of a connection (a net.Socket with its server set): a WebSocket frame is its
    // header and payload, written corked (a _writev of two chunks); two frames in one write are four or more.
    const writev = vi.spyOn(net.Socket.prototype as unknown as { _writev(chunks: unknown[], cb: unknown): void }, '_writev');
    await connect('columns', 3);
    const framesPerWrite = writev.mock.calls.filter((_, i) => (writev.mock.contexts[i] as { server?: unknown }).server).map(([chunks]) => chunks.length / 2);
    writev.mockRestore();
    // the snapshot and three deltas with columns, each its two frames in one write (without: one frame a write)
    expect(framesPerWrite.filter((n) => n >= 2).length).toBeGreaterThanOrEqual(4);
  }, 60_000);
});

/** What the server's `ws` writes, frame by frame: its first header byte (FIN, RSV1 = deflated, opcode) and its payload. */
function watchFrames(): { frames: Array<{ head: number; payload: Buffer }>; stop(): void } {
  const frames: Array<{ head: number; payload: Buffer }> = [];
  const spy = vi.spyOn(Sender.prototype, 'sendFrame').mockImplementation(function (this: unknown, ...args: unknown[]) {
    const list = args[0] as Buffer[];
    frames.push({ head: list[0][0], payload: list.length === 2 ? list[1] : list[0].subarray(2) });
    return realSendFrame.apply(this, args);
  });
  return { frames, stop: () => spy.mockRestore() };
}
const realSendFrame = Sender.prototype.sendFrame;
const DEFLATED = 0x40;

describe('permessage-deflate follows the form', () => {
  it('sends the columnar form undeflated and deflates the JSON form', async () => {
    const deflated: number[] = [];
    const realCompress = PerMessageDeflate.prototype.compress;
    const spy = vi.spyOn(PerMessageDeflate.prototype, 'compress').mockImplementation(function (this: unknown, ...args: unknown[]) {
      const data = args[0] as Buffer | string;
      deflated.push(typeof data === 'string' ? Buffer.byteLength(data) : data.length);
      return realCompress.apply(this, args);
    });
    const watched = watchFrames();
    await connect('columns', 3);
    // the columnar snapshot (its columns over the 1 KB threshold) and three deltas went out without a deflate
    expect(deflated).toEqual([]);
    expect(watched.frames.filter((f) => f.head & DEFLATED)).toEqual([]);
    await connect('json', 3);
    spy.mockRestore();
    watched.stop();
    // the JSON snapshot at least (about 57 KB for the registry's city, a fraction of it deflated)
    const json = watched.frames.filter((f) => f.head & DEFLATED);
    expect(json.length).toBeGreaterThan(0);
    expect(Math.max(...json.map((f) => f.payload.length))).toBeGreaterThan(5_000);
  }, 60_000);
});

describe('a JSON snapshot is deflated once for every client', () => {
  it('sends each client the same deflated frame, made from the UTF-8 bytes, and ws deflates none of it', async () => {
    const large: Array<Buffer | string> = [];
    const realCompress = PerMessageDeflate.prototype.compress;
    const spy = vi.spyOn(PerMessageDeflate.prototype, 'compress').mockImplementation(function (this: unknown, ...args: unknown[]) {
      const data = args[0] as Buffer | string;
      if (data.length > 50_000) large.push(data);
      return realCompress.apply(this, args);
    });
    const watched = watchFrames();
    // each client inflates and parses its snapshot and reads deltas after it: the frame is the message
    await Promise.all([connect('json', 2), connect('json', 2), connect('json', 2)]);
    spy.mockRestore();
    watched.stop();
    expect(large).toEqual([]);
    const inflated = (payload: Buffer) => inflateRawSync(Buffer.concat([payload, Buffer.from([0, 0, 0xff, 0xff])]), { windowBits: SHARED_DEFLATE_WINDOW_BITS, finishFlush: constants.Z_SYNC_FLUSH });
    const snapshots = watched.frames.filter((f) => f.head & DEFLATED && inflated(f.payload).subarray(0, 14).toString() === '42["snapshot",');
    expect(snapshots.length).toBeGreaterThanOrEqual(3);
    // clients that joined in one tick were handed the same bytes: one payload per snapshot
    const bySeq = new Map<number, Set<Buffer>>();
    for (const { payload } of snapshots) {
      const seq = (JSON.parse(inflated(payload).toString('utf8', 2)) as [string, { seq: number }])[1].seq;
      bySeq.set(seq, (bySeq.get(seq) ?? new Set()).add(payload));
    }
    for (const payloads of bySeq.values()) expect(payloads.size).toBe(1);
    // clients connecting together get the snapshot of one tick (all three in each of several runs)
    expect(bySeq.size).toBeLessThan(snapshots.length);
  }, 60_000);
});

describe('a JSON snapshot over long polling', () => {
  it('goes as text: the transport does not take the bytes', async () => {
    const s = io(url, { transports: ['polling'], reconnection: false, forceNew: true });
    sockets.push(s);
    let snapshot: { seq: number; entries: unknown[] } | null = null;
    s.once(EVENTS.snapshot, (m: { seq: number; entries: unknown[] }) => (snapshot = m));
    await waitFor(() => snapshot !== null, 'a JSON snapshot over polling', 20_000);
    expect(snapshot!.entries.length).toBeGreaterThan(100);
    s.close();
  }, 30_000);
});
