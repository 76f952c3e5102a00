import { randomUUID } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAsync, type MqttClient } from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Delta, ServerToClientEvents } from '../common/protocol.js';
import type { Stadtpuls } from '../server/app.js';
import { startAedes, startTestBroker, type TestBroker } from './helpers/mqtt-broker.js';
import { startTestServer } from './helpers/test-server.js';
import { ttnTopic, ttnUplink } from './helpers/ttn.js';
import { waitFor } from './helpers/wait.js';

/** A port that was free a moment ago: nothing listens there until the test starts something. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function health(url: string) {
  return (await fetch(`${url}/api/health`)).json();
}

async function stateEntry(url: string, sensorId: string, ts: number) {
  const body = await (await fetch(`${url}/api/state`)).json();
  return body.entries.find((e: { reading: { sensorId: string; ts: number } }) => e.reading.sensorId === sensorId && e.reading.ts === ts);
}

describe('MQTT feed against a real broker', () => {
  let broker: TestBroker;
  let server: Stadtpuls;
  let url: string;
  let publisher: MqttClient;
  // Each run gets its own topic space, so parallel runs on one Mosquitto never see each other's messages.
  const prefix = `stadtpuls-test-${randomUUID().slice(0, 8)}/`;

  beforeAll(async () => {
    broker = await startTestBroker();
    ({ server, url } = await startTestServer({ SIMULATOR: 'off', STREAM_TICK_MS: '100', MQTT_URL: broker.url, MQTT_TOPIC_PREFIX: prefix }));
    await waitFor(async () => (await health(url)).sources.mqtt.link.state === 'up', 'the MQTT link');
    publisher = await connectAsync(broker.url, { reconnectPeriod: 0 });
  });

  afterAll(async () => {
    await publisher?.endAsync(true);
    await server?.stop();
    await broker?.stop();
  });

  it('a TTN uplink published to the broker shows up in GET /api/state and in a socket.io delta', async () => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise((resolve) => socket.once('snapshot', resolve));
    const ts = Date.now();
    let publishedAt = 0;
    const inDelta = new Promise<{ delta: Delta; at: number }>((resolve) => {
      socket.on('delta', (delta) => {
        if (delta.entries.some((e) => e.reading.sensorId === 'climate-westpark' && e.reading.ts === ts)) resolve({ delta, at: performance.now() });
      });
    });

    const decoded = { temperature_c: 29.9, humidity_pct: 29.6, wind_speed_ms: 1.5, solar_wm2: 612, pressure_hpa: 1003.2, battery_v: 3.62 };
    publishedAt = performance.now();
    await publisher.publishAsync(ttnTopic(prefix, 'bank-westpark'), JSON.stringify(ttnUplink('bank-westpark', ts, decoded)), { qos: 1 });
    const entry = await waitFor(() => stateEntry(url, 'climate-westpark', ts), 'the uplink in /api/state');
    const stateMs = performance.now() - publishedAt;
    const { delta, at } = await inDelta;
    socket.close();

    const expected = { airTempC: 29.9, relHumidityPct: 29.6, windKmh: 5.4, solarWm2: 612, pressureHpa: 1003.2 };
    expect(entry.reading).toEqual({ sensorId: 'climate-westpark', kind: 'climate', ts, values: expected });
    expect(entry.derived.kind).toBe('climate');
    const fromDelta = delta.entries.find((e) => e.reading.sensorId === 'climate-westpark')!;
    expect(fromDelta.reading.values).toEqual(expected);
    console.log(
      `MQTT round trip via ${broker.kind}: publish → /api/state ${stateMs.toFixed(1)} ms, publish → socket.io delta ${(at - publishedAt).toFixed(1)} ms (stream tick 100 ms)`,
    );
  });

  it('a generic reading on stadtpuls/{kind}/{sensorId} at QoS 1 is applied', async () => {
    const reading = { sensorId: 'parking-p9-schauspielhaus', kind: 'parking', ts: Date.now(), values: { freeSpaces: 88, open: true } };
    await publisher.publishAsync(`${prefix}stadtpuls/parking/parking-p9-schauspielhaus`, JSON.stringify(reading), { qos: 1 });
    const entry = await waitFor(() => stateEntry(url, reading.sensorId, reading.ts), 'the generic reading in /api/state');
    expect(entry.reading).toEqual(reading);
    expect(entry.derived).toMatchObject({ kind: 'parking', capacity: 265 });
  });
});

describe('the test broker choice', () => {
  it('in CI, a missing Mosquitto fails the run instead of falling back to aedes', async () => {
    await expect(startTestBroker({ mosquittoUrl: `mqtt://127.0.0.1:${await freePort()}`, ci: true })).rejects.toThrow(/CI runs the MQTT tests against Mosquitto/);
  });
});

describe('MQTT broker down at start-up', () => {
  let server: Stadtpuls;
  let url: string;
  let broker: TestBroker | undefined;

  afterAll(async () => {
    await server?.stop();
    await broker?.stop();
  });

  it('is not fatal: the server runs, reports the link down, retries and connects once the broker is up', async () => {
    const port = await freePort();

    ({ server, url } = await startTestServer({
      SIMULATOR: 'off',
      MQTT_URL: `mqtt://127.0.0.1:${port}`,
      MQTT_RECONNECT_MIN_MS: '100',
      MQTT_RECONNECT_MAX_MS: '400',
    }));
    const down = await waitFor(async () => {
      const h = await health(url);
      return h.sources.mqtt.feedErrors >= 2 && h;
    }, 'two failed connection attempts');
    // Issue 9: health said "ok" while the link was down.
    expect(down.status).toBe('degraded');
    expect(down.reasons).toEqual([expect.stringMatching(/^feed mqtt: link (down|connecting) \(.*ECONNREFUSED/)]);
    expect(down.sources.mqtt.link).toMatchObject({ state: expect.stringMatching(/^(down|connecting)$/), target: `mqtt://127.0.0.1:${port}` });
    expect(down.sources.mqtt.link.detail).toMatch(/ECONNREFUSED/);

    broker = await startAedes(port);
    await waitFor(async () => (await health(url)).sources.mqtt.link.state === 'up', 'the MQTT link once the broker is up');
    expect((await health(url)).status).toBe('ok');

    const publisher = await connectAsync(broker.url, { reconnectPeriod: 0 });
    const ts = Date.now();
    const decoded = { free: 120, total: 700, open: 1 };
    await publisher.publishAsync(ttnTopic('', 'zaehler-p5-brueckstrasse'), JSON.stringify(ttnUplink('zaehler-p5-brueckstrasse', ts, decoded)), { qos: 1 });
    const entry = await waitFor(() => stateEntry(url, 'parking-p5-brueckstrasse', ts), 'the uplink after the late connect');
    expect(entry.reading.values).toEqual({ freeSpaces: 120, capacity: 700, open: true });
    await publisher.endAsync(true);

    // The broker goes away and comes back: the feed notices and reconnects by itself.
    await broker.stop();
    await waitFor(async () => (await health(url)).sources.mqtt.link.state !== 'up', 'the link to drop');
    broker = await startAedes(port);
    await waitFor(async () => (await health(url)).sources.mqtt.link.state === 'up', 'the link to come back');
  });
});
