import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stadtpuls } from '../server/app.js';
import { startTestServer } from './helpers/test-server.js';

const KEY = 'test-key-7f3a9c2e1b8d';
const OTHER_KEY = 'test-key-second-4e6f0a';

let server: Stadtpuls;
let url: string;

function post(body: string, key: string | null = KEY) {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (key !== null) headers['X-API-Key'] = key;
  return fetch(`${url}/api/ingest`, { method: 'POST', headers, body });
}

const httpStats = () => server.ingest.stats.snapshot().http;

beforeAll(async () => {
  // The simulator is off, so the city clock is the wall clock and nothing else writes the sensors posted here.
  ({ server, url } = await startTestServer({ SIMULATOR: 'off', INGEST_API_KEYS: `${KEY}, ${OTHER_KEY}`, INGEST_MAX_BYTES: '4096' }));
});

afterAll(async () => {
  await server.stop();
});

describe('POST /api/ingest', () => {
  it('answers 401 without a valid key and counts it', async () => {
    for (const key of [null, '', 'test-key-7f3a9c2e1b8e', 'nope']) {
      const res = await post('[]', key);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'unauthorized', detail: 'missing or invalid X-API-Key' });
    }
    expect(httpStats().rejected.unauthorized).toBe(4);
  });

  it('checks the key before reading the body: an oversized body without a key is a 401', async () => {
    const before = httpStats().rejected;
    expect((await post(' '.repeat(10_000), null)).status).toBe(401);
    expect(httpStats().rejected.unauthorized).toBe(before.unauthorized + 1);
    expect(httpStats().rejected.too_large).toBe(before.too_large);
  });

  it('answers 400 for a body that is not JSON or not an array', async () => {
    const before = httpStats().rejected;
    const notJson = await post('[{"sensorId": "climate-westpark",');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'malformed', detail: expect.stringMatching(/^body is not JSON/) });
    const notArray = await post(JSON.stringify({ sensorId: 'climate-westpark' }));
    expect(notArray.status).toBe(400);
    expect(await notArray.json()).toEqual({ error: 'malformed', detail: 'body must be a JSON array of readings' });
    expect(httpStats().rejected.malformed).toBe(before.malformed + 1);
    expect(httpStats().rejected.invalid).toBe(before.invalid + 1);
  });

  it('answers 413 over the size limit and counts it', async () => {
    const before = httpStats().rejected.too_large;
    const res = await post(`[${' '.repeat(5000)}]`);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'too_large', detail: 'body exceeds 4096 bytes' });
    expect(httpStats().rejected.too_large).toBe(before + 1);
  });

  it('answers per item: accepted, duplicate, outdated, rejected with its reason', async () => {
    const ts = Date.now() - 10_000;
    const climate = { sensorId: 'climate-agnesstrasse', kind: 'climate', ts, values: { airTempC: 31.2, relHumidityPct: 38, windKmh: 4, solarWm2: 780 } };
    const items = [
      climate,
      climate,
      { ...climate, ts: ts - 60_000 },
      { ...climate, ts: ts + 1, values: { ...climate.values, airTempC: 'NaN' } },
      { ...climate, sensorId: 'climate-nirgendwo' },
      { ...climate, ts: Date.now() + 3_600_000 },
      { ...climate, sensorId: 'parking-p1-husemannplatz' },
      'not a reading',
    ];
    const res = await post(JSON.stringify(items), OTHER_KEY);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      accepted: 1,
      corrected: 0,
      duplicates: 1,
      outdated: 1,
      rejected: 5,
      results: [
        { index: 0, status: 'accepted' },
        { index: 1, status: 'duplicate' },
        { index: 2, status: 'outdated' },
        { index: 3, status: 'rejected', reason: 'invalid', detail: expect.stringContaining('values.airTempC') },
        { index: 4, status: 'rejected', reason: 'unknown_sensor', detail: 'no sensor with id climate-nirgendwo' },
        { index: 5, status: 'rejected', reason: 'future', detail: expect.stringMatching(/ahead of the city clock/) },
        { index: 6, status: 'rejected', reason: 'kind_mismatch', detail: 'sensor parking-p1-husemannplatz is parking, reading is climate' },
        { index: 7, status: 'rejected', reason: 'invalid', detail: expect.any(String) },
      ],
    });
    expect(server.state.get('climate-agnesstrasse')?.reading).toEqual(climate);
  });

  it('accepts an empty array', async () => {
    const res = await post('[]');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 0, corrected: 0, duplicates: 0, outdated: 0, rejected: 0, results: [] });
  });

  it('answers 405 to other methods', async () => {
    const res = await fetch(`${url}/api/ingest`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

describe('POST /api/ingest without configured keys', () => {
  it('answers 503: ingest is off', async () => {
    const { server: bare, url: bareUrl } = await startTestServer({ SIMULATOR: 'off' });
    try {
      const res = await fetch(`${bareUrl}/api/ingest`, { method: 'POST', headers: { 'X-API-Key': KEY }, body: '[]' });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: 'ingest_disabled', detail: 'HTTP ingest is off: no INGEST_API_KEYS configured' });
      expect(bare.ingest.stats.snapshot().http).toBeUndefined();
    } finally {
      await bare.stop();
    }
  });

  it('refuses keys shorter than 16 characters at start-up', async () => {
    await expect(startTestServer({ SIMULATOR: 'off', INGEST_API_KEYS: 'short' })).rejects.toThrow(/INGEST_API_KEYS.*at least 16 characters/);
  });
});
