import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { Ingest } from '../ingest/ingest.js';
import { DATA_DIR } from '../paths.js';
import { loadSensorIndex } from '../registry.js';
import { LiveState } from '../state/live-state.js';
import { handleMqttMessage } from './mqtt-message.js';
import { routeTopic, subscriptions } from './mqtt-topics.js';
import { loadDeviceMap } from './ttn-device-map.js';

const sensors = loadSensorIndex();
const devices = loadDeviceMap(path.join(DATA_DIR, 'devices', 'ttn-devices.json'), sensors);

function setup(prefix = '') {
  const ingest = new Ingest(sensors, new LiveState(), Date.now, pino({ level: 'silent' }));
  const send = (topic: string, payload: unknown) =>
    handleMqttMessage(topic, Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)), { ingest, devices, topicPrefix: prefix, maxPayloadBytes: 1024, source: 'mqtt' });
  return { ingest, send };
}

const reading = { sensorId: 'parking-p9-schauspielhaus', kind: 'parking', ts: Date.now() - 1000, values: { freeSpaces: 88, open: true } };

describe('MQTT topics', () => {
  it.each([
    ['v3/stadtpuls-bochum@ttn/devices/bank-westpark/up', '', { type: 'ttn', application: 'stadtpuls-bochum@ttn', deviceId: 'bank-westpark' }],
    ['ttn/v3/app@ttn/devices/d1/up', 'ttn/', { type: 'ttn', application: 'app@ttn', deviceId: 'd1' }],
    ['stadtpuls/parking/parking-p1-husemannplatz', '', { type: 'generic', kind: 'parking', sensorId: 'parking-p1-husemannplatz' }],
    ['v3/app@ttn/devices/d1/join', '', null],
    ['stadtpuls/parking', '', null],
    ['stadtpuls/parking/p1', 'ttn/', null],
  ])('%s (prefix %j)', (topic, prefix, route) => {
    expect(routeTopic(topic, prefix)).toEqual(route);
  });

  it('subscribes to both families under the prefix', () => {
    expect(subscriptions('ttn/')).toEqual(['ttn/v3/+/devices/+/up', 'ttn/stadtpuls/+/+']);
  });
});

describe('one MQTT message', () => {
  it('applies a generic reading whose topic matches', () => {
    expect(setup().send('stadtpuls/parking/parking-p9-schauspielhaus', reading)).toEqual({ status: 'accepted' });
  });

  it.each([
    ['another sensor than the topic', 'stadtpuls/parking/parking-p1-husemannplatz', reading, 'topic_mismatch'],
    ['another kind than the topic', 'stadtpuls/climate/parking-p9-schauspielhaus', reading, 'topic_mismatch'],
    ['an array', 'stadtpuls/parking/parking-p9-schauspielhaus', [reading], 'invalid'],
    ['a number', 'stadtpuls/parking/parking-p9-schauspielhaus', '42', 'invalid'],
    ['text that is not JSON', 'stadtpuls/parking/parking-p9-schauspielhaus', 'free: 88', 'malformed'],
    ['a payload over the limit', 'stadtpuls/parking/parking-p9-schauspielhaus', { ...reading, note: 'x'.repeat(2000) }, 'too_large'],
    ['a TTN topic with another device than the payload', 'v3/a@ttn/devices/bank-westpark/up', { end_device_ids: { device_id: 'bank-buscheyplatz' }, uplink_message: {} }, 'topic_mismatch'],
    ['a TTN topic with something that is not an uplink', 'v3/a@ttn/devices/bank-westpark/up', { hello: 'world' }, 'invalid'],
    ['a topic outside both families', 'v3/a@ttn/devices/bank-westpark/down', reading, 'topic_mismatch'],
  ])('refuses %s', (_what, topic, payload, reason) => {
    const { ingest, send } = setup();
    expect(send(topic, payload)).toMatchObject({ status: 'rejected', reason });
    expect(ingest.stats.snapshot().mqtt.rejected[reason as 'invalid']).toBe(1);
  });
});
