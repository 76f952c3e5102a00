import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { pastStateSchema, runsResponseSchema } from '../common/history.js';
import { deltaSchema, snapshotSchema, trafficClosureSchema, type Delta, type Snapshot } from '../common/protocol.js';
import { scenarioListSchema, scenarioSwitchResultSchema } from '../common/scenarios.js';
import type { Stadtpuls } from '../server/app.js';
import { startTestServer } from './helpers/test-server.js';
import { login, sessionAs, TEST_ADMIN_PASSWORD, type TestSession } from './helpers/auth-session.js';
import { waitFor } from './helpers/wait.js';

const HEATWAVE = 'hitzewelle-august-2024';
const HEATWAVE_START = Date.parse('2024-08-08T00:00:00+02:00');
const LINK = 'nordring-1-cw';

let server: Stadtpuls;
let url: string;
let admin: TestSession;
let socket: Socket;
const snapshots: Snapshot[] = [];
const deltas: Delta[] = [];

const post = (s: TestSession | null, body: unknown) =>
  s
    ? s.fetch('/api/scenario', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    : fetch(`${url}/api/scenario`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  ({ server, url } = await startTestServer({ STREAM_TICK_MS: '200', WRITE_RATE_PER_MIN: '1000', SCENARIO: 'normaler-werktag' }));
  admin = await login(url, 'admin', TEST_ADMIN_PASSWORD);
  socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  socket.on('snapshot', (s: unknown) => snapshots.push(snapshotSchema.parse(s)));
  socket.on('delta', (d: unknown) => deltas.push(deltaSchema.parse(d)));
  await waitFor(() => snapshots.length > 0 || undefined, 'the first snapshot');
});

afterAll(async () => {
  socket?.close();
  await server?.stop();
});

describe('runtime scenario switch (POST /api/scenario)', () => {
  it('lists the scenarios for the picker, with the one running and its run', async () => {
    const list = scenarioListSchema.parse(await (await fetch(`${url}/api/scenarios`)).json());
    expect(list.scenarios.map((s) => s.id)).toEqual(['a40-sperrung', HEATWAVE, 'normaler-werktag', 'trockenheit-september-2023', 'vfl-heimspiel']);
    expect(list.scenarios.find((s) => s.id === HEATWAVE)!.name.de).toMatch(/Hitze/);
    expect(list.current).toMatchObject({ id: 'normaler-werktag' });
    expect(list.run).toBe(snapshots[0].run);
    expect(list.refusal).toBeNull();
  });

  it('refuses anonymous (401), viewer and operator (403), a bad body (400) and an unknown scenario (404 naming the known ones)', async () => {
    expect((await post(null, { id: HEATWAVE })).status).toBe(401);
    for (const role of ['viewer', 'operator'] as const) {
      const res = await post(await sessionAs(server, url, role), { id: HEATWAVE });
      expect(res.status).toBe(403);
      expect(await res.json()).toMatchObject({ error: 'forbidden', requiredRole: 'admin' });
    }
    expect((await post(admin, { id: HEATWAVE, speed: -1 })).status).toBe(400);
    expect((await post(admin, { id: HEATWAVE, colour: 'red' })).status).toBe(400);
    // an admin cookie without its CSRF token is refused like every write
    const noCsrf = await fetch(`${url}/api/scenario`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie }, body: JSON.stringify({ id: HEATWAVE }) });
    expect(noCsrf.status).toBe(403);
    const unknown = await post(admin, { id: 'mondlandung' });
    expect(unknown.status).toBe(404);
    const body = (await unknown.json()) as { message: string; known: string[] };
    expect(body.known).toContain(HEATWAVE);
    expect(body.message).toMatch(/mondlandung.*known: a40-sperrung, hitzewelle-august-2024, normaler-werktag, trockenheit-september-2023, vfl-heimspiel/);
    expect(server.stream.snapshot().scenario?.id).toBe('normaler-werktag');
  });

  it('gives every client a fresh snapshot with the new scenario and a new run, forgets the old city, and writes the history to the new run', async () => {
    const before = snapshots[0];
    // An operator's closure and the alert it raises belong to the old run.
    const set = await admin.fetch('/api/traffic/closures', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ linkId: LINK, kind: 'closure' }) });
    expect(set.status).toBe(201);
    const closure = trafficClosureSchema.parse(await set.json());
    const alert = await waitFor(() => server.stream.snapshot().alerts.find((a) => a.key.startsWith('traffic:closure:')), 'the closure alert');
    const seen = snapshots.length;

    const res = await post(admin, { id: HEATWAVE, speed: 600 });
    expect(res.status).toBe(200);
    const result = scenarioSwitchResultSchema.parse(await res.json());
    expect(result).toMatchObject({ scenario: { id: HEATWAVE, speed: 600 }, from: 'normaler-werktag' });
    expect(result.run).not.toBe(before.run);
    expect(result.cityTime).toBeGreaterThanOrEqual(HEATWAVE_START);
    expect(result.cityTime).toBeLessThan(HEATWAVE_START + 3_600_000);

    // Pushed without asking: the client did not request it.
    const fresh = await waitFor(() => snapshots.slice(seen).find((s) => s.run === result.run), 'a snapshot of the new run');
    expect(fresh.scenario).toMatchObject({ id: HEATWAVE, name: { de: expect.stringMatching(/Hitze/) }, speed: 600 });
    expect(fresh.instance).toBe(before.instance);
    expect(fresh.cityTime).toBeGreaterThanOrEqual(HEATWAVE_START);
    // Nothing of the old city: its readings (June 2026) are later than the new clock, its closure and alert gone.
    expect(fresh.entries.filter((e) => e.reading.ts > result.cityTime + 3_600_000)).toEqual([]);
    expect(fresh.closures).toEqual([]);
    expect(fresh.alerts.filter((a) => a.key.startsWith('traffic:closure:'))).toEqual([]);
    // Deltas go on from the snapshot's seq.
    const next = await waitFor(() => deltas.find((d) => d.seq === fresh.seq + 1), 'the delta after the snapshot');
    expect(next.instance).toBe(fresh.instance);
    // The replay's climate readings arrive (the old stations' later timestamps would refuse them as outdated).
    await waitFor(() => {
      const climate = server.stream.snapshot().entries.filter((e) => e.reading.kind === 'climate');
      return climate.length > 0 && climate.every((e) => e.reading.ts < HEATWAVE_START + 86_400_000) ? true : undefined;
    }, 'replayed climate readings');

    // The history: the new run is current and fills with readings of the new city time.
    const run = await waitFor(async () => {
      const runs = runsResponseSchema.parse(await (await fetch(`${url}/api/history/runs`)).json());
      const r = runs.runs.find((x) => x.id === result.run);
      return runs.current === result.run && r?.firstT !== null && r?.firstT !== undefined ? r : undefined;
    }, 'readings in the new run');
    expect(run.scenario).toBe(HEATWAVE);
    expect(run.firstT!).toBeGreaterThanOrEqual(HEATWAVE_START);
    expect(run.firstT!).toBeLessThan(HEATWAVE_START + 86_400_000);
    const old = runsResponseSchema.parse(await (await fetch(`${url}/api/history/runs`)).json()).runs.find((x) => x.id === before.run)!;
    expect(old.firstT!).toBeGreaterThan(Date.parse('2026-01-01T00:00:00Z'));
    // The old run's record ends its closure and alerts where it stopped; while it ran, both were in force.
    const pastOf = async (at: number) => pastStateSchema.parse(await (await fetch(`${url}/api/state?at=${at}&run=${before.run}`)).json());
    const during = await pastOf(alert.raisedAt);
    expect(during.closures.map((c) => c.id)).toEqual([closure.id]);
    expect(during.alerts.map((a) => a.id)).toContain(alert.id);
    const after = await pastOf(Math.max(old.lastT!, alert.raisedAt) + 600_000);
    expect(after.closures).toEqual([]);
    expect(after.alerts).toEqual([]);

    // A client that connects now gets the new city too; /api/health and the picker say so.
    expect(((await (await fetch(`${url}/api/health`)).json()) as { scenario: { id: string } }).scenario.id).toBe(HEATWAVE);
    expect(scenarioListSchema.parse(await (await fetch(`${url}/api/scenarios`)).json())).toMatchObject({ current: { id: HEATWAVE }, run: result.run });

    const audit = await server.auth.store!.audit({ action: 'scenario_switched', limit: 10 });
    expect(audit).toMatchObject([{ actor: 'admin', action: 'scenario_switched', target: HEATWAVE, detail: { from: 'normaler-werktag', to: HEATWAVE, run: result.run } }]);
  });

  it('switches again, back to a scenario with its own start', async () => {
    const seen = snapshots.length;
    const res = await post(admin, { id: 'normaler-werktag', start: '2026-06-17T17:00:00+02:00' });
    expect(res.status).toBe(200);
    const result = scenarioSwitchResultSchema.parse(await res.json());
    expect(result.from).toBe(HEATWAVE);
    const fresh = await waitFor(() => snapshots.slice(seen).find((s) => s.run === result.run), 'a snapshot of the third run');
    expect(fresh.scenario?.id).toBe('normaler-werktag');
    expect(fresh.cityTime).toBeGreaterThanOrEqual(Date.parse('2026-06-17T17:00:00+02:00'));
    await waitFor(() => server.stream.snapshot().entries.some((e) => e.reading.kind === 'traffic' && e.reading.ts >= Date.parse('2026-06-17T17:00:00+02:00')) || undefined, 'traffic of the new day');
  });
});

describe('a server without a simulated city', () => {
  it('refuses the switch with 409 and says why (SIMULATOR=off shows the real city)', async () => {
    const real = await startTestServer({ SIMULATOR: 'off', WRITE_RATE_PER_MIN: '1000' });
    try {
      const session = await login(real.url, 'admin', TEST_ADMIN_PASSWORD);
      const res = await post(session, { id: HEATWAVE });
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: 'real_time', message: expect.stringMatching(/SIMULATOR=off/) });
      expect(scenarioListSchema.parse(await (await fetch(`${real.url}/api/scenarios`)).json())).toMatchObject({ current: null, refusal: expect.stringMatching(/SIMULATOR=off/) });
    } finally {
      await real.server.stop();
    }
  });
});
