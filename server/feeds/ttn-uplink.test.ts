import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readingSchema } from '../../common/readings.js';
import { DATA_DIR } from '../paths.js';
import { loadSensorIndex } from '../registry.js';
import { checkDeviceMap, loadDeviceMap, type DeviceEntry } from './ttn-device-map.js';
import { ttnUplinkSchema, uplinkToReading } from './ttn-uplink.js';

const sensors = loadSensorIndex();
const devices = loadDeviceMap(path.join(DATA_DIR, 'devices', 'ttn-devices.json'), sensors);
const receivedAt = '2026-06-16T10:12:03.123456789Z';

function uplink(deviceId: string, decoded: Record<string, unknown> | undefined) {
  return ttnUplinkSchema.parse({
    end_device_ids: { device_id: deviceId, application_ids: { application_id: 'stadtpuls-bochum' } },
    received_at: '2026-06-16T10:12:03.200Z',
    uplink_message: { decoded_payload: decoded, received_at: receivedAt, rx_metadata: [{ rssi: -97 }] },
  });
}

describe('TTN uplink → reading', () => {
  it('maps a smart bench, converting wind from m/s to km/h and stamping the network server time', () => {
    const r = uplinkToReading(uplink('bank-westpark', { temperature_c: 29.9, humidity_pct: 29.6, wind_speed_ms: 2.5, solar_wm2: 640, battery_v: 3.62 }), devices);
    expect(r).toEqual({
      ok: true,
      reading: {
        sensorId: 'climate-westpark',
        kind: 'climate',
        ts: Date.parse('2026-06-16T10:12:03.123Z'),
        values: { airTempC: 29.9, relHumidityPct: 29.6, windKmh: 9, solarWm2: 640 },
      },
    });
    expect(r.ok && readingSchema.safeParse(r.reading).success).toBe(true);
  });

  it('converts imperial units (°F, mph, inHg)', () => {
    const r = uplinkToReading(uplink('bank-zeche-holland', { tempf: 84.2, humidity: 41, windspeedmph: 10, solarradiation: 512.3, baromabsin: 29.6 }), devices);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.reading.values.airTempC).toBe(29);
    expect(r.reading.values.windKmh).toBeCloseTo(16.09344, 6);
    expect(r.reading.values.pressureHpa).toBeCloseTo(1002.371, 3);
  });

  it('maps a car-park counter, 0/1 to a boolean', () => {
    const r = uplinkToReading(uplink('zaehler-p1-husemannplatz', { free: 112, total: 475, open: 0 }), devices);
    expect(r.ok && r.reading).toMatchObject({ sensorId: 'parking-p1-husemannplatz', kind: 'parking', values: { freeSpaces: 112, capacity: 475, open: false } });
  });

  it('maps a TreeSense street-tree sensor: a full TTN v3 uplink as published on v3/{app}@ttn/devices/{dev}/up', () => {
    // Shaped as The Things Stack publishes it; decoded_payload named like the city's TreeSense exports.
    const message = {
      end_device_ids: {
        device_id: 'eui-a840416c818718d7',
        application_ids: { application_id: 'stadtpuls-bochum' },
        dev_eui: 'A840416C818718D7',
        join_eui: '0000000000000000',
        dev_addr: '260B1234',
      },
      correlation_ids: ['gs:uplink:01H8Z'],
      received_at: '2023-09-11T13:05:02.214Z',
      uplink_message: {
        session_key_id: 'AYoK',
        f_port: 1,
        f_cnt: 8121,
        frm_payload: 'AVEAzw==',
        decoded_payload: { resistance: 41.73, temperature: 24.6, resis_temp_comp: 47.9, moisture_content: 81 },
        rx_metadata: [{ gateway_ids: { gateway_id: 'bochum-rathaus-gw' }, rssi: -109, snr: -3.5 }],
        settings: { data_rate: { lora: { bandwidth: 125000, spreading_factor: 10 } }, frequency: '867100000' },
        received_at: '2023-09-11T13:05:02.198Z',
      },
    };
    const r = uplinkToReading(ttnUplinkSchema.parse(message), devices);
    expect(r).toEqual({
      ok: true,
      reading: { sensorId: 'tree-linde-1', kind: 'tree', ts: Date.parse('2023-09-11T13:05:02.198Z'), values: { soilMoisturePct: 81, sensorTempC: 24.6 } },
    });
    expect(r.ok && readingSchema.safeParse(r.reading).success).toBe(true);
    // every one of the five sensors has its device, by DevEUI
    for (const tree of sensors.ofKind('tree')) expect(devices.get(`eui-${tree.properties.devEui.toLowerCase()}`)?.sensorId).toBe(tree.id);
  });

  it('refuses a tree uplink without its moisture', () => {
    const r = uplinkToReading(uplink('eui-a8404144c1871697', { temperature: 18.2 }), devices);
    expect(r).toMatchObject({ ok: false, reason: 'invalid', detail: expect.stringMatching(/moisture_content is missing \(for soilMoisturePct\)/) });
  });

  it.each([
    ['an unknown device', 'bank-unbekannt', { temperature_c: 20 }, 'unknown_sensor', /no device bank-unbekannt/],
    ['a missing required field', 'bank-westpark', { temperature_c: 20, humidity_pct: 50, solar_wm2: 0 }, 'invalid', /wind_speed_ms is missing/],
    ['a number sent as text', 'bank-westpark', { temperature_c: '20', humidity_pct: 50, wind_speed_ms: 1, solar_wm2: 0 }, 'invalid', /temperature_c is not a number/],
    ['NaN sent as text', 'bank-westpark', { temperature_c: 'NaN', humidity_pct: 50, wind_speed_ms: 1, solar_wm2: 0 }, 'invalid', /temperature_c is not a number/],
    ['a boolean field with another value', 'zaehler-p1-husemannplatz', { free: 1, open: 'yes' }, 'invalid', /open is not 0\/1/],
    ['no decoded payload', 'bank-westpark', undefined, 'invalid', /no decoded_payload/],
  ])('refuses %s', (_what, deviceId, decoded, reason, detail) => {
    const r = uplinkToReading(uplink(deviceId, decoded as Record<string, unknown> | undefined), devices);
    expect(r).toMatchObject({ ok: false, reason });
    expect(!r.ok && r.detail).toMatch(detail);
  });
});

describe('TTN device map', () => {
  it('the shipped map names real registry sensors of the right kind', () => {
    expect(devices.size).toBeGreaterThanOrEqual(4);
    for (const d of devices.values()) expect(sensors.get(d.sensorId)?.properties.kind).toBe(d.kind);
  });

  it('finds entries that could never produce a valid reading', () => {
    const climate = { airTempC: { field: 't' }, relHumidityPct: { field: 'h' }, windKmh: { field: 'w' }, solarWm2: { field: 's' } };
    const broken: Record<string, DeviceEntry> = {
      'a-ghost': { sensorId: 'climate-nowhere', kind: 'climate', values: climate },
      'a-wrong-kind': { sensorId: 'parking-p1-husemannplatz', kind: 'climate', values: climate },
      'a-gap': { sensorId: 'climate-westpark', kind: 'climate', values: { airTempC: { field: 't' }, relHumidityPct: { field: 'h' }, windKmh: { field: 'w' }, rainMm: { field: 'r' } } },
      'a-flag': { sensorId: 'parking-p2-dr-ruer-platz', kind: 'parking', values: { freeSpaces: { field: 'f' }, open: { field: 'o' } } },
    };
    const problems = checkDeviceMap(broken, sensors);
    expect(problems).toEqual([
      'a-ghost: no sensor climate-nowhere in the registry',
      'a-wrong-kind: sensor parking-p1-husemannplatz is parking, not climate',
      'a-gap: climate readings have no value rainMm',
      'a-gap: solarWm2 is required in climate readings, map it from a field',
      'a-flag: open is a boolean (add "as": "boolean")',
    ]);
  });
});
