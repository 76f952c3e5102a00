import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { trafficClosureSchema, type Delta, type Snapshot, type TrafficClosure } from '../common/protocol.js';
import type { Stadtpuls } from '../server/app.js';
import { startTestServer } from './helpers/test-server.js';
import { sessionAs, type TestSession } from './helpers/auth-session.js';

let server: Stadtpuls;
let url: string;
/** closures are an operator's to set (tests/access-rules.test.ts covers everyone else) */
let operator: TestSession;

beforeAll(async () => {
  ({ server, url } = await startTestServer({ STREAM_TICK_MS: '200' }));
  operator = await sessionAs(server, url, 'operator');
});

afterAll(async () => {
  await server.stop();
});

const post = (body: unknown, raw = false) =>
  operator.fetch('/api/traffic/closures', { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ? (body as string) : JSON.stringify(body) });

describe('POST/GET/DELETE /api/traffic/closures', () => {
  it.each([
    ['no body fields', {}, 400],
    ['an unknown kind', { linkId: 'nordring-1-cw', kind: 'flood' }, 400],
    ['a capacity factor above 1', { linkId: 'nordring-1-cw', kind: 'incident', capacityFactor: 1.5 }, 400],
    ['a closure with capacity left', { linkId: 'nordring-1-cw', kind: 'closure', capacityFactor: 0.5 }, 400],
    ['an extra field', { linkId: 'nordring-1-cw', kind: 'closure', lanes: 1 }, 400],
    ['an unknown link', { linkId: 'no-such-link', kind: 'closure' }, 404],
  ])('refuses %s', async (_what, body, status) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    const json = (await res.json()) as { error: string; message: string };
    expect(json.message.length).toBeGreaterThan(5);
  });

  it('refuses a body that is not JSON', async () => {
    expect((await post('{"linkId":', true)).status).toBe(400);
  });

  it('closes a link (201), lists it, streams it to clients, and lifts it (204, then 404)', async () => {
    const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
    const deltas: Delta[] = [];
    socket.on('delta', (d) => deltas.push(d));
    const snapshot = await new Promise<Snapshot>((resolve) => socket.once('snapshot', resolve));
    expect(snapshot.closures).toEqual([]);

    const res = await post({ linkId: 'nordring-1-cw', kind: 'closure', note: 'Wasserrohrbruch' });
    expect(res.status).toBe(201);
    const closure = trafficClosureSchema.parse(await res.json()) as TrafficClosure;
    expect(closure).toMatchObject({ linkId: 'nordring-1-cw', street: 'Nordring', kind: 'closure', capacityFactor: 0, source: 'operator' });
    expect(res.headers.get('location')).toBe(`/api/traffic/closures/${closure.id}`);

    expect((await post({ linkId: 'nordring-1-cw', kind: 'incident' })).status).toBe(409);
    const list = (await (await fetch(`${url}/api/traffic/closures`)).json()) as { closures: TrafficClosure[] };
    expect(list.closures.map((c) => c.id)).toEqual([closure.id]);

    while (!deltas.some((d) => d.closures?.some((c) => c.id === closure.id))) await new Promise((r) => setTimeout(r, 50));

    const del = await operator.fetch(`/api/traffic/closures/${closure.id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    while (!deltas.some((d) => d.closures?.length === 0)) await new Promise((r) => setTimeout(r, 50));
    socket.close();
    expect((await operator.fetch(`/api/traffic/closures/${closure.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('sets an incident with half the capacity by default', async () => {
    const res = await post({ linkId: 'a40-3-east', kind: 'incident' });
    expect(res.status).toBe(201);
    const closure = (await res.json()) as TrafficClosure;
    expect(closure.capacityFactor).toBe(0.5);
    expect((await operator.fetch(`/api/traffic/closures/${closure.id}`, { method: 'DELETE' })).status).toBe(204);
  });
});
