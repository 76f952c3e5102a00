import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roadLinksResponseSchema, trafficWhatIfResponseSchema, WHATIF_MAX_CLOSURES, WHATIF_MAX_INSTANTS } from '../common/whatif-traffic.js';
import type { Stadtpuls } from '../server/app.js';
import { sessionAs, type TestSession } from './helpers/auth-session.js';
import { startTestServer } from './helpers/test-server.js';

/**
 * POST /api/whatif/traffic against a running server: planned roadworks on the A40 evaluated at the
 * morning and evening peak, the live closures untouched, bad bodies refused with the reason and
 * counted, the write limit applied. Who may call it is in tests/access-rules.test.ts.
 */

const WRITES_PER_MIN = 30;
const MORNING = Date.parse('2026-06-23T07:30:00+02:00');
const EVENING = Date.parse('2026-06-23T17:00:00+02:00');
const WORKS = { from: Date.parse('2026-06-22T00:00:00+02:00'), until: Date.parse('2026-07-03T00:00:00+02:00') };

let server: Stadtpuls;
let url: string;
let planner: TestSession;
let operator: TestSession;

beforeAll(async () => {
  ({ server, url } = await startTestServer({ STREAM_TICK_MS: '200', WRITE_RATE_PER_MIN: String(WRITES_PER_MIN), SIM_START: '2026-06-16T16:00:00+02:00' }));
  planner = await sessionAs(server, url, 'planner');
  operator = await sessionAs(server, url, 'operator');
});

afterAll(async () => {
  await server.stop();
});

const evaluate = (body: unknown, s = planner) => s.fetch('/api/whatif/traffic', { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const closuresOnRecord = async () => (await fetch(`${url}/api/traffic/closures`)).json();

describe('POST /api/whatif/traffic', () => {
  it('evaluates A40 roadworks at both peaks: the closed link empty, the parallel streets loaded, nothing live changed', async () => {
    // a live closure an operator set: counted in both states, and still the only one afterwards
    const live = await operator.fetch('/api/traffic/closures', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ linkId: 'nordring-1-cw', kind: 'incident', capacityFactor: 0.5 }) });
    expect(live.status).toBe(201);
    const { id: liveId } = (await live.json()) as { id: string };
    const recordBefore = await closuresOnRecord();

    const res = await evaluate({ closures: [{ linkId: 'a40-8-east', ...WORKS }], at: [MORNING, EVENING] });
    expect(res.status).toBe(200);
    const body = trafficWhatIfResponseSchema.parse(await res.json());
    expect(body.liveClosures).toEqual([liveId]);
    expect(body.instants.map((i) => [i.hour, i.dayType, i.inForce])).toEqual([
      [7.5, 'weekday', ['a40-8-east']],
      [17, 'weekday', ['a40-8-east']],
    ]);
    for (const instant of body.instants) {
      const closed = instant.links[0];
      expect(closed).toMatchObject({ linkId: 'a40-8-east', street: 'A40', planned: true, closedAfter: true, volumeAfterVehH: 0, losAfter: null, travelTimeAfterS: null });
      const herner = instant.links.find((l) => l.linkId === 'herner-strasse-4-out')!;
      expect(herner.volumeAfterVehH).toBeGreaterThan(herner.volumeBeforeVehH);
      expect(herner.travelTimeAfterS!).toBeGreaterThan(herner.travelTimeBeforeS!);
      expect(instant.after.vehicleHours).toBeGreaterThan(instant.before.vehicleHours);
      expect(instant.after.congestedLaneKm).toBeGreaterThan(instant.before.congestedLaneKm);
    }
    expect(await closuresOnRecord()).toEqual(recordBefore);
    // a sandbox evaluation is not an operator action: nothing on the audit log
    expect((await server.auth.store!.audit({ limit: 50 })).filter((e) => e.action.startsWith('whatif'))).toEqual([]);
  });

  it('answers roadworks not in force at the instant with no change', async () => {
    const res = await evaluate({ closures: [{ linkId: 'a40-8-east', ...WORKS }], at: [WORKS.until + 3_600_000] });
    const [instant] = trafficWhatIfResponseSchema.parse(await res.json()).instants;
    expect(instant.inForce).toEqual([]);
    expect(instant.links).toEqual([]);
    expect(instant.after).toEqual(instant.before);
  });

  it.each([
    ['no closures', { closures: [], at: [MORNING] }, /closures: plan at least one closure/],
    ['no instant', { closures: [{ linkId: 'a40-8-east', ...WORKS }], at: [] }, /at: give at least one instant/],
    ['an end before the start', { closures: [{ linkId: 'a40-8-east', from: WORKS.until, until: WORKS.from }], at: [MORNING] }, /closures\.0\.until: until must come after from/],
    ['too many closures', { closures: Array.from({ length: WHATIF_MAX_CLOSURES + 1 }, () => ({ linkId: 'a40-8-east', ...WORKS })), at: [MORNING] }, /closures: /],
    ['too many instants', { closures: [{ linkId: 'a40-8-east', ...WORKS }], at: Array.from({ length: WHATIF_MAX_INSTANTS + 1 }, (_, i) => MORNING + i) }, /at: /],
    ['a capacity factor of 1 (no roadworks at all)', { closures: [{ linkId: 'a40-8-east', ...WORKS, capacityFactor: 1 }], at: [MORNING] }, /closures\.0\.capacityFactor/],
    ['an unknown field', { closures: [{ linkId: 'a40-8-east', ...WORKS }], at: [MORNING], apply: true }, /apply/],
    ['times as strings', { closures: [{ linkId: 'a40-8-east', from: '2026-06-22', until: '2026-07-03' }], at: [MORNING] }, /closures\.0\.from/],
  ])('refuses %s with 400 and the reason', async (_name, body, reason) => {
    const res = await evaluate(body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; message: string };
    expect(answer.error).toBe('invalid_body');
    expect(answer.message).toMatch(reason);
  });

  it('refuses an unknown link with 404, naming it', async () => {
    const res = await evaluate({ closures: [{ linkId: 'a40-8-east', ...WORKS }, { linkId: 'a40-99-east', ...WORKS }], at: [MORNING] });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: 'unknown_link', linkIds: ['a40-99-east'], message: expect.stringContaining('"a40-99-east"') });
  });

  it('refuses broken JSON and an oversized body without a stack trace', async () => {
    const broken = await evaluate('{"closures": [');
    expect(broken.status).toBe(400);
    expect(await broken.text()).not.toMatch(/at .*\.(ts|js):\d+/);
    const big = await evaluate({ closures: [{ linkId: 'a40-8-east', ...WORKS }], at: [MORNING], pad: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
  });

  it('counts evaluations and refusals by outcome on /metrics', async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    const count = (outcome: string) => Number(new RegExp(`stadtpuls_whatif_traffic_requests_total\\{outcome="${outcome}"\\} (\\d+)`).exec(text)?.[1]);
    expect(count('evaluated')).toBe(2);
    expect(count('invalid_body')).toBe(8);
    expect(count('unknown_link')).toBe(1);
  });

  it('lists every link of the road graph with its course and its other direction', async () => {
    const { links } = roadLinksResponseSchema.parse(await (await fetch(`${url}/api/whatif/traffic/links`)).json());
    expect(links).toHaveLength(166);
    expect(links.find((l) => l.id === 'castroper-strasse-1-in')).toMatchObject({ street: 'Castroper Straße', reverseId: 'castroper-strasse-1-out' });
    expect(links.every((l) => l.path.length >= 2)).toBe(true);
  });

  it('falls under the write limit like every other write', async () => {
    let status = 0;
    for (let i = 0; i < WRITES_PER_MIN + 1 && status !== 429; i++) status = (await evaluate({ closures: [], at: [MORNING] })).status;
    expect(status).toBe(429);
  });
});
