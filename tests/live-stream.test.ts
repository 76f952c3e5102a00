import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { deltaSchema, snapshotSchema, type ClientToServerEvents, type Delta, type ServerToClientEvents, type Snapshot } from '../common/protocol.js';
import { sensorRegistrySchema } from '../common/sensors.js';
import type { Stadtpuls } from '../server/app.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

let server: Stadtpuls;
let url: string;
/** Sensors with a reading in the default scenario: all but the street trees, which only a scenario with their recorded series drives. */
const reporting = () => server.sensors.size - server.sensors.ofKind('tree').length;

beforeAll(async () => {
  ({ server, url } = await startTestServer({ STREAM_TICK_MS: '200' }));
});

afterAll(async () => {
  await server.stop();
});

function connect(): Socket<ServerToClientEvents, ClientToServerEvents> {
  return io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
}

function next<E extends keyof ServerToClientEvents>(socket: Socket<ServerToClientEvents, ClientToServerEvents>, event: E): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve) => socket.once(event, ((payload: never) => resolve(payload)) as never));
}

describe('live stream over a real socket.io connection', () => {
  it('sends a snapshot, then deltas with consecutive sequence numbers', async () => {
    const socket = connect();
    const deltas: Delta[] = [];
    socket.on('delta', (d) => deltas.push(d));
    const snapshot = (await next(socket, 'snapshot')) as Snapshot;
    expect(snapshotSchema.safeParse(snapshot).success).toBe(true);
    expect(snapshot.entries.length).toBe(reporting());
    expect(snapshot.scenario?.id).toBe('normaler-werktag');

    while (deltas.filter((d) => d.seq > snapshot.seq).length < 5) await new Promise((r) => setTimeout(r, 50));
    socket.close();

    const after = deltas.filter((d) => d.seq > snapshot.seq);
    after.forEach((d, i) => {
      expect(deltaSchema.safeParse(d).success).toBe(true);
      expect(d.seq).toBe(snapshot.seq + 1 + i);
      expect(d.instance).toBe(snapshot.instance);
    });
    // Sensors report staggered over their intervals, so the city changes between ticks.
    expect(after.reduce((n, d) => n + d.entries.length, 0)).toBeGreaterThan(0);
    expect(after[after.length - 1].cityTime).toBeGreaterThan(snapshot.cityTime);
  });

  it('answers snapshot:request with a fresh snapshot', async () => {
    const socket = connect();
    const first = (await next(socket, 'snapshot')) as Snapshot;
    await new Promise((r) => setTimeout(r, 450));
    const again = next(socket, 'snapshot');
    socket.emit('snapshot:request');
    const second = (await again) as Snapshot;
    socket.close();
    expect(second.seq).toBeGreaterThan(first.seq);
    expect(second.entries.length).toBe(reporting());
  });
});

describe('REST API', () => {
  it('GET /api/health reports the simulator and traffic-twin feeds', async () => {
    const res = await fetch(`${url}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.sensors.registered).toBe(server.sensors.size);
    const traffic = server.sensors.ofKind('traffic').length;
    expect(body.sources.simulator.accepted).toBeGreaterThanOrEqual(reporting() - traffic);
    expect(body.sources['traffic-twin'].accepted).toBeGreaterThanOrEqual(traffic);
  });

  it('GET /api/health and /metrics show the history writer keeping up', async () => {
    const written = await waitFor(async () => {
      const body = await (await fetch(`${url}/api/health`)).json();
      return body.history?.written > 0 ? body.history : undefined;
    }, 'history rows written');
    expect(written).toMatchObject({ dropped: 0, behind: false });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(Number(/^stadtpuls_history_written_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(0);
    expect(metrics).toMatch(/^stadtpuls_history_behind 0$/m);
    expect(metrics).toMatch(/^stadtpuls_history_queued_generated \d+$/m);
  });

  it('GET /api/sensors returns the registry as GeoJSON', async () => {
    const body = await (await fetch(`${url}/api/sensors`)).json();
    expect(sensorRegistrySchema.safeParse(body).success).toBe(true);
    const kinds = new Set(body.features.map((f: { properties: { kind: string } }) => f.properties.kind));
    expect([...kinds].sort()).toEqual(['charging', 'climate', 'parking', 'traffic', 'tree']);
  });

  it('GET /api/state returns the latest reading of every sensor', async () => {
    const body = await (await fetch(`${url}/api/state`)).json();
    expect(body.entries.length).toBe(reporting());
    const ids = new Set(body.entries.map((e: { reading: { sensorId: string } }) => e.reading.sensorId));
    expect(ids.size).toBe(reporting());
  });

  it('serves the basemap geometry', async () => {
    const res = await fetch(`${url}/city/boundary.geojson`);
    expect(res.status).toBe(200);
    expect((await res.json()).type).toBe('FeatureCollection');
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const res = await fetch(`${url}/api/nope`);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toBe('not_found');
  });
});

describe('ingest path', () => {
  it('rejects bad readings with a reason, counts them and keeps running', async () => {
    const sensorId = server.sensors.ofKind('parking')[0].id;
    const before = server.ingest.stats.snapshot().test?.rejected.invalid ?? 0;
    expect(server.ingest.submit({ sensorId, kind: 'parking', ts: Date.now(), values: { freeSpaces: -5, open: true } }, 'test')).toMatchObject({
      status: 'rejected',
      reason: 'invalid',
    });
    expect(server.ingest.submit({ sensorId: 'nope', kind: 'parking', ts: Date.now(), values: { freeSpaces: 5, open: true } }, 'test')).toMatchObject({
      status: 'rejected',
      reason: 'unknown_sensor',
    });
    expect(server.ingest.submit({ sensorId, kind: 'climate', ts: Date.now(), values: { airTempC: 20, relHumidityPct: 50, windKmh: 3, solarWm2: 0 } }, 'test')).toMatchObject({
      status: 'rejected',
      reason: 'kind_mismatch',
    });
    expect(server.ingest.submit({ sensorId, kind: 'parking', ts: server.cityNow() + 3_600_000, values: { freeSpaces: 5, open: true } }, 'test')).toMatchObject({
      status: 'rejected',
      reason: 'future',
    });
    const current = server.state.get(sensorId)!;
    expect(server.ingest.submit(current.reading, 'test')).toEqual({ status: 'duplicate' });
    expect(server.ingest.submit({ ...current.reading, ts: current.reading.ts - 60_000 }, 'test')).toEqual({ status: 'outdated' });
    expect(server.state.get(sensorId)).toBe(current);

    const stats = server.ingest.stats.snapshot().test;
    expect(stats.rejected.invalid).toBe(before + 1);
    expect(stats.rejected.unknown_sensor).toBe(1);
    expect(stats.rejected.kind_mismatch).toBe(1);
    expect(stats.rejected.future).toBe(1);
    expect(stats.duplicates).toBe(1);
    expect(stats.outdated).toBe(1);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });
});
