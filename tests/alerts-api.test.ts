import { afterAll, describe, expect, it } from 'vitest';
import { auditEntrySchema } from '../common/auth.js';
import { alertListSchema, type Alert } from '../common/protocol.js';
import type { Stadtpuls } from '../server/app.js';
import { login, sessionAs, TEST_ADMIN_PASSWORD, type TestSession } from './helpers/auth-session.js';
import { freshStoreFile, startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

/**
 * The alert API on a real server: who may acknowledge and shelve (anonymous 401, viewer 403,
 * operator 200), the audit entries, and an acknowledged alert still acknowledged after a restart
 * (the history events carry the lifecycle). The alert is a closure's: an operator sets it, the
 * alert stage raises `traffic:closure:<id>` on the next tick.
 */
const LINK = 'nordring-1-cw';
// The real-time run (city clock = wall clock at ×1) survives a restart; a simulated start would open a new run.
const env = { SIM_START: 'now', SIM_SPEED: '1', STREAM_TICK_MS: '200', SIMULATOR_KINDS: 'parking' };
const store = freshStoreFile();
const servers: Stadtpuls[] = [];

afterAll(async () => {
  for (const s of servers) await s.stop().catch(() => {});
});

async function start(): Promise<string> {
  const { server, url } = await startTestServer({ ...env, STADTPULS_DB: store });
  servers.push(server);
  return url;
}

async function list(url: string, query = ''): Promise<Alert[]> {
  const res = await fetch(`${url}/api/alerts${query}`);
  expect(res.status).toBe(200);
  return alertListSchema.parse(await res.json()).alerts;
}

const post = (s: TestSession | null, url: string, path: string, body: unknown) =>
  (s ? s.fetch : (p: string, init: RequestInit) => fetch(`${url}${p}`, init))(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('alert API', () => {
  it('lets operators acknowledge and shelve, audits it, and keeps the state over a restart', async () => {
    const url = await start();
    const server = servers[0];
    const operator = await sessionAs(server, url, 'operator', 'weber');
    const viewer = await sessionAs(server, url, 'viewer', 'vogel');
    const since = Date.now();

    const closure = (await (await post(operator, url, '/api/traffic/closures', { linkId: LINK, kind: 'closure', note: 'Baustelle' })).json()) as { id: string };
    const key = `traffic:closure:${closure.id}`;
    const raised = await waitFor(async () => (await list(url, '?kind=traffic')).find((a) => a.key === key), 'the closure alert');
    expect(raised).toMatchObject({ kind: 'traffic', level: 'closure', state: 'unack_active', active: true, group: 'traffic:Nordring', place: { type: 'link', id: LINK } });
    expect(raised.place.lonLat).toHaveLength(2);

    // who may acknowledge
    expect((await post(null, url, `/api/alerts/${raised.id}/ack`, {})).status).toBe(401);
    expect((await post(viewer, url, `/api/alerts/${raised.id}/ack`, {})).status).toBe(403);
    expect((await post(operator, url, '/api/alerts/no-such-alert/ack', {})).status).toBe(404);
    expect((await post(operator, url, `/api/alerts/${raised.id}/ack`, { comment: 42 })).status).toBe(400);
    const ack = await post(operator, url, `/api/alerts/${raised.id}/ack`, { comment: 'Umleitung ausgeschildert' });
    expect(ack.status).toBe(200);
    const acked = alertListSchema.parse(await ack.json()).alerts[0];
    expect(acked).toMatchObject({ id: raised.id, state: 'ack_active', acknowledgedBy: 'weber', acknowledgedComment: 'Umleitung ausgeschildert' });
    expect(acked.acknowledgedAt).toBeGreaterThanOrEqual(raised.raisedAt);
    // twice: nothing left to acknowledge
    expect((await post(operator, url, `/api/alerts/${raised.id}/ack`, {})).status).toBe(409);
    expect((await list(url, '?state=ack_active')).map((a) => a.id)).toContain(raised.id);
    expect((await list(url, '?state=unack_active')).map((a) => a.id)).not.toContain(raised.id);
    expect((await fetch(`${url}/api/alerts?state=bogus`)).status).toBe(400);

    // who may shelve
    expect((await post(null, url, `/api/alerts/${raised.id}/shelve`, { minutes: 30, reason: 'x' })).status).toBe(401);
    expect((await post(viewer, url, `/api/alerts/${raised.id}/shelve`, { minutes: 30, reason: 'x' })).status).toBe(403);
    expect((await post(operator, url, `/api/alerts/${raised.id}/shelve`, { minutes: 30 })).status).toBe(400);

    // audit: one entry per action, with who and what
    const admin = await login(url, 'admin', TEST_ADMIN_PASSWORD);
    const audit = auditEntrySchema.array().parse(((await (await admin.fetch(`/api/audit?from=${since}&limit=100`)).json()) as { entries: unknown[] }).entries);
    const ackEntries = audit.filter((e) => e.action === 'alert_acknowledged');
    expect(ackEntries).toHaveLength(1);
    expect(ackEntries[0]).toMatchObject({ actor: 'weber', role: 'operator', target: raised.id, detail: { alerts: [raised.id], comment: 'Umleitung ausgeschildert' } });
    expect(audit.filter((e) => e.action === 'alert_shelved')).toHaveLength(0);

    // restart on the same store: the closure is back in force, and its alert still acknowledged
    await servers[0].stop();
    const url2 = await start();
    const after = await waitFor(async () => (await list(url2)).find((a) => a.id === raised.id && a.active), 'the alert after the restart');
    expect(after).toMatchObject({ state: 'ack_active', acknowledgedBy: 'weber', acknowledgedComment: 'Umleitung ausgeschildert' });
    // and it is not raised a second time
    expect((await list(url2)).filter((a) => a.key === key)).toHaveLength(1);

    // shelving works on the restarted server, audited
    const operator2 = await login(url2, 'weber', 'weber-password');
    const shelve = await post(operator2, url2, `/api/alerts/${raised.id}/shelve`, { minutes: 30, reason: 'Baustelle bekannt' });
    expect(shelve.status).toBe(200);
    const shelved = alertListSchema.parse(await shelve.json()).alerts[0];
    expect(shelved).toMatchObject({ state: 'shelved', shelvedBy: 'weber', shelveReason: 'Baustelle bekannt' });
    expect(shelved.shelvedUntil! - Date.now()).toBeGreaterThan(29 * 60_000);
    const admin2 = await login(url2, 'admin', TEST_ADMIN_PASSWORD);
    const audit2 = auditEntrySchema.array().parse(((await (await admin2.fetch(`/api/audit?from=${since}&limit=100`)).json()) as { entries: unknown[] }).entries);
    expect(audit2.filter((e) => e.action === 'alert_shelved')).toMatchObject([{ actor: 'weber', target: raised.id, detail: { minutes: 30, reason: 'Baustelle bekannt' } }]);

    // /metrics has the alert rate
    const metrics = await (await fetch(`${url2}/metrics`)).text();
    expect(metrics).toMatch(/stadtpuls_alerts\{state="shelved"\} 1/);
    expect(metrics).toMatch(/stadtpuls_alerts_raised_total/);
  }, 60_000);
});
