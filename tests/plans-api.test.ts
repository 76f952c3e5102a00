import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFromGeoJson, type Measure } from '../common/measures.js';
import { planListSchema, planRequest, savedPlanSchema, PLAN_BODY_LIMIT_BYTES } from '../common/plans.js';
import type { Stadtpuls } from '../server/app.js';
import { sessionAs, TEST_ADMIN_PASSWORD, login, type TestSession } from './helpers/auth-session.js';
import { storeBackends } from './helpers/store-backends.js';
import { startTestServer } from './helpers/test-server.js';

/**
 * Saved heat what-if plans (GET/POST /api/plans, GET/PUT/DELETE /api/plans/:id) on a real server, once per
 * store back-end (SQLite always, PostgreSQL when one answers on 127.0.0.1:5432): a plan saved by a
 * planner comes back as it went in, also after a restart on the same store; who may write and change
 * a plan; bad geometry and oversized bodies are refused with a clear error.
 */

const KORTUM: Measure = {
  type: 'trees',
  id: 'm1',
  line: [
    [7.2229, 51.4789],
    [7.2196, 51.4808],
    [7.2171, 51.4832],
  ],
  count: 30,
  crownDiameterM: 10,
  label: 'Kortumstraße',
};
const SAIL: Measure = { type: 'shade', id: 'm2', polygon: [[7.2161, 51.4813], [7.2165, 51.4813], [7.2165, 51.4816], [7.2161, 51.4816]] };
const FOUNTAIN: Measure = { type: 'water', id: 'm3', at: [7.2149, 51.4805], radiusM: 6 };
const PLAN = [KORTUM, SAIL, FOUNTAIN];

const backends = await storeBackends('plans_api');

describe.each(backends)('saved plans on $name', (backend) => {
  let env: Record<string, string>;
  let server: Stadtpuls;
  let url: string;
  let planner: TestSession;
  let viewer: TestSession;

  const post = (s: TestSession | null, body: unknown, raw = false) =>
    (s ? s.fetch : (p: string, init?: RequestInit) => fetch(`${url}${p}`, init))('/api/plans', { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ? (body as string) : JSON.stringify(body) });

  beforeAll(async () => {
    env = { SIMULATOR: 'off', WRITE_RATE_PER_MIN: '1000', ...(await backend.env()) };
    ({ server, url } = await startTestServer(env));
    planner = await sessionAs(server, url, 'planner', 'k.becker');
    viewer = await sessionAs(server, url, 'viewer', 'leser');
  });

  afterAll(async () => {
    await server?.stop();
    await backend.cleanUp();
  });

  it('keeps a planner’s plan as it went in: name, author from the session, the measures; listed newest first; after a restart too', async () => {
    const before = Date.now();
    // the body's author is not believed: it is not even accepted
    expect((await post(planner, { ...planRequest('Kortumstraße', PLAN), author: 'someone else' })).status).toBe(400);
    const res = await post(planner, planRequest('Schatten für die Kortumstraße', PLAN));
    expect(res.status).toBe(201);
    const saved = savedPlanSchema.parse(await res.json());
    expect(res.headers.get('location')).toBe(`/api/plans/${saved.id}`);
    expect(saved).toMatchObject({ name: 'Schatten für die Kortumstraße', author: 'k.becker', measureCount: 3 });
    expect(saved.createdAt).toBeGreaterThanOrEqual(before);
    expect(saved.updatedAt).toBeNull();

    const read = async (id: string) => savedPlanSchema.parse(await (await fetch(`${url}/api/plans/${id}`)).json());
    const got = await read(saved.id);
    expect(got).toEqual(saved);
    expect(planFromGeoJson(got.measures)).toEqual(PLAN);

    const second = savedPlanSchema.parse(await (await post(planner, planRequest('Wasserspiel Husemannplatz', [FOUNTAIN]))).json());
    const list = planListSchema.parse(await (await fetch(`${url}/api/plans`)).json());
    expect(list.plans.map((p) => [p.id, p.name, p.author, p.measureCount])).toEqual([
      [second.id, 'Wasserspiel Husemannplatz', 'k.becker', 1],
      [saved.id, 'Schatten für die Kortumstraße', 'k.becker', 3],
    ]);

    await server.stop();
    ({ server, url } = await startTestServer(env));
    expect(planFromGeoJson((await read(saved.id)).measures)).toEqual(PLAN);
    planner = await sessionAs(server, url, 'planner', 'k.becker-2');
    viewer = await login(url, 'leser', 'leser-password');
  });

  it('lets only planners (and operators and admins) write; a plan is deleted by its author or an admin', async () => {
    expect((await post(null, planRequest('anonym', [FOUNTAIN]))).status).toBe(401);
    const refused = await post(viewer, planRequest('Leser', [FOUNTAIN]));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: 'forbidden', requiredRole: 'planner' });
    // reading is open like every other read
    expect((await fetch(`${url}/api/plans`)).status).toBe(200);

    const mine = savedPlanSchema.parse(await (await post(planner, planRequest('Entwurf', [SAIL]))).json());
    const other = await sessionAs(server, url, 'planner', 'm.yilmaz');
    expect((await viewer.fetch(`/api/plans/${mine.id}`, { method: 'DELETE' })).status).toBe(403);
    const notAuthor = await other.fetch(`/api/plans/${mine.id}`, { method: 'DELETE' });
    expect(notAuthor.status).toBe(403);
    expect(((await notAuthor.json()) as { detail: string }).detail).toMatch(/author \(k\.becker-2\) or an admin/);
    expect((await planner.fetch(`/api/plans/${mine.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${url}/api/plans/${mine.id}`)).status).toBe(404);
    expect((await planner.fetch(`/api/plans/${mine.id}`, { method: 'DELETE' })).status).toBe(404);

    const theirs = savedPlanSchema.parse(await (await post(other, planRequest('Von Yilmaz', [SAIL]))).json());
    const admin = await login(url, 'admin', TEST_ADMIN_PASSWORD);
    expect((await admin.fetch(`/api/plans/${theirs.id}`, { method: 'DELETE' })).status).toBe(204);
    const audit = (await (await admin.fetch('/api/audit?limit=20')).json()) as { entries: Array<{ action: string; actor: string; target: string }> };
    expect(audit.entries.filter((e) => e.action.startsWith('plan_')).slice(0, 4).map((e) => [e.action, e.actor, e.target])).toEqual([
      ['plan_deleted', 'admin', theirs.id],
      ['plan_saved', 'm.yilmaz', theirs.id],
      ['plan_deleted', 'k.becker-2', mine.id],
      ['plan_saved', 'k.becker-2', mine.id],
    ]);
  });

  it('saves a plan again under its id (PUT): its author or an admin, the name and measures replaced, author and creation time kept, audited', async () => {
    const put = (s: TestSession | null, id: string, body: unknown) =>
      (s ? s.fetch : (p: string, init?: RequestInit) => fetch(`${url}${p}`, init))(`/api/plans/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const first = savedPlanSchema.parse(await (await post(planner, planRequest('Entwurf Husemannplatz', [SAIL]))).json());
    const newer = savedPlanSchema.parse(await (await post(planner, planRequest('Später angelegt', [FOUNTAIN]))).json());

    const res = await put(planner, first.id, planRequest('Husemannplatz mit Brunnen', [SAIL, FOUNTAIN]));
    expect(res.status).toBe(200);
    const updated = savedPlanSchema.parse(await res.json());
    expect(updated).toMatchObject({ id: first.id, name: 'Husemannplatz mit Brunnen', author: first.author, createdAt: first.createdAt, measureCount: 2 });
    expect(first.updatedAt).toBeNull();
    expect(updated.updatedAt).toBeGreaterThanOrEqual(first.createdAt);
    const read = savedPlanSchema.parse(await (await fetch(`${url}/api/plans/${first.id}`)).json());
    expect(read).toEqual(updated);
    expect(planFromGeoJson(read.measures)).toEqual([SAIL, FOUNTAIN]);
    // the list keeps the order the plans were made in: the edited plan does not jump to the top
    const ids = planListSchema.parse(await (await fetch(`${url}/api/plans`)).json()).plans.map((p) => p.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(first.id));

    // another planner, a viewer, no session: refused, the plan unchanged
    const other = await sessionAs(server, url, 'planner', 'a.schulz');
    const notAuthor = await put(other, first.id, planRequest('Übernommen', [FOUNTAIN]));
    expect(notAuthor.status).toBe(403);
    expect(((await notAuthor.json()) as { detail: string }).detail).toMatch(/only its author \(k\.becker-2\) or an admin may change plan/);
    expect((await put(viewer, first.id, planRequest('Leser', [FOUNTAIN]))).status).toBe(403);
    expect((await put(null, first.id, planRequest('anonym', [FOUNTAIN]))).status).toBe(401);
    expect(savedPlanSchema.parse(await (await fetch(`${url}/api/plans/${first.id}`)).json())).toEqual(updated);

    // an admin may; the author stays the planner's
    const admin = await login(url, 'admin', TEST_ADMIN_PASSWORD);
    const byAdmin = savedPlanSchema.parse(await (await put(admin, first.id, planRequest('Husemannplatz (geprüft)', [SAIL, FOUNTAIN]))).json());
    expect(byAdmin).toMatchObject({ author: 'k.becker-2', name: 'Husemannplatz (geprüft)', createdAt: first.createdAt });

    // unknown id, malformed id, bad body: 404, 404, 400 (bad geometry named, a nameless or empty plan)
    expect((await put(planner, 'p0000000000', planRequest('weg', [SAIL]))).status).toBe(404);
    expect((await put(planner, 'nicht-da', planRequest('weg', [SAIL]))).status).toBe(404);
    const geo = planRequest('kaputt', [FOUNTAIN]);
    (geo.measures.features[0] as { geometry: { coordinates: number[] } }).geometry.coordinates = [7.2, 951.4];
    const bad = await put(planner, first.id, geo);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_body', detail: expect.stringMatching(/^measures\.0\.at\.1: .*90/) });
    expect((await put(planner, first.id, planRequest(' ', [SAIL]))).status).toBe(400);
    expect((await put(planner, first.id, planRequest('leer', []))).status).toBe(400);
    expect((await put(planner, first.id, { ...planRequest('mit Autor', [SAIL]), author: 'someone else' })).status).toBe(400);
    expect(savedPlanSchema.parse(await (await fetch(`${url}/api/plans/${first.id}`)).json())).toEqual(byAdmin);

    const audit = (await (await admin.fetch('/api/audit?limit=20')).json()) as { entries: Array<{ action: string; actor: string; target: string; detail: Record<string, unknown> }> };
    expect(audit.entries.filter((e) => e.action === 'plan_updated').slice(0, 2).map((e) => [e.actor, e.target, e.detail])).toEqual([
      ['admin', first.id, { name: 'Husemannplatz (geprüft)', measures: 2, previousName: 'Husemannplatz mit Brunnen', previousMeasures: 2 }],
      ['k.becker-2', first.id, { name: 'Husemannplatz mit Brunnen', measures: 2, previousName: 'Entwurf Husemannplatz', previousMeasures: 1 }],
    ]);
  });

  it('refuses bad geometry, a nameless plan, an empty plan and an unknown id with a clear 400 / 404', async () => {
    const geo = planRequest('kaputt', [FOUNTAIN]);
    const feature = geo.measures.features[0] as { geometry: { coordinates: number[] } };
    feature.geometry.coordinates = [7.2, 951.4];
    const bad = await post(planner, geo);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_body', detail: expect.stringMatching(/^measures\.0\.at\.1: .*90/) });

    const polygon = planRequest('zu wenig Ecken', [SAIL]);
    (polygon.measures.features[0] as { geometry: { coordinates: number[][][] } }).geometry.coordinates = [[[7.21, 51.48], [7.22, 51.48], [7.21, 51.48]]];
    expect(((await (await post(planner, polygon)).json()) as { detail: string }).detail).toMatch(/^measures\.0\.polygon/);

    expect(((await (await post(planner, planRequest('  ', [SAIL]))).json()) as { detail: string }).detail).toMatch(/give the plan a name/);
    expect(((await (await post(planner, planRequest('leer', []))).json()) as { detail: string }).detail).toMatch(/at least one measure/);
    expect((await post(planner, '{"name": "x", "measures":', true)).status).toBe(400);
    expect((await fetch(`${url}/api/plans/p0000000000`)).status).toBe(404);
    expect((await fetch(`${url}/api/plans/..%2Fusers`)).status).toBe(404);
  });

  it('answers 413 to a body over the limit and 400 to too many measures', async () => {
    const huge = JSON.stringify({ name: 'riesig', measures: { type: 'FeatureCollection', features: [], pad: 'x'.repeat(PLAN_BODY_LIMIT_BYTES) } });
    const res = await post(planner, huge, true);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'too_large', detail: 'request body is over the size limit' });

    // under the byte limit but over the measure limit (5,000)
    const tooMany = await post(planner, { name: 'viele', measures: { type: 'FeatureCollection', features: Array.from({ length: 5001 }, () => 0) } });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { detail: string }).detail).toMatch(/^measures\.features/);
    expect(planListSchema.parse(await (await fetch(`${url}/api/plans`)).json()).plans.map((p) => p.name)).not.toContain('riesig');
  });
});
