import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Delta, ServerToClientEvents, Snapshot } from '../common/protocol.js';
import type { Stadtpuls } from '../server/app.js';
import { loadSensorIndex } from '../server/registry.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

/** A city of 20,000 generated sensors beside the registry's (SCALE, server/simulator/scale-city.ts). */
const SCALE = 20_000;
let server: Stadtpuls;
let url: string;
const registered = loadSensorIndex().size;

beforeAll(async () => {
  ({ server, url } = await startTestServer({ SCALE: String(SCALE), STREAM_TICK_MS: '500' }));
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe(`a server with SCALE=${SCALE}`, () => {
  it('registers the generated sensors and answers /api/health while they report', async () => {
    expect(server.sensors.size).toBe(registered + SCALE);
    // Before the heat surface left the tick, /api/health took tens of seconds at this size; the
    // abort is a liveness bound for a loaded CI machine, not a speed figure (bench:scale measures those).
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.sensors.registered).toBe(registered + SCALE);
      await new Promise((r) => setTimeout(r, 300));
    }
    const body = await waitFor(async () => {
      const b = await (await fetch(`${url}/api/health`)).json();
      return b.sources.scale?.accepted >= SCALE ? b : undefined;
    }, 'every generated sensor to report once', 30_000);
    expect(body.sources.scale.rejected.invalid).toBe(0);
  });

  it('streams a snapshot with the generated sensors and the districts, then deltas that carry their readings', async () => {
    await waitFor(() => server.state.size >= SCALE, 'the generated sensors in the live state', 30_000);
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
    const deltas: Delta[] = [];
    socket.on('delta', (d) => deltas.push(d));
    const snapshot = await new Promise<Snapshot>((resolve) => socket.once('snapshot', resolve));
    expect(snapshot.entries.filter((e) => e.reading.sensorId.startsWith('gen-')).length).toBeGreaterThan(SCALE * 0.9);
    expect(snapshot.districts?.length).toBe(6);
    await waitFor(() => deltas.filter((d) => d.seq > snapshot.seq).length >= 3, 'three deltas after the snapshot', 30_000);
    socket.close();
    const after = deltas.filter((d) => d.seq > snapshot.seq);
    // A 20,000-sensor snapshot is over the default byte budget, so the stream may catch this client up
    // (server/stream/backpressure.ts) rather than send every delta: the order holds, not every number.
    after.forEach((d, i) => i > 0 && expect(d.seq).toBeGreaterThan(after[i - 1].seq));
    expect(after.flatMap((d) => d.entries).some((e) => e.reading.sensorId.startsWith('gen-'))).toBe(true);
  });
});
