import net from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENTS } from '../common/protocol.js';
import type { Stadtpuls } from '../server/app.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';
import { PerMessageDeflate } from './helpers/ws-deflate.js';

/**
 * The live stream deflates the JSON form and sends the columnar form as it is (server/stream/engine-sending.ts):
 * engine.io 6.6 dropped socket.io's `compress(false)`, so every columnar message above the threshold was
 * deflated per client and each connection held a zlib context (~280 KB of native memory) for it.
 * `ws` deflates in PerMessageDeflate#compress; server and clients share this process, and only the server
 * deflates (the clients' messages are below the threshold), so its calls are the server's.
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

describe('permessage-deflate follows the form', () => {
  it('sends the columnar form undeflated and deflates the JSON form', async () => {
    const deflated: number[] = [];
    const realCompress = PerMessageDeflate.prototype.compress;
    const spy = vi.spyOn(PerMessageDeflate.prototype, 'compress').mockImplementation(function (this: unknown, ...args: unknown[]) {
      const data = args[0] as Buffer | string;
      deflated.push(typeof data === 'string' ? Buffer.byteLength(data) : data.length);
      return realCompress.apply(this, args);
    });
    await connect('columns', 3);
    // the columnar snapshot (its columns over the 1 KB threshold) and three deltas went out without a deflate
    expect(deflated).toEqual([]);
    await connect('json', 3);
    spy.mockRestore();
    // the JSON snapshot at least (about 57 KB for the registry's city)
    expect(deflated.length).toBeGreaterThan(0);
    expect(Math.max(...deflated)).toBeGreaterThan(50_000);
  }, 60_000);
});

describe('a JSON snapshot leaves as the UTF-8 bytes made once', () => {
  it("hands ws the snapshot's bytes, not a string it would copy into UTF-8 for each client", async () => {
    const large: Array<Buffer | string> = [];
    const realCompress = PerMessageDeflate.prototype.compress;
    const spy = vi.spyOn(PerMessageDeflate.prototype, 'compress').mockImplementation(function (this: unknown, ...args: unknown[]) {
      const data = args[0] as Buffer | string;
      if (data.length > 50_000) large.push(data);
      return realCompress.apply(this, args);
    });
    // each client parses its snapshot and reads deltas after it: the bytes are the message
    await Promise.all([connect('json', 2), connect('json', 2)]);
    spy.mockRestore();
    expect(large.length).toBeGreaterThanOrEqual(2);
    for (const data of large) {
      expect(Buffer.isBuffer(data)).toBe(true);
      // engine.io's message packet, then socket.io's event packet of the snapshot
      expect((data as Buffer).subarray(0, 14).toString()).toBe('42["snapshot",');
    }
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
