import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson as getJsonAt } from './helpers/get-json.js';
import { chargingHistoryResponseSchema, evRegistrationsResponseSchema } from '../common/charging-history.js';
import { seriesHistorySchema } from '../common/history.js';
import type { ChargePointStatus, Reading } from '../common/readings.js';
import type { Stadtpuls } from '../server/app.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

/**
 * GET /api/history/charging and GET /api/mobility/ev-registrations on a real server and store: one
 * site's day of synthetic status reports goes in through POST /api/ingest, and the buckets and the
 * utilisation that come back from the 1 min rollups are the ones the day was built to have.
 */

const KEY = 'charging-history-test-key-81c4';
const HOUR = 3_600_000;
const DAY = '2024-06-11';
const MIDNIGHT = Date.parse(`${DAY}T00:00:00+02:00`);
const SITE = 'charging-hbf';

/** The Hauptbahnhof's six points: all free 00–06, two charging 06–12, two charging and one broken 12–18, reported every 30 min. */
function statusAt(h: number): ChargePointStatus[] {
  if (h < 6) return ['available', 'available', 'available', 'available', 'available', 'available'];
  if (h < 12) return ['charging', 'charging', 'available', 'available', 'available', 'available'];
  return ['charging', 'charging', 'out_of_order', 'available', 'available', 'available'];
}

describe('charging history API', () => {
  let server: Stadtpuls;
  let url: string;
  const getJson = (p: string) => getJsonAt(`${url}${p}`);

  beforeAll(async () => {
    // Only parking is simulated, so the charging rows are this test's alone.
    ({ server, url } = await startTestServer({ SIM_START: `${DAY}T20:00:00+02:00`, SIM_SPEED: '1', SIMULATOR_KINDS: 'parking', INGEST_API_KEYS: KEY, STREAM_TICK_MS: '200' }));
    const readings: Reading[] = [];
    for (let t = MIDNIGHT; t < MIDNIGHT + 18 * HOUR; t += HOUR / 2) {
      const points = statusAt((t - MIDNIGHT) / HOUR).map((status, i) => ({ id: `${SITE}-${i + 1}`, status, powerKw: status === 'charging' ? 11 : 0 }));
      readings.push({ sensorId: SITE, kind: 'charging', ts: t, values: { points } });
    }
    const res = await fetch(`${url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY }, body: JSON.stringify(readings) });
    expect(((await res.json()) as { accepted: number }).accepted).toBe(readings.length);
    await waitFor(async () => {
      const s = await getJson(`/api/history/sensors/${SITE}?step=1m&from=${MIDNIGHT}&to=${MIDNIGHT + 18 * HOUR}`);
      return s.status === 200 && seriesHistorySchema.parse(s.body).points.length === readings.length;
    }, 'the 1 min rollups of the reports');
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('aggregates the day per hour: the counts of each period, the last report held for an hour, then no data', async () => {
    const res = await getJson(`/api/history/charging?date=${DAY}&bucket=1h`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = chargingHistoryResponseSchema.parse(res.body);
    expect(body.from).toBe(MIDNIGHT);
    expect(body.to).toBe(MIDNIGHT + 24 * HOUR);
    expect(body.step).toBe('1m');
    const site = body.sites.find((s) => s.id === SITE)!;
    expect(site.points).toBe(6);
    expect(site.buckets).toHaveLength(24);
    expect(site.buckets[3]).toEqual({ t: MIDNIGHT + 3 * HOUR, free: 6, occupied: 0, outOfOrder: 0, unknown: 0, coverage: 1 });
    expect(site.buckets[8]).toEqual({ t: MIDNIGHT + 8 * HOUR, free: 4, occupied: 2, outOfOrder: 0, unknown: 0, coverage: 1 });
    expect(site.buckets[14]).toEqual({ t: MIDNIGHT + 14 * HOUR, free: 3, occupied: 2, outOfOrder: 1, unknown: 0, coverage: 1 });
    // the 17:30 report holds until 18:30
    expect(site.buckets[18]).toEqual({ t: MIDNIGHT + 18 * HOUR, free: 3, occupied: 2, outOfOrder: 1, unknown: 0, coverage: 0.5 });
    expect(site.buckets[19].coverage).toBe(0);
    // free 36 + 24 + 19.5, occupied 12 + 13, out of order 6.5 point-hours
    expect(site.pointHours).toEqual({ free: 79.5, occupied: 25, outOfOrder: 6.5, unknown: 0 });
    expect(site.utilisation).toBeCloseTo(25 / 111, 9);
    expect(site.outOfOrderShare).toBeCloseTo(6.5 / 111, 9);
    // the other sites sent nothing: no utilisation, and the city is this one site
    expect(body.sites.filter((s) => s.utilisation !== null).map((s) => s.id)).toEqual([SITE]);
    expect(body.city.buckets[8]).toMatchObject({ free: 4, occupied: 2, outOfOrder: 0 });
    expect(body.city.utilisation).toBeCloseTo(25 / 111, 9);
  });

  it('from/to and a finer bucket give the same figures on a shorter grid', async () => {
    const res = await getJson(`/api/history/charging?from=${MIDNIGHT + 6 * HOUR}&to=${MIDNIGHT + 12 * HOUR}&bucket=15m`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const site = chargingHistoryResponseSchema.parse(res.body).sites.find((s) => s.id === SITE)!;
    expect(site.buckets).toHaveLength(24);
    expect(site.utilisation).toBeCloseTo(2 / 6, 9);
  });

  it.each([
    ['bucket=7m', 400, 'invalid_query', /bucket/],
    ['date=2024-02-30', 400, 'invalid_query', /not a calendar day/],
    ['date=11.06.2024', 400, 'invalid_query', /YYYY-MM-DD/],
    [`date=${DAY}&from=${MIDNIGHT}`, 400, 'invalid_query', /either date or from\/to/],
    [`from=${MIDNIGHT + HOUR}&to=${MIDNIGHT}`, 400, 'invalid_range', /not before/],
    [`from=${MIDNIGHT - 8 * 24 * HOUR}&to=${MIDNIGHT}`, 400, 'invalid_range', /at most 7/],
    ['from=12345', 400, 'invalid_query', /seconds instead of milliseconds/],
    ['run=no-such-run', 404, 'unknown_run', /no run/],
  ])('refuses %s with %i %s and says why', async (query, status, error, message) => {
    const res = await getJson(`/api/history/charging?${query}`);
    expect(res.status).toBe(status);
    expect(res.body.error).toBe(error);
    expect(String(res.body.message)).toMatch(message);
  });

  it('serves the registered electric vehicles per month and the charge points the registry knows', async () => {
    const res = await getJson('/api/mobility/ev-registrations');
    expect(res.status).toBe(200);
    const body = evRegistrationsResponseSchema.parse(res.body);
    expect(body.registrations.points).toHaveLength(139);
    expect(body.registrations.points.find((p) => p.date === '2024-06-30')?.electric).toBe(7187);
    expect(body.registrations.points.at(-1)).toEqual({ date: '2024-07-31', electric: 7099, cars: 213988 });
    expect(body.chargePoints).toMatchObject({ points: 101, sites: 24, synthetic: true });
  });
});
