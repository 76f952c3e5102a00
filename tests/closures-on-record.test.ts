import { afterAll, describe, expect, it } from 'vitest';
import { auditEntrySchema } from '../common/auth.js';
import { trafficClosureSchema, type TrafficClosure } from '../common/protocol.js';
import type { Stadtpuls } from '../server/app.js';
import { freshStoreFile, startTestServer } from './helpers/test-server.js';
import { login, sessionAs, TEST_ADMIN_PASSWORD, type TestSession } from './helpers/auth-session.js';

/**
 * Closures on record: planned roadworks go into force at their start and end at their end time,
 * each carries who set it, an edit is audited, and planned ones survive a restart.
 */

const running: Stadtpuls[] = [];
afterAll(async () => {
  for (const s of running) await s.stop().catch(() => undefined);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const json = { 'content-type': 'application/json' };

async function cityTime(url: string): Promise<number> {
  return ((await (await fetch(`${url}/api/state`)).json()) as { cityTime: number }).cityTime;
}

async function listed(url: string): Promise<{ closures: TrafficClosure[]; planned: TrafficClosure[] }> {
  return (await (await fetch(`${url}/api/traffic/closures`)).json()) as { closures: TrafficClosure[]; planned: TrafficClosure[] };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('planned closures on a city clock at 60× (one city minute a second)', () => {
  let url: string;
  let operator: TestSession;

  it('go into force at their start and end at their end time, and name who set them', async () => {
    const started = await startTestServer({ SIM_SPEED: '60', STREAM_TICK_MS: '200' });
    running.push(started.server);
    url = started.url;
    operator = await sessionAs(started.server, url, 'operator', 'becker');
    const from = (await cityTime(url)) + 3 * 60_000;
    const until = from + 3 * 60_000;
    const res = await operator.fetch('/api/traffic/closures', { method: 'POST', headers: json, body: JSON.stringify({ linkId: 'nordring-1-cw', kind: 'closure', from, until, note: 'Fahrbahnsanierung' }) });
    expect(res.status, await res.clone().text()).toBe(201);
    const planned = trafficClosureSchema.parse(await res.json());
    expect(planned).toMatchObject({ since: from, until, setBy: 'becker', source: 'operator' });
    expect(planned.setAt).toBeLessThan(from);

    const before = await listed(url);
    expect(before.closures).toEqual([]);
    expect(before.planned.map((c) => c.id)).toEqual([planned.id]);

    // the same link in an overlapping time is refused; after the end it is free
    const clash = await operator.fetch('/api/traffic/closures', { method: 'POST', headers: json, body: JSON.stringify({ linkId: 'nordring-1-cw', kind: 'incident', from: from + 60_000 }) });
    expect(clash.status).toBe(409);
    const ends = await operator.fetch('/api/traffic/closures', { method: 'POST', headers: json, body: JSON.stringify({ linkId: 'nordring-1-cw', kind: 'closure', from, until: from - 1 }) });
    expect(ends.status).toBe(400);

    await waitFor('the planned closure in force', async () => (await listed(url)).closures.some((c) => c.id === planned.id));
    expect(await cityTime(url)).toBeGreaterThanOrEqual(from);
    expect((await listed(url)).planned).toEqual([]);

    await waitFor('the closure ended by its end time', async () => (await listed(url)).closures.length === 0);
    expect(await cityTime(url)).toBeGreaterThanOrEqual(until);
  }, 60_000);

  it('edits note, end and an incident’s capacity (operator only, audited), and refuses an end before the start', async () => {
    const now = await cityTime(url);
    const res = await operator.fetch('/api/traffic/closures', { method: 'POST', headers: json, body: JSON.stringify({ linkId: 'a40-3-east', kind: 'incident' }) });
    expect(res.status).toBe(201);
    const incident = trafficClosureSchema.parse(await res.json());

    const anonymous = await fetch(`${url}/api/traffic/closures/${incident.id}`, { method: 'PATCH', headers: json, body: JSON.stringify({ note: 'x' }) });
    expect(anonymous.status).toBe(401);

    const until = now + 10 * 3_600_000;
    const edit = await operator.fetch(`/api/traffic/closures/${incident.id}`, { method: 'PATCH', headers: json, body: JSON.stringify({ note: 'Unfall, Bergung läuft', until, capacityFactor: 0.25 }) });
    expect(edit.status, await edit.clone().text()).toBe(200);
    expect(trafficClosureSchema.parse(await edit.json())).toMatchObject({ id: incident.id, note: 'Unfall, Bergung läuft', until, capacityFactor: 0.25, editedBy: 'becker', setBy: 'becker' });
    expect((await listed(url)).closures.find((c) => c.id === incident.id)).toMatchObject({ until, capacityFactor: 0.25 });

    for (const [body, status] of [
      [{ until: now - 60_000 }, 400],
      [{}, 400],
      [{ lanes: 1 }, 400],
    ] as const) {
      expect((await operator.fetch(`/api/traffic/closures/${incident.id}`, { method: 'PATCH', headers: json, body: JSON.stringify(body) })).status).toBe(status);
    }
    expect((await operator.fetch('/api/traffic/closures/closure-999', { method: 'PATCH', headers: json, body: JSON.stringify({ note: 'x' }) })).status).toBe(404);

    const admin = await login(url, 'admin', TEST_ADMIN_PASSWORD);
    const audit = ((await (await admin.fetch('/api/audit?limit=50')).json()) as { entries: unknown[] }).entries.map((e) => auditEntrySchema.parse(e));
    const edits = audit.filter((e) => e.action === 'closure_edited');
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ actor: 'becker', target: incident.id, detail: { changed: { note: 'Unfall, Bergung läuft', until, capacityFactor: 0.25 }, before: { capacityFactor: 0.5 } } });
  }, 30_000);
});

describe('a restart on the same store', () => {
  it('keeps planned closures planned, and the edits made to those in force', async () => {
    const file = freshStoreFile();
    // the real-time run is the one a restart takes up again
    const env = { STADTPULS_DB: file, SIM_START: 'now', SIM_SPEED: '1', STREAM_TICK_MS: '200' };
    let started = await startTestServer(env);
    running.push(started.server);
    const operator = await sessionAs(started.server, started.url, 'operator', 'yilmaz');
    const from = (await cityTime(started.url)) + 3_600_000;
    const res = await operator.fetch('/api/traffic/closures', { method: 'POST', headers: json, body: JSON.stringify({ linkId: 'nordring-1-cw', kind: 'closure', from, until: from + 7_200_000, note: 'Kanalarbeiten' }) });
    expect(res.status).toBe(201);
    const planned = trafficClosureSchema.parse(await res.json());
    const inForce = trafficClosureSchema.parse(await (await operator.fetch('/api/traffic/closures', { method: 'POST', headers: json, body: JSON.stringify({ linkId: 'a40-3-east', kind: 'incident' }) })).json());
    const edited = trafficClosureSchema.parse(await (await operator.fetch(`/api/traffic/closures/${inForce.id}`, { method: 'PATCH', headers: json, body: JSON.stringify({ note: 'Ölspur' }) })).json());
    // the stage records them on its next tick
    await waitFor('the closures recorded', async () => {
      const snap = await listed(started.url);
      return snap.planned.length === 1 && snap.closures[0]?.note === 'Ölspur';
    });
    await sleep(600);
    await started.server.stop();

    started = await startTestServer(env);
    running.push(started.server);
    const after = await listed(started.url);
    expect(after.planned).toEqual([planned]);
    expect(after.closures).toEqual([edited]);
  }, 60_000);
});
