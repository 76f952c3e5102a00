import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Delta, LiveEntry, ServerToClientEvents, Snapshot } from '../common/protocol.js';
import { columnsToEntries, decodeColumns } from '../common/wire/columns.js';
import type { ColumnsDelta, ColumnsSnapshot, Subscription } from '../common/wire/live-messages.js';
import { bytesOf } from '../client/src/live/inflate.js';
import type { Stadtpuls } from '../server/app.js';
import { loadSensorIndex } from '../server/registry.js';
import { drawnAt, registryColumnsSchema, registryOrderOf } from '../common/registry-columns.js';
import { sensorRegistrySchema } from '../common/sensors.js';
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

  it('answers the registry with the generated sensors in columns (generated=columns) in the order of the GeoJSON form, and refuses another form', async () => {
    const full = sensorRegistrySchema.parse(await (await fetch(`${url}/api/sensors`)).json());
    const res = await fetch(`${url}/api/sensors?generated=columns`);
    expect(res.status).toBe(200);
    const columns = registryColumnsSchema.parse(await res.json());
    const order = registryOrderOf(columns);
    expect(order.ids).toEqual(full.features.map((f) => f.id));
    expect(order.kinds).toEqual(full.features.map((f) => f.properties.kind));
    expect(order.generatedFrom).toBe(registered);
    expect(columns.generated!.lonLat).toEqual(full.features.slice(registered).flatMap((f) => drawnAt(f)));
    const bad = await fetch(`${url}/api/sensors?generated=geojson`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/generated=columns/);
  });

  it('streams a snapshot with the generated sensors and the districts, then deltas that carry their readings', async () => {
    await waitFor(() => server.state.size >= SCALE, 'the generated sensors in the live state', 30_000);
    // the heat surface is on its own cadence, summed in slices: on a loaded machine it may come after every sensor reported
    await waitFor(() => server.stream.snapshot().districts.length === 6, 'the first heat surface', 30_000);
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

  it("sends a generated sensor's changes alike in the JSON and the columnar delta, read from the live state's columns, within a view", async () => {
    // a district-sized view of bays and nodes, so the deltas stay within the byte budget
    const view: Subscription = { kinds: ['parking', 'climate'], bbox: [7.2, 51.47, 7.23, 51.49] };
    const ids = server.sensors.registry.features.map((f) => f.id);
    const json: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { subscription: view } });
    const columns: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { subscription: view, format: 'columns' } });
    const byJson = new Map<number, LiveEntry[]>();
    const byColumns = new Map<number, LiveEntry[]>();
    json.on('delta', (d) => !d.baseSeq && byJson.set(d.seq, d.entries));
    columns.on('delta:columns', (d: ColumnsDelta) => !d.baseSeq && byColumns.set(d.seq, d.columns ? decodeColumns(bytesOf(d.columns)).flatMap((c) => columnsToEntries(c, ids)) : []));
    const both = () => [...byJson.keys()].filter((seq) => byColumns.has(seq));
    const generated = (seq: number) => byJson.get(seq)!.filter((e) => e.reading.sensorId.startsWith('gen-')).length;
    await waitFor(() => both().filter((seq) => generated(seq) > 0).length >= 3, 'three deltas with generated sensors in both forms', 30_000);
    json.close();
    columns.close();
    const key = (e: LiveEntry) => e.reading.sensorId;
    for (const seq of both()) {
      const a = byJson.get(seq)!.sort((x, y) => key(x).localeCompare(key(y)));
      const b = byColumns.get(seq)!.sort((x, y) => key(x).localeCompare(key(y)));
      expect(b, `delta ${seq}`).toStrictEqual(a);
      for (const e of a) {
        expect(['parking', 'climate']).toContain(e.reading.kind);
        const f = server.sensors.byId.get(e.reading.sensorId)!;
        const [lon, lat] = f.geometry.type === 'Point' ? f.geometry.coordinates : f.geometry.coordinates[0];
        expect(lon >= 7.2 && lon <= 7.23 && lat >= 51.47 && lat <= 51.49, e.reading.sensorId).toBe(true);
      }
    }
  });

  it("lists the nights of the registry's own stations only in the columnar form, and counts every station's", async () => {
    await waitFor(() => server.stream.snapshot().nights.length > SCALE / 10, "the generated stations' nights", 30_000);
    const view: Subscription = { kinds: ['climate'], bbox: [7.2, 51.47, 7.23, 51.49] };
    const columns: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { subscription: view, format: 'columns' } });
    const deltas: ColumnsDelta[] = [];
    columns.on('delta:columns', (d: ColumnsDelta) => deltas.push(d));
    const snap = await new Promise<ColumnsSnapshot>((resolve) => columns.once('snapshot:columns', resolve));
    const json = server.stream.snapshot();
    await waitFor(() => deltas.length >= 5, 'five deltas', 30_000);
    columns.close();

    const own = json.nights.filter((n) => !n.sensorId.startsWith('gen-'));
    expect(own.length).toBeGreaterThan(5);
    expect(json.nights.length).toBeGreaterThan(own.length + SCALE / 10);
    expect(snap.nights.map((n) => n.sensorId).sort()).toEqual(own.map((n) => n.sensorId).sort());
    // counted as the JSON form lists them (a tick may lie between the two)
    const tropical = json.nights.filter((n) => n.tropical).length;
    expect(Math.abs(snap.nightCount!.stations - json.nights.length)).toBeLessThanOrEqual(json.nights.length / 100);
    expect(Math.abs(snap.nightCount!.tropical - tropical)).toBeLessThanOrEqual(json.nights.length / 50);
    for (const d of deltas) for (const n of d.nights ?? []) expect(n.sensorId.startsWith('gen-'), n.sensorId).toBe(false);
  });
});
