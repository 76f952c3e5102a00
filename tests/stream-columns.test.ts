import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Delta, ServerToClientEvents, Snapshot } from '../common/protocol.js';
import { columnsToEntries, decodeColumns, registryFingerprint } from '../common/wire/columns.js';
import type { ColumnsDelta, ColumnsSnapshot, Subscription } from '../common/wire/live-messages.js';
import { bytesOf, inflateRaw } from '../client/src/live/inflate.js';
import type { Stadtpuls } from '../server/app.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

/** The columnar form, subscriptions, nights only for changed stations and server KPIs (issue 13, "The wire"). */

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
let server: Stadtpuls;
let url: string;
let ids: string[];
const clients: Client[] = [];

beforeAll(async () => {
  ({ server, url } = await startTestServer({ STREAM_TICK_MS: '200' }));
  ids = server.sensors.registry.features.map((f) => f.id);
  // The KPIs come from the first tick on (before it a client computes its own).
  await waitFor(() => server.stream.lastSeq > 1, 'the first ticks');
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
});

function connect(auth: Record<string, unknown> = {}): Client {
  const c: Client = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth });
  clients.push(c);
  return c;
}

const entriesOf = (bytes: Uint8Array) => decodeColumns(bytes).flatMap((c) => columnsToEntries(c, ids));

describe('columnar stream', () => {
  it('sends the snapshot deflated with the registry fingerprint, then binary deltas in sequence that decode to the JSON entries', async () => {
    const c = connect({ format: 'columns' });
    const deltas: ColumnsDelta[] = [];
    c.on('delta:columns', (d) => deltas.push(d));
    const snap = await new Promise<ColumnsSnapshot>((resolve) => c.once('snapshot:columns', resolve));
    expect(snap.registry).toBe(registryFingerprint(ids));
    expect(snap.compression).toBe('deflate-raw');
    const entries = entriesOf(await inflateRaw(bytesOf(snap.columns)));
    expect(entries.length).toBe(server.state.size);
    // Every entry as a JSON client would get it (some may have moved on since the snapshot: compare those that did not).
    const same = entries.filter((e) => server.state.get(e.reading.sensorId)!.reading.ts === e.reading.ts);
    expect(same.length).toBeGreaterThan(entries.length / 2);
    for (const e of same) expect(e).toStrictEqual(JSON.parse(JSON.stringify(server.state.get(e.reading.sensorId))));
    expect(snap.kpis?.withoutData).toBeDefined();

    await waitFor(() => deltas.filter((d) => d.seq > snap.seq).length >= 5, 'five columnar deltas');
    const after = deltas.filter((d) => d.seq > snap.seq);
    after.forEach((d, i) => expect(d.seq).toBe(snap.seq + 1 + i));
    const decoded = after.flatMap((d) => (d.columns ? entriesOf(bytesOf(d.columns)) : []));
    expect(decoded.length).toBeGreaterThan(0);
    for (const e of decoded) expect(ids).toContain(e.reading.sensorId);
  });

  it('sends nights in a delta only for the stations whose figure changed', async () => {
    const c = connect();
    const deltas: Delta[] = [];
    c.on('delta', (d) => deltas.push(d));
    const snap = await new Promise<Snapshot>((resolve) => c.once('snapshot', resolve));
    await waitFor(() => deltas.filter((d) => d.nights).length >= 3, 'three deltas with nights', 15_000);
    const withNights = deltas.filter((d) => d.nights);
    // The complete list has every climate station; a delta only those that changed since the one before.
    const stations = snap.nights.length;
    expect(stations).toBeGreaterThan(5);
    const known = new Map(snap.nights.map((n) => [n.sensorId, JSON.stringify(n)]));
    for (const d of withNights) {
      for (const n of d.nights!) {
        expect(JSON.stringify(n)).not.toBe(known.get(n.sensorId));
        known.set(n.sensorId, JSON.stringify(n));
      }
    }
    expect(Math.min(...withNights.map((d) => d.nights!.length))).toBeLessThan(stations);
  });
});

describe('subscriptions', () => {
  // Around Bochum's centre: a part of the city, not all of it (edges on the server's 0.01° grid).
  const centre: Subscription = { kinds: ['parking', 'traffic'], bbox: [7.2, 51.47, 7.23, 51.49], zoom: 15 };
  /** Whether a sensor's bounding box meets the subscribed area (a road link may cross it with no vertex inside). */
  const touches = (id: string) => {
    const f = server.sensors.get(id)!;
    const pts = f.geometry.type === 'Point' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const lons = pts.map((p) => p[0]);
    const lats = pts.map((p) => p[1]);
    const [w, s, e, n] = centre.bbox!;
    return Math.min(...lons) <= e && Math.max(...lons) >= w && Math.min(...lats) <= n && Math.max(...lats) >= s;
  };

  it('a client gets only the kinds and area it subscribed to, changes its view without reconnecting, and keeps city-wide KPIs', async () => {
    const c = connect({ subscription: centre });
    const deltas: Delta[] = [];
    c.on('delta', (d) => deltas.push(d));
    const snap = await new Promise<Snapshot>((resolve) => c.once('snapshot', resolve));
    const kinds = new Set(snap.entries.map((e) => e.reading.kind));
    expect([...kinds].every((k) => k === 'parking' || k === 'traffic')).toBe(true);
    expect(snap.entries.length).toBeGreaterThan(0);
    expect(snap.entries.length).toBeLessThan(server.sensors.ofKind('parking').length + server.sensors.ofKind('traffic').length);
    for (const e of snap.entries) expect(touches(e.reading.sensorId)).toBe(true);
    const wanted = [...server.sensors.ofKind('parking'), ...server.sensors.ofKind('traffic')].filter((f) => touches(f.id) && server.state.get(f.id));
    expect(snap.entries.length).toBe(wanted.length);
    // KPIs and worst links of the whole city: a climate figure although no climate entry came, links from outside the area.
    expect(snap.kpis?.heat?.stations ?? 0).toBeGreaterThan(0);
    expect(snap.worstLinks).toHaveLength(5);
    expect(snap.districts.length).toBeGreaterThan(0);

    await waitFor(() => deltas.filter((d) => d.seq > snap.seq).length >= 5, 'deltas');
    for (const d of deltas) for (const e of d.entries) expect(['parking', 'traffic']).toContain(e.reading.kind);

    // A new view: a fresh snapshot for it on the same connection, then its deltas in sequence.
    const id = c.id;
    const next = new Promise<Snapshot>((resolve) => c.once('snapshot', resolve));
    c.emit('subscribe', { kinds: ['climate'] });
    const climate = await next;
    expect(c.id).toBe(id);
    expect(new Set(climate.entries.map((e) => e.reading.kind))).toEqual(new Set(['climate']));
    expect(climate.entries.length).toBe(server.sensors.ofKind('climate').filter((f) => server.state.get(f.id)).length);
    const from = deltas.length;
    await waitFor(() => deltas.slice(from).filter((d) => d.seq > climate.seq).length >= 3, 'deltas of the new view');
    const later = deltas.slice(from).filter((d) => d.seq > climate.seq);
    later.forEach((d, i) => expect(d.seq).toBe(climate.seq + 1 + i));
    for (const d of later) for (const e of d.entries) expect(e.reading.kind).toBe('climate');
  });

  it('refuses a malformed subscription, counts it and keeps the view', async () => {
    const c = connect();
    await new Promise((resolve) => c.once('snapshot', resolve));
    const before = server.stream.stats().badSubscriptions;
    c.emit('subscribe', { kinds: ['spaceships'], bbox: [1, 2] } as never);
    await waitFor(() => server.stream.stats().badSubscriptions === before + 1, 'the refusal counted');
    expect(c.connected).toBe(true);
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^stadtpuls_stream_subscriptions_refused_total [1-9]/m);
    expect(metrics).toMatch(/^stadtpuls_stream_backpressure_total\{outcome="coalesced"\} \d+/m);
  });
});
