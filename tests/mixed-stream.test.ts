import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAsync, type MqttClient } from 'mqtt';
import type { Stadtpuls } from '../server/app.js';
import { REJECT_REASONS, type RejectReason } from '../server/ingest/source-stats.js';
import { captureLogs, type LogLine } from './helpers/log-capture.js';
import { startTestBroker, type TestBroker } from './helpers/mqtt-broker.js';
import { startTestServer } from './helpers/test-server.js';
import { ttnTopic, ttnUplink } from './helpers/ttn.js';
import { waitFor } from './helpers/wait.js';

/**
 * Good and bad messages interleaved over MQTT and HTTP, against a server whose simulator keeps running
 * traffic and charging: every good reading must land, every bad one must be refused with its reason,
 * counted once (in /api/health and /metrics alike) and logged (aggregated per reason, with a count).
 */

const KEY = 'mixed-stream-key-5b1e0c9d';

let broker: TestBroker;
let server: Stadtpuls;
let url: string;
let publisher: MqttClient;
let logs: LogLine[];
const prefix = `stadtpuls-test-${randomUUID().slice(0, 8)}/`;

beforeAll(async () => {
  broker = await startTestBroker();
  const capture = captureLogs('info');
  logs = capture.lines;
  // Climate and parking are left to the real feeds, so no simulated reading overwrites the ones sent here.
  ({ server, url } = await startTestServer(
    { SIMULATOR_KINDS: 'traffic,charging', STREAM_TICK_MS: '200', MQTT_URL: broker.url, MQTT_TOPIC_PREFIX: prefix, INGEST_API_KEYS: KEY },
    { logger: capture.logger },
  ));
  await waitFor(async () => (await (await fetch(`${url}/api/health`)).json()).sources.mqtt.link.state === 'up', 'the MQTT link');
  publisher = await connectAsync(broker.url, { reconnectPeriod: 0 });
});

afterAll(async () => {
  await publisher?.endAsync(true);
  await server?.stop();
  await broker?.stop();
});

type Expected = { accepted: number; duplicates: number; outdated: number; rejected: Partial<Record<RejectReason, number>> };

function processed(c: { accepted: number; duplicates: number; outdated: number; rejected: Record<string, number> }): number {
  return c.accepted + c.duplicates + c.outdated + Object.values(c.rejected).reduce((a, b) => a + b, 0);
}

describe('a mixed stream of valid and bad messages', () => {
  it('applies every valid reading and refuses every bad one with its reason counted and logged once', async () => {
    // Stamped on the simulated city clock (the default scenario's, at 10×), a little in the past.
    const t = Math.round(server.cityNow()) - 2_000;
    const future = Math.round(server.cityNow()) + 3_600_000;
    const climate = (sensorId: string, ts = t, values: Record<string, unknown> = {}) => ({
      sensorId,
      kind: 'climate',
      ts,
      values: { airTempC: 27.4, relHumidityPct: 44, windKmh: 6.1, solarWm2: 705, ...values },
    });
    const generic = (sensorId: string) => `${prefix}stadtpuls/climate/${sensorId}`;
    const bench = { temperature_c: 28.3, humidity_pct: 41.5, wind_speed_ms: 2, solar_wm2: 690, battery_v: 3.6 };

    const mqttMessages: Array<[topic: string, payload: string]> = [
      // valid
      [generic('climate-westpark'), JSON.stringify(climate('climate-westpark'))],
      [ttnTopic(prefix, 'bank-buscheyplatz'), JSON.stringify(ttnUplink('bank-buscheyplatz', t, bench))],
      [ttnTopic(prefix, 'zaehler-p1-husemannplatz'), JSON.stringify(ttnUplink('zaehler-p1-husemannplatz', t, { free: 203, total: 475, open: 1 }))],
      [ttnTopic(prefix, 'bank-zeche-holland'), JSON.stringify(ttnUplink('bank-zeche-holland', t, { tempf: 84.2, humidity: 41, windspeedmph: 5, solarradiation: 700 }))],
      // the same again, and an older one: kept out of the live state, counted
      [generic('climate-westpark'), JSON.stringify(climate('climate-westpark'))],
      [generic('climate-westpark'), JSON.stringify(climate('climate-westpark', t - 60_000, { airTempC: 12 }))],
      // bad
      [generic('climate-westpark'), '{"sensorId": "climate-westpark", "kind": "climate", "ts": '],
      [generic('climate-agnesstrasse'), `{"sensorId": "climate-agnesstrasse", "kind": "climate", "ts": ${t}, "values": {"airTempC": NaN, "relHumidityPct": 44, "windKmh": 6, "solarWm2": 700}}`],
      [generic('climate-agnesstrasse'), JSON.stringify(climate('climate-agnesstrasse', t, { airTempC: 'warm' }))],
      [ttnTopic(prefix, 'bank-werner-hellweg'), JSON.stringify(ttnUplink('bank-werner-hellweg', t, { ...bench, temperature_c: '28.3' }))],
      [ttnTopic(prefix, 'bank-unbekannt'), JSON.stringify(ttnUplink('bank-unbekannt', t, bench))],
      [generic('climate-nirgendwo'), JSON.stringify(climate('climate-nirgendwo'))],
      [generic('climate-agnesstrasse'), JSON.stringify({ ...climate('climate-agnesstrasse'), padding: 'x'.repeat(1024 * 1024) })],
      [generic('climate-agnesstrasse'), JSON.stringify(climate('climate-agnesstrasse', future))],
      [generic('climate-westpark'), JSON.stringify(climate('climate-agnesstrasse'))],
    ];
    const expectedMqtt: Expected = {
      accepted: 4,
      duplicates: 1,
      outdated: 1,
      rejected: { malformed: 2, invalid: 2, unknown_sensor: 2, too_large: 1, future: 1, topic_mismatch: 1 },
    };

    const parking = (sensorId: string, ts = t, values: Record<string, unknown> = {}) => ({ sensorId, kind: 'parking', ts, values: { freeSpaces: 57, open: true, ...values } });
    const httpItems = [
      climate('climate-agnesstrasse'),
      parking('parking-p2-dr-ruer-platz'),
      parking('parking-p2-dr-ruer-platz'),
      climate('climate-ladenzeile-rosenberg', t, { airTempC: 'NaN' }),
      parking('parking-p3-rathaus-bvz', t, { freeSpaces: 12.5 }),
      parking('parking-nirgendwo'),
      parking('parking-p3-rathaus-bvz', future),
    ];
    const expectedHttp: Expected = {
      accepted: 2,
      duplicates: 1,
      outdated: 0,
      rejected: { invalid: 2, unknown_sensor: 1, future: 1, malformed: 1, too_large: 1, unauthorized: 1 },
    };

    const twinBefore = server.ingest.stats.snapshot()['traffic-twin']?.accepted ?? 0;
    const started = performance.now();
    const post = (body: string, key = KEY) => fetch(`${url}/api/ingest`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-API-Key': key }, body });
    const [, ...answers] = await Promise.all([
      (async () => {
        for (const [topic, payload] of mqttMessages) await publisher.publishAsync(topic, payload, { qos: 1 });
      })(),
      post(JSON.stringify(httpItems)),
      post('[{"sensorId": "parking-p2-dr-ruer-platz", "kind": "parking", "ts": NaN}]'),
      post(`[${' '.repeat(1536 * 1024)}]`),
      post('[]', 'mixed-stream-key-5b1e0c9e'),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 400, 413, 401]);
    const perItem = await answers[0].json();
    expect(perItem.results.map((r: { status: string; reason?: string }) => r.reason ?? r.status)).toEqual([
      'accepted',
      'accepted',
      'duplicate',
      'invalid',
      'invalid',
      'unknown_sensor',
      'future',
    ]);

    const health = await waitFor(async () => {
      const h = await (await fetch(`${url}/api/health`)).json();
      return processed(h.sources.mqtt) >= mqttMessages.length && h;
    }, 'every MQTT message to be processed');
    const elapsed = performance.now() - started;

    // Every count, per source and reason, in /api/health …
    const full = (e: Expected) => ({ ...e, rejected: Object.fromEntries(REJECT_REASONS.map((r) => [r, e.rejected[r] ?? 0])) });
    expect(health.sources.mqtt).toMatchObject(full(expectedMqtt));
    expect(health.sources.http).toMatchObject(full(expectedHttp));
    expect(health.status).toBe('ok');

    // … and the same in /metrics, which reads the same counters.
    const metrics = await (await fetch(`${url}/metrics`)).text();
    for (const [source, e] of [['mqtt', full(expectedMqtt)], ['http', full(expectedHttp)]] as const) {
      expect(metrics).toContain(`stadtpuls_readings_accepted_total{source="${source}"} ${e.accepted}`);
      expect(metrics).toContain(`stadtpuls_readings_duplicate_total{source="${source}"} ${e.duplicates}`);
      expect(metrics).toContain(`stadtpuls_readings_outdated_total{source="${source}"} ${e.outdated}`);
      for (const [reason, n] of Object.entries(e.rejected)) {
        expect(metrics).toContain(`stadtpuls_readings_rejected_total{source="${source}",reason="${reason}"} ${n}`);
      }
      expect(metrics).toMatch(new RegExp(`stadtpuls_source_last_seen_timestamp_seconds\\{source="${source}"\\} \\d+(\\.\\d+)?`));
    }
    expect(metrics).toContain('stadtpuls_feed_up{source="mqtt"} 1');
    expect(metrics).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(metrics).toMatch(/^nodejs_heap_size_used_bytes \d/m);

    // Each bad message logged with its reason: at once, or in an aggregate line with its count.
    server.ingest.flushLog();
    const logged = (source: string) =>
      logs
        .filter((l) => l.msg === 'reading rejected' && l.source === source)
        .flatMap((l) => Array<string>(l.count as number).fill(l.reason as string))
        .sort();
    const asList = (e: Expected) => Object.entries(e.rejected).flatMap(([reason, n]) => Array<string>(n).fill(reason)).sort();
    expect(logged('mqtt')).toEqual(asList(expectedMqtt));
    expect(logged('http')).toEqual(asList(expectedHttp));

    // Every valid reading applied, with the values it was sent with (or converted to).
    const state = await (await fetch(`${url}/api/state`)).json();
    const entry = (id: string) => state.entries.find((e: { reading: { sensorId: string } }) => e.reading.sensorId === id)?.reading;
    expect(entry('climate-westpark')).toEqual(climate('climate-westpark'));
    expect(entry('climate-buscheyplatz')).toEqual({ sensorId: 'climate-buscheyplatz', kind: 'climate', ts: t, values: { airTempC: 28.3, relHumidityPct: 41.5, windKmh: 7.2, solarWm2: 690 } });
    expect(entry('parking-p1-husemannplatz')).toEqual({ sensorId: 'parking-p1-husemannplatz', kind: 'parking', ts: t, values: { freeSpaces: 203, capacity: 475, open: true } });
    expect(entry('climate-zeche-holland').values).toEqual({ airTempC: 29, relHumidityPct: 41, windKmh: 8.04672, solarWm2: 700 });
    expect(entry('climate-agnesstrasse')).toEqual(climate('climate-agnesstrasse'));
    expect(entry('parking-p2-dr-ruer-platz')).toEqual(parking('parking-p2-dr-ruer-platz'));
    // … and nothing of the bad ones.
    for (const id of ['climate-werner-hellweg', 'climate-ladenzeile-rosenberg', 'parking-p3-rathaus-bvz']) expect(entry(id)).toBeUndefined();

    // The server kept running: the simulated traffic went on arriving meanwhile.
    await waitFor(() => (server.ingest.stats.snapshot()['traffic-twin']?.accepted ?? 0) > twinBefore, 'more traffic readings');

    console.log(
      `mixed stream via ${broker.kind}: MQTT ${mqttMessages.length} messages (accepted ${expectedMqtt.accepted}, duplicate ${expectedMqtt.duplicates}, outdated ${expectedMqtt.outdated}, rejected ${asList(expectedMqtt).length}), ` +
        `HTTP ${httpItems.length} items + 3 refused requests (accepted ${expectedHttp.accepted}, duplicate ${expectedHttp.duplicates}, rejected ${asList(expectedHttp).length}); all processed within ${elapsed.toFixed(0)} ms`,
    );
  });
});
