import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson as getJsonAt } from './helpers/get-json.js';
import { bochumParts } from '../common/bochum-time.js';
import { climateIndicatorsResponseSchema, seriesHistorySchema } from '../common/history.js';
import type { Reading } from '../common/readings.js';
import type { Stadtpuls } from '../server/app.js';
import { storeBackends } from './helpers/store-backends.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

/**
 * GET /api/history/climate-indicators on a real server and store, once per back-end: 45 h of
 * synthetic readings over the autumn DST switch for two Mitte stations go in through POST /api/ingest, and the counts
 * that come back from the 1 h rollups are the ones the series was built to have.
 */

const KEY = 'climate-indicators-test-key-5d21';
const DAY = 86_400_000;
const HOUR = 3_600_000;
/** readings from the noon before the autumn DST switch to 08:00 the day after it (45 h) */
const FROM = Date.parse('2024-10-26T12:00:00+02:00');
const TO = Date.parse('2024-10-28T08:00:00+01:00');

const backends = await storeBackends('climate_indicators');

describe.each(backends)('climate indicators API on $name', (backend) => {
  let server: Stadtpuls;
  let url: string;

  const getJson = (p: string) => getJsonAt(`${url}${p}`);

  beforeAll(async () => {
    // The city clock runs from the morning after the autumn DST switch; only parking is simulated, so
    // only this test writes climate readings. Ingest takes readings up to 48 h old, hence the period.
    ({ server, url } = await startTestServer({ SIM_START: '2024-10-28T08:30:00+01:00', SIM_SPEED: '1', SIMULATOR_KINDS: 'parking', INGEST_API_KEYS: KEY, STREAM_TICK_MS: '200', ...(await backend.env()) }));
    const westpark = (t: number) => {
      const p = bochumParts(t);
      if (p.hour >= 12 && p.hour < 18) return p.day === 27 ? 31 : 29;
      if (p.hour >= 8 && p.hour < 12) return 22;
      // the night of the 26th (15 h, over the switch) at 21 °C: tropical; the night of the 27th at 19 °C: not
      const eveningOf26 = (p.day === 26 && p.hour >= 18) || (p.day === 27 && p.hour < 8);
      return eveningOf26 ? 21 : 19;
    };
    const readings: Reading[] = [];
    for (let t = FROM; t < TO; t += 20 * 60_000) {
      readings.push({ sensorId: 'climate-westpark', kind: 'climate', ts: t, values: { airTempC: westpark(t), relHumidityPct: 50, windKmh: 3, solarWm2: 100 } });
      readings.push({ sensorId: 'climate-agnesstrasse', kind: 'climate', ts: t, values: { airTempC: 20, relHumidityPct: 50, windKmh: 3, solarWm2: 100 } });
    }
    for (let i = 0; i < readings.length; i += 5000) {
      const res = await fetch(`${url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY }, body: JSON.stringify(readings.slice(i, i + 5000)) });
      const body = (await res.json()) as { accepted: number };
      expect(body.accepted, JSON.stringify(body).slice(0, 500)).toBe(Math.min(5000, readings.length - i));
    }
    const rolledUp = async () => {
      const res = await getJson(`/api/history/sensors/climate-agnesstrasse?step=1h&from=${FROM}&to=${TO}`);
      return res.status === 200 && seriesHistorySchema.parse(res.body).points.length === (TO - FROM) / HOUR;
    };
    await waitFor(rolledUp, 'the hourly rollups of the readings');
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await backend.cleanUp();
  });

  it('counts each station from the rollups: the 25 h DST day and the 15 h night into it judged, the cut days incomplete', async () => {
    const res = await getJson(`/api/history/climate-indicators?from=${FROM}&to=${TO}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = climateIndicatorsResponseSchema.parse(res.body);
    expect(body.stations.find((s) => s.id === 'climate-westpark')).toEqual({
      id: 'climate-westpark', name: expect.any(String), district: 'mitte',
      summerDays: 1, hotDays: 1, tropicalNights: 1, completeDays: 1, completeNights: 2,
      incompleteDays: ['2024-10-26', '2024-10-28'], incompleteNights: [],
    });
    expect(body.stations.find((s) => s.id === 'climate-agnesstrasse')).toMatchObject({ summerDays: 0, hotDays: 0, tropicalNights: 2, completeDays: 1, completeNights: 2 });
    // stations without readings judge nothing and stay out of the district mean
    expect(body.stations.find((s) => s.id === 'climate-synth-mitte-1')).toMatchObject({ completeDays: 0, incompleteDays: [] });
    expect(body.districts.find((d) => d.id === 'mitte')).toEqual({ id: 'mitte', name: 'Mitte', stations: 2, summerDays: 0.5, hotDays: 0.5, tropicalNights: 1.5 });
    expect(body.districts.find((d) => d.id === 'nord')).toEqual({ id: 'nord', name: 'Nord', stations: 0, summerDays: null, hotDays: null, tropicalNights: null });
  });

  it('refuses a bad period or run with a clear error', async () => {
    expect(await getJson(`/api/history/climate-indicators?from=${TO}&to=${FROM}`)).toMatchObject({ status: 400, body: { error: 'invalid_range' } });
    expect(await getJson(`/api/history/climate-indicators?from=${TO - 400 * DAY}&to=${TO}`)).toMatchObject({ status: 400, body: { error: 'invalid_range' } });
    expect(await getJson('/api/history/climate-indicators?from=yesterday')).toMatchObject({ status: 400, body: { error: 'invalid_query' } });
    expect(await getJson('/api/history/climate-indicators?run=no-such-run')).toMatchObject({ status: 404, body: { error: 'unknown_run' } });
  });
});
