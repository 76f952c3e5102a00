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
