import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfBochumDay } from '../common/bochum-time.js';
import { placesExposureResponseSchema, placesResponseSchema } from '../common/places.js';
import type { Reading } from '../common/readings.js';
import type { Stadtpuls } from '../server/app.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

/**
 * GET /api/places and /api/places/exposure on a real server: one station reports a hot hour through
 * POST /api/ingest, so the surface is that station's value everywhere and every place's hours under
 * strong heat stress are the quarter-hour buckets that hour touches, counted here by hand.
 */
const KEY = 'places-api-test-key-5d1e';
const MIN = 60_000;
const Q = 15 * MIN;

describe('vulnerable places API', () => {
  let server: Stadtpuls;
  let url: string;
  let t0: number;

  beforeAll(async () => {
    ({ server, url } = await startTestServer({ SIMULATOR: 'off', INGEST_API_KEYS: KEY, STREAM_TICK_MS: '200' }));
    t0 = Math.floor(server.cityNow() / MIN) * MIN;
    const hot: Reading[] = [];
    for (let m = 60; m >= 5; m -= 5) {
      hot.push({ sensorId: 'climate-westpark', kind: 'climate', ts: t0 - m * MIN, values: { airTempC: 36, relHumidityPct: 40, windKmh: 3, solarWm2: 850 } });
    }
    const res = await fetch(`${url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY }, body: JSON.stringify(hot) });
    expect(((await res.json()) as { accepted: number }).accepted).toBe(hot.length);
    await waitFor(async () => {
      const r = await fetch(`${url}/api/history/sensors/climate-westpark?step=raw&from=${t0 - 2 * 60 * MIN}&to=${t0}`);
      return ((await r.json()) as { points: unknown[] }).points.length === hot.length;
    }, 'the readings in the store');
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('lists the places of data/places.geojson', async () => {
    const body = placesResponseSchema.parse(await (await fetch(`${url}/api/places`)).json());
    expect(body.places.filter((p) => p.type === 'kita').length).toBeGreaterThan(150);
    expect(new Set(body.places.map((p) => p.type))).toEqual(new Set(['kita', 'school', 'playground']));
  });

  it('counts the hot quarter-hours at every place, today and over the week', async () => {
    const res = await fetch(`${url}/api/places/exposure?at=${t0}`);
    expect(res.status).toBe(200);
    const body = placesExposureResponseSchema.parse(await res.json());
    const first = Math.floor((t0 - 60 * MIN) / Q) * Q;
    const lastEnd = Math.min(Math.floor((t0 - 5 * MIN) / Q) * Q + Q, t0);
    const week = (lastEnd - first) / 3_600_000;
    const today = Math.max(0, lastEnd - Math.max(first, startOfBochumDay(t0))) / 3_600_000;
    expect(body.thresholdC).toBe(32);
    expect(body.places.length).toBeGreaterThan(400);
    for (const p of body.places) {
      expect(p.hoursStrong7d, p.id).toBeCloseTo(week, 2);
      expect(p.hoursStrongToday, p.id).toBeCloseTo(today, 2);
      expect(p.utciC, p.id).toBeGreaterThanOrEqual(32);
    }
  });

  it('has no hours before the heat and refuses instants it cannot answer', async () => {
    const before = placesExposureResponseSchema.parse(await (await fetch(`${url}/api/places/exposure?at=${t0 - 2 * 60 * MIN}`)).json());
    expect(before.places.every((p) => p.hoursStrong7d === 0 && p.utciC === null)).toBe(true);
    const future = await fetch(`${url}/api/places/exposure?at=${t0 + 86_400_000}`);
    expect(future.status).toBe(400);
    expect(((await future.json()) as { error: string }).error).toBe('invalid_range');
    expect((await fetch(`${url}/api/places/exposure?at=yesterday`)).status).toBe(400);
  });
});
