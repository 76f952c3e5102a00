/**
 * The ingest observations of issue 9, each reproduced exactly as reported, over HTTP and MQTT.
 * Before the fix: HTTP 500 with an HTML stack trace, uncounted items, a half-applied batch, seconds of
 * blocked event loop with ~100 MB of log, any content type accepted, MQTT messages neither counted nor
 * rejected, and time rules that let one reading hold a sensor.
 */
import { randomUUID } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Stadtpuls } from '../server/app.js';
import { INGEST_MAX_ITEMS } from '../server/http/ingest-route.js';
import { captureLogs } from './helpers/log-capture.js';
import { startTestBroker, type TestBroker } from './helpers/mqtt-broker.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

const KEY = 'regression-key-5b1d9e7a3c';
const H = 3_600_000;

const climate = (sensorId: string, ts: number, airTempC = 21.5) => ({
  sensorId,
  kind: 'climate',
  ts,
  values: { airTempC, relHumidityPct: 55, windKmh: 7, solarWm2: 300 },
});

describe('POST /api/ingest: the reproductions of issue 9', () => {
  const { logger, lines } = captureLogs('info');
  let server: Stadtpuls;
  let url: string;

  beforeAll(async () => {
    ({ server, url } = await startTestServer({ SIMULATOR: 'off', INGEST_API_KEYS: KEY }, { logger }));
  });
  afterAll(async () => {
    await server.stop();
  });

  const post = (body: string, contentType: string | null = 'application/json') =>
    fetch(`${url}/api/ingest`, { method: 'POST', headers: { 'X-API-Key': KEY, ...(contentType ? { 'Content-Type': contentType } : {}) }, body });
  const http = () => server.ingest.stats.snapshot().http;
  const rejectedTotal = () => Object.values(http().rejected).reduce((a, b) => a + b, 0);

  it('a sensorId of {"toString":1}: a counted rejection, not a 500, and the rest of the batch is applied', async () => {
    const before = http().rejected.invalid;
    const valid = climate('climate-westpark', Date.now() - 1000);
    const res = await post(`[{"sensorId":{"toString":1},"kind":"climate","ts":1,"values":{}},${JSON.stringify(valid)}]`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body).toMatchObject({ accepted: 1, rejected: 1, results: [{ index: 0, status: 'rejected', reason: 'invalid' }, { index: 1, status: 'accepted' }] });
    expect(http().rejected.invalid).toBe(before + 1);
    expect(server.state.get('climate-westpark')?.reading).toEqual(valid);
  });

  it('a ts above 8.64e15: refused as future, with a readable detail', async () => {
    const before = http().rejected.future;
    const res = await post(JSON.stringify([climate('climate-westpark', 8.7e15)]));
    expect(res.status).toBe(200);
    expect((await res.json()).results[0]).toEqual({ index: 0, status: 'rejected', reason: 'future', detail: expect.stringContaining('8700000000000000') });
    expect(http().rejected.future).toBe(before + 1);
  });

  it('1 MiB of 524k `0` items: 413 at once, counted once, one log line; twelve in parallel leave the server answering', async () => {
    const zeros = `[${Array(524_287).fill('0').join(',')}]`;
    expect(Buffer.byteLength(zeros)).toBeLessThanOrEqual(1024 * 1024);
    const before = http().rejected.too_large;
    const linesBefore = lines.length;
    const res = await post(zeros);
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: 'too_many_items', detail: `more than ${INGEST_MAX_ITEMS} readings in one request; send them in several requests` });
    expect(http().rejected.too_large).toBe(before + 1);
    expect(lines.length - linesBefore).toBe(1);

    const parallel = await Promise.all(Array.from({ length: 12 }, () => post(zeros).then((r) => r.status)));
    expect(parallel).toEqual(Array(12).fill(413));
    expect(http().rejected.too_large).toBe(before + 13);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });

  it('one item over the limit is refused, whatever the items', async () => {
    const before = http().rejected.too_large;
    for (const body of [`[${Array(INGEST_MAX_ITEMS + 1).fill('0').join(',')}]`, `[${Array(INGEST_MAX_ITEMS + 1).fill('{}').join(',')}]`]) {
      const res = await post(body);
      expect(res.status).toBe(413);
      expect((await res.json()).error).toBe('too_many_items');
    }
    expect(http().rejected.too_large).toBe(before + 2);
  });

  it(`${INGEST_MAX_ITEMS} \`0\` items: every one counted as invalid, and the log gets one line for them`, async () => {
    const before = http().rejected.invalid;
    const linesBefore = lines.length;
    const res = await post(`[${Array(INGEST_MAX_ITEMS).fill('0').join(',')}]`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.rejected).toBe(INGEST_MAX_ITEMS);
    expect(body.results).toHaveLength(INGEST_MAX_ITEMS);
    expect(http().rejected.invalid).toBe(before + INGEST_MAX_ITEMS);
    expect(lines.slice(linesBefore).filter((l) => l.reason === 'invalid').length).toBeLessThanOrEqual(1);
  });

  it.each([
    ['no Content-Type', null],
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['multipart', 'multipart/form-data; boundary=x'],
    ['JSON in Latin-1', 'application/json; charset=latin1'],
    ['a look-alike', 'application/jsonp'],
  ])('%s: 415, counted', async (_what, contentType) => {
    const before = http().rejected.unsupported_media_type;
    const res = await post(JSON.stringify([climate('climate-westpark', Date.now())]), contentType);
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ error: 'unsupported_media_type', detail: 'send Content-Type: application/json (UTF-8)' });
    expect(http().rejected.unsupported_media_type).toBe(before + 1);
  });

  it('application/json with charset=UTF-8 is accepted', async () => {
    const res = await post(JSON.stringify([climate('climate-buscheyplatz', Date.now() - 500)]), 'Application/JSON; charset="UTF-8"');
    expect(res.status).toBe(200);
    expect((await res.json()).accepted).toBe(1);
  });

  it('a reading 4 min 55 s ahead is refused; one 1 min 55 s ahead does not make the next correct reading outdated', async () => {
    const sensor = 'climate-werner-hellweg';
    const send = async (ts: number, airTempC: number) => (await (await post(JSON.stringify([climate(sensor, ts, airTempC)]))).json()).results[0];
    // Stamped by the server's clock (the steady clock of a real-time run), not this process's Date.now(): the two
    // drift apart by milliseconds over a run, and a correct reading 5 ms after the early one came out 'outdated' once.
    const now = () => server.cityNow();
    expect(await send(now() + 295_000, 30)).toMatchObject({ status: 'rejected', reason: 'future' });
    expect(await send(now() + 115_000, 31)).toEqual({ index: 0, status: 'accepted' });
    await new Promise((r) => setTimeout(r, 5));
    expect(await send(now(), 22)).toEqual({ index: 0, status: 'accepted' });
    expect(server.state.get(sensor)?.reading.values).toMatchObject({ airTempC: 22 });
  });

  it('a corrected value for the same timestamp replaces the old one and is counted as corrected', async () => {
    const ts = Date.now() - 2000;
    const before = http().corrected;
    const res = await post(JSON.stringify([climate('climate-zeche-holland', ts, 24), climate('climate-zeche-holland', ts, 24.5)]));
    expect((await res.json()).results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'corrected']);
    expect(server.state.get('climate-zeche-holland')?.reading.values).toMatchObject({ airTempC: 24.5 });
    expect(http().corrected).toBe(before + 1);
    expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/stadtpuls_readings_corrected_total\{source="http"\} [1-9]/);
  });

  it.each([
    ['in seconds (was accepted as January 1970)', () => Math.floor(Date.now() / 1000)],
    ['from a device clock reset to 2000 (was only outdated)', () => Date.UTC(2000, 0, 1, 0, 5)],
  ])('a timestamp %s is implausible_time, also in /metrics', async (_what, ts) => {
    const before = http().rejected.implausible_time;
    const res = await post(JSON.stringify([climate('climate-westpark', ts())]));
    expect((await res.json()).results[0]).toMatchObject({ status: 'rejected', reason: 'implausible_time' });
    expect(http().rejected.implausible_time).toBe(before + 1);
    expect(await (await fetch(`${url}/metrics`)).text()).toContain(`stadtpuls_readings_rejected_total{source="http",reason="implausible_time"} ${before + 1}`);
  });

  it('nothing in this session was an internal error', async () => {
    const c = http();
    expect(c.rejected.internal_error).toBe(0);
    expect(rejectedTotal()).toBeGreaterThan(0);
  });
});

describe('a server clock step of an hour (issue 9)', () => {
  let server: Stadtpuls;
  let url: string;

  beforeAll(async () => {
    ({ server, url } = await startTestServer({ SIMULATOR: 'off', INGEST_API_KEYS: KEY }));
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => {
    await server.stop();
  });

  it.each([
    ['back', -H],
    ['forward', H],
  ])('stepped %s: correct readings are still accepted and the city time does not jump', async (_dir, step) => {
    const trueNow = Date.now();
    vi.spyOn(Date, 'now').mockImplementation(() => trueNow + step);
    const res = await fetch(`${url}/api/ingest`, {
      method: 'POST',
      headers: { 'X-API-Key': KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify([climate('climate-westpark', trueNow + (step > 0 ? 1 : 2))]),
    });
    expect((await res.json()).results[0]).toEqual({ index: 0, status: 'accepted' });
    const { cityTime } = await (await fetch(`${url}/api/state`)).json();
    expect(Math.abs(cityTime - trueNow)).toBeLessThan(60_000);
  });
});

describe('MQTT: the same payloads are counted and refused (issue 9)', () => {
  let broker: TestBroker;
  let server: Stadtpuls;
  let url: string;
  let publisher: MqttClient;
  const { logger, lines } = captureLogs('info');
  const prefix = `stadtpuls-regress-${randomUUID().slice(0, 8)}/`;

  beforeAll(async () => {
    broker = await startTestBroker();
    ({ server, url } = await startTestServer({ SIMULATOR: 'off', MQTT_URL: broker.url, MQTT_TOPIC_PREFIX: prefix }, { logger }));
    await waitFor(() => server.ingest.stats.snapshot().mqtt?.link?.state === 'up', 'the MQTT link');
    publisher = await connectAsync(broker.url, { reconnectPeriod: 0 });
  });
  afterAll(async () => {
    await publisher?.endAsync(true);
    await server?.stop();
    await broker?.stop();
  });

  const mqtt = () => server.ingest.stats.snapshot().mqtt;
  const settled = () => {
    const c = mqtt();
    return c.accepted + c.corrected + c.duplicates + c.outdated + Object.values(c.rejected).reduce((a, b) => a + b, 0);
  };

  it.each([
    ['a sensorId of {"toString":1}', 'stadtpuls/climate/climate-westpark', '{"sensorId":{"toString":1},"kind":"climate","ts":1,"values":{}}', 'topic_mismatch'],
    ['a kind of {"toString":1}', 'stadtpuls/climate/climate-westpark', '{"sensorId":"climate-westpark","kind":{"toString":1},"ts":1,"values":{}}', 'topic_mismatch'],
    ['no sensorId and kind, a broken rest', 'stadtpuls/climate/climate-westpark', '{"ts":1,"values":{"toString":1}}', 'invalid'],
    ['a ts above 8.64e15', 'stadtpuls/climate/climate-westpark', JSON.stringify(climate('climate-westpark', 8.7e15)), 'future'],
    ['a ts in seconds', 'stadtpuls/climate/climate-westpark', JSON.stringify(climate('climate-westpark', Math.floor(Date.now() / 1000))), 'implausible_time'],
  ])('%s → %s, counted', async (_what, topic, payload, reason) => {
    const before = mqtt().rejected[reason as 'invalid'];
    await publisher.publishAsync(`${prefix}${topic}`, payload, { qos: 1 });
    await waitFor(() => mqtt().rejected[reason as 'invalid'] === before + 1, `the ${reason} count`);
    expect(mqtt().rejected.internal_error).toBe(0);
  });

  it('a flood of 500 broken messages is counted in full and logged in one line', async () => {
    const before = settled();
    const linesBefore = lines.length;
    await Promise.all(Array.from({ length: 500 }, (_, i) => publisher.publishAsync(`${prefix}stadtpuls/parking/p${i % 7}`, `not json ${i}`, { qos: 1 })));
    await waitFor(() => settled() === before + 500, 'all 500 messages counted');
    expect(lines.slice(linesBefore).filter((l) => l.msg === 'reading rejected')).toHaveLength(1);
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
  });
});
