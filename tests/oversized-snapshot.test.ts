import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { EVENTS } from '../common/protocol.js';
import type { Stadtpuls } from '../server/app.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

/**
 * A JSON snapshot larger than the send-buffer cap (at 100,000 sensors: 25 MB against 8 MiB) goes out and the
 * client stays (server/stream/connection-guard.ts, capCheck): here the registry's JSON snapshot (~57 KB) against
 * the lowest cap the config takes (16 KiB). Before, the client was dropped (`send_buffer`) right after it.
 */
const CAP = 16 * 1024;
let server: Stadtpuls | null = null;

afterAll(async () => {
  await server?.stop();
});

describe('a snapshot larger than the send-buffer cap', () => {
  it('reaches a JSON client, which stays connected and gets the deltas after it', async () => {
    const started = await startTestServer({ SOCKET_MAX_BUFFERED_BYTES: String(CAP) });
    server = started.server;
    const s = io(started.url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { format: 'json' } });
    let snapshotChars = 0;
    let deltas = 0;
    const dropped: unknown[] = [];
    s.once(EVENTS.snapshot, (snapshot: unknown) => (snapshotChars = JSON.stringify(snapshot).length));
    s.on(EVENTS.delta, () => (deltas += snapshotChars > 0 ? 1 : 0));
    s.on(EVENTS.dropped, (d: unknown) => dropped.push(d));
    await waitFor(() => deltas >= 3 || dropped.length > 0, 'three deltas after the snapshot, or a drop', 20_000);
    expect(snapshotChars).toBeGreaterThan(CAP);
    expect(dropped).toEqual([]);
    expect(s.connected).toBe(true);
    expect(server.stream.stats().disconnected).toBe(0);
    s.close();
  }, 30_000);
});
