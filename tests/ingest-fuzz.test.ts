/**
 * Property-based fuzzing of every ingest transport (issue 9): arbitrary bytes, arbitrary JSON and
 * near-miss readings and TTN uplinks, at POST /api/ingest and at both MQTT topic families, with valid
 * readings interleaved. For every request and every message:
 * - never a 5xx, never a stack trace, always a JSON answer;
 * - counted exactly once: the per-source counters of /api/health move by exactly the number of items
 *   answered (200) or by one (a refused request, a message);
 * - every valid reading among the garbage is applied;
 * - the server still answers, and no item ever hit an internal error.
 *
 * FUZZ_RUNS (default 100 per transport, well under a minute) sets the number of runs; FUZZ_SEED replays one.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stadtpuls } from '../server/app.js';
import type { SourceCounters } from '../server/ingest/source-stats.js';
import {
  garbageItem,
  nearMissReading,
  nearMissUplink,
  rawPayload,
  topicLevel,
  TTN_VALID_SENSOR,
  validParkingReading,
  validSlot,
  validTtnUplink,
  VALID_PARKING,
  type ValidSlot,
} from './helpers/ingest-arbitraries.js';
import { startTestBroker, type TestBroker } from './helpers/mqtt-broker.js';
import { startTestServer } from './helpers/test-server.js';
import { ttnTopic } from './helpers/ttn.js';
import { waitFor } from './helpers/wait.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const KEY = 'fuzz-key-3c9e1f7a5b2d8e4f';
const MAX_PAYLOAD = 4096;
const timeoutMs = 60_000 + RUNS * 1_000;

let broker: TestBroker;
let server: Stadtpuls;
let url: string;
let publisher: MqttClient;
const prefix = `stadtpuls-fuzz-${randomUUID().slice(0, 8)}/`;
/** `sensorId@ts` of every entry the ingest path accepted, from its listener (the history writer's hook) */
const applied = new Set<string>();

/** Fresh, strictly increasing timestamps for valid readings: never outdated, never ahead of the clock. */
let lastTs = 0;
const nextTs = () => (lastTs = Math.max(lastTs + 1, Date.now() - 60_000));

async function health(): Promise<Record<string, SourceCounters>> {
  const res = await fetch(`${url}/api/health`);
  expect(res.status).toBe(200);
  return (await res.json()).sources;
}

/** Everything a source has counted: each item or message lands in exactly one of these. */
const settled = (c: SourceCounters | undefined) =>
  c ? c.accepted + c.corrected + c.duplicates + c.outdated + Object.values(c.rejected).reduce((a, b) => a + b, 0) : 0;

beforeAll(async () => {
  broker = await startTestBroker();
  ({ server, url } = await startTestServer({
    SIMULATOR: 'off',
    INGEST_API_KEYS: KEY,
    MQTT_URL: broker.url,
    MQTT_TOPIC_PREFIX: prefix,
    MQTT_MAX_PAYLOAD_BYTES: String(MAX_PAYLOAD),
  }));
  server.ingest.onAccepted((e) => applied.add(`${e.reading.sensorId}@${e.reading.ts}`));
  await waitFor(async () => (await health()).mqtt?.link?.state === 'up', 'the MQTT link');
  publisher = await connectAsync(broker.url, { reconnectPeriod: 0 });
});

afterAll(async () => {
  await publisher?.endAsync(true);
  await server?.stop();
  await broker?.stop();
});

type Body = { type: 'batch'; items: Array<ValidSlot | { garbage: (now: number) => unknown }> } | { type: 'bytes'; bytes: Buffer } | { type: 'json'; value: unknown };

const GOOD_TYPES = ['application/json', 'application/json; charset=utf-8'];

const httpRequest = fc.record({
  body: fc.oneof(
    { weight: 6, arbitrary: fc.array(fc.oneof({ weight: 3, arbitrary: garbageItem.map((garbage) => ({ garbage })) }, { weight: 1, arbitrary: validSlot }), { maxLength: 40, size: 'medium' }).map((items): Body => ({ type: 'batch', items })) },
    { weight: 2, arbitrary: rawPayload.map((bytes): Body => ({ type: 'bytes', bytes })) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value): Body => ({ type: 'json', value })) },
  ),
  contentType: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...GOOD_TYPES) },
    { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/jsonx', 'application/json; charset=latin1', 'application/x-www-form-urlencoded', '') },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'abcjnos/;=- +*.'.split('')), maxLength: 40 }) },
  ),
  key: fc.oneof({ weight: 9, arbitrary: fc.constant(KEY) }, { weight: 1, arbitrary: fc.constantFrom('', 'wrong-key-00000000000') }),
});

function itemsIn(text: string): number | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.length : null;
  } catch {
    return null;
  }
}

describe('ingest fuzz: POST /api/ingest', () => {
  it(
    'answers every body without a 5xx, counts every item once and applies every valid reading',
    async () => {
      await fc.assert(
        fc.asyncProperty(httpRequest, async ({ body, contentType, key }) => {
          const now = Date.now();
          const valid: Array<{ index: number; id: string }> = [];
          let payload: Buffer;
          if (body.type === 'batch') {
            const items = body.items.map((item, index) => {
              if (!('valid' in item)) return item.garbage(now);
              const reading = validParkingReading(item, nextTs());
              valid.push({ index, id: `${reading.sensorId}@${reading.ts}` });
              return reading;
            });
            payload = Buffer.from(JSON.stringify(items));
          } else {
            payload = body.type === 'bytes' ? body.bytes : Buffer.from(JSON.stringify(body.value) ?? 'null');
          }
          const before = settled((await health()).http);

          const res = await fetch(`${url}/api/ingest`, { method: 'POST', headers: { 'X-API-Key': key, 'Content-Type': contentType }, body: new Uint8Array(payload) });
          const text = await res.text();
          expect(res.status).toBeLessThan(500);
          expect(res.headers.get('content-type')).toMatch(/^application\/json/);
          expect(text).not.toMatch(/<html|\.ts:\d+|\n\s+at /i);
          const answer = JSON.parse(text);

          const { http } = await health();
          const after = settled(http);
          expect(http.rejected.internal_error).toBe(0);
          if (res.status === 200) {
            expect(answer.results).toHaveLength(itemsIn(payload.toString('utf8'))!);
            expect(after - before).toBe(answer.results.length);
          } else {
            expect(answer).toEqual({ error: expect.any(String), detail: expect.any(String) });
            expect(after - before).toBe(1);
          }
          if (body.type === 'batch' && key === KEY && GOOD_TYPES.includes(contentType)) {
            expect(res.status).toBe(200);
            for (const v of valid) {
              expect(answer.results[v.index]).toEqual({ index: v.index, status: 'accepted' });
              expect(applied.has(v.id)).toBe(true);
            }
          }
        }),
        { numRuns: RUNS, seed: SEED },
      );
      // The last valid reading of each car park is what the live state shows.
      const state = await (await fetch(`${url}/api/state`)).json();
      for (const id of VALID_PARKING) {
        const latest = [...applied].filter((a) => a.startsWith(`${id}@`)).map((a) => Number(a.split('@')[1]));
        if (latest.length > 0) expect(state.entries.find((e: { reading: { sensorId: string } }) => e.reading.sensorId === id).reading.ts).toBe(Math.max(...latest));
      }
    },
    timeoutMs,
  );
});

type Message = { topic: string; payload: Buffer; validId?: string };
type MessageSpec = (now: number) => Message;

const generic = (kind: string, sensor: string) => `${prefix}stadtpuls/${kind}/${sensor}`;
const topicSafe = (v: unknown, fallback: string) => (typeof v === 'string' && /^[^/+#\u0000-\u001f]*$/.test(v) && v.length < 100 ? v : fallback);

const mqttMessage: fc.Arbitrary<MessageSpec> = fc.oneof(
  // anything on a generic topic
  fc.record({ kind: topicLevel, sensor: topicLevel, payload: rawPayload }).map(({ kind, sensor, payload }) => () => ({ topic: generic(kind, sensor), payload })),
  // a near-miss reading on the topic it names (or on another): the deepest path, so the most weight
  { weight: 3, arbitrary: fc.record({ reading: nearMissReading, kind: topicLevel, sensor: topicLevel, aligned: fc.boolean() }).map(({ reading, kind, sensor, aligned }) => (now: number) => {
    const r = reading(now) as { kind?: unknown; sensorId?: unknown } | null;
    const named = typeof r === 'object' && r !== null && !Array.isArray(r);
    const topic = aligned && named ? generic(topicSafe(r.kind, kind), topicSafe(r.sensorId, sensor)) : generic(kind, sensor);
    return { topic, payload: Buffer.from(JSON.stringify(r) ?? 'null') };
  }) },
  // a near-miss TTN uplink, on its device's topic or another
  { weight: 2, arbitrary: fc.record({ uplink: nearMissUplink, app: topicLevel, otherDevice: fc.option(topicLevel) }).map(({ uplink, app, otherDevice }) => (now: number) => ({
    topic: `${prefix}v3/${app}/devices/${otherDevice ?? uplink.deviceId}/up`,
    payload: Buffer.from(JSON.stringify(uplink.payload(now)) ?? 'null'),
  })) },
  // anything on a TTN topic
  fc.record({ app: topicLevel, device: topicLevel, payload: rawPayload }).map(({ app, device, payload }) => () => ({ topic: `${prefix}v3/${app}/devices/${device}/up`, payload })),
  // over the size limit
  fc.nat(3).map((n) => () => ({ topic: generic('parking', VALID_PARKING[0]), payload: Buffer.alloc(MAX_PAYLOAD + 1 + n * 1000, 0x20) })),
  // valid readings, both families
  validSlot.map((slot) => () => {
    const reading = validParkingReading(slot, nextTs());
    return { topic: generic('parking', reading.sensorId), payload: Buffer.from(JSON.stringify(reading)), validId: `${reading.sensorId}@${reading.ts}` };
  }),
  validSlot.map((slot) => () => {
    const ts = nextTs();
    return { topic: ttnTopic(prefix, 'zaehler-p1-husemannplatz'), payload: Buffer.from(JSON.stringify(validTtnUplink(slot, ts))), validId: `${TTN_VALID_SENSOR}@${ts}` };
  }),
);

describe('ingest fuzz: MQTT, TTN uplinks and generic topics', () => {
  it(
    'counts every message once, applies every valid reading and keeps the feed and the server up',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(mqttMessage, { minLength: 1, maxLength: 25, size: 'medium' }), async (specs) => {
          const now = Date.now();
          const messages = specs.map((spec) => spec(now));
          const before = settled((await health()).mqtt);
          // Published in order at QoS 1: the broker keeps the order per topic, so valid readings stay in order.
          await Promise.all(messages.map((m) => publisher.publishAsync(m.topic, m.payload, { qos: 1 })));
          await waitFor(async () => settled((await health()).mqtt) >= before + messages.length, `${messages.length} messages counted`);
          const sources = await health();
          expect(settled(sources.mqtt)).toBe(before + messages.length);
          expect(sources.mqtt.link?.state).toBe('up');
          expect(sources.mqtt.rejected.internal_error).toBe(0);
          for (const m of messages) if (m.validId) expect(applied.has(m.validId)).toBe(true);
        }),
        { numRuns: RUNS, seed: SEED },
      );
    },
    timeoutMs,
  );
});

describe('ingest fuzz: afterwards', () => {
  it('the server still answers, and nothing was an internal error', async () => {
    const sources = await health();
    if (process.env.FUZZ_REPORT) console.log(JSON.stringify({ http: sources.http, mqtt: sources.mqtt }));
    expect(sources.http.rejected.internal_error).toBe(0);
    expect(sources.mqtt.rejected.internal_error).toBe(0);
    expect(settled(sources.http)).toBeGreaterThanOrEqual(RUNS);
    expect(settled(sources.mqtt)).toBeGreaterThanOrEqual(RUNS);
    expect((await fetch(`${url}/api/state`)).status).toBe(200);
  });
});
