import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { redactUrl } from './feeds-config.js';

describe('feed settings from the environment', () => {
  it('has every real feed off by default and the simulator on for all kinds', () => {
    const c = loadConfig({});
    expect(c.feeds).toMatchObject({ mqtt: null, parkapi: null, ocpi: null, ingestApiKeys: [], ingestMaxBytes: 1024 * 1024 });
    expect(c.simulatorKinds).toEqual(['traffic', 'climate', 'parking', 'charging', 'tree']);
  });

  it('reads SIMULATOR_KINDS as a comma list of kinds', () => {
    expect(loadConfig({ SIMULATOR_KINDS: ' traffic, parking ' }).simulatorKinds).toEqual(['traffic', 'parking']);
    expect(() => loadConfig({ SIMULATOR_KINDS: 'traffic,weather' })).toThrow(/invalid configuration: SIMULATOR_KINDS/);
    expect(() => loadConfig({ SIMULATOR_KINDS: ' , ' })).toThrow(/SIMULATOR_KINDS needs at least one kind/);
  });

  it('starts the simulated day at the wall clock with SIM_START=now', () => {
    const before = Date.now();
    const { simStart } = loadConfig({ SIM_START: 'now' });
    expect(simStart).toBeGreaterThanOrEqual(before);
    expect(simStart).toBeLessThanOrEqual(Date.now());
    expect(() => loadConfig({ SIM_START: 'soon' })).toThrow(/SIM_START/);
  });

  it('configures MQTT only with an MQTT URL, and checks it', () => {
    const c = loadConfig({ MQTT_URL: 'mqtts://user:secret@broker.example:8883', MQTT_CLIENT_ID: 'stadtpuls-prod' });
    expect(c.feeds.mqtt).toMatchObject({ url: 'mqtts://user:secret@broker.example:8883', clientId: 'stadtpuls-prod', topicPrefix: '', maxPayloadBytes: 65536 });
    expect(() => loadConfig({ MQTT_URL: 'http://broker.example' })).toThrow(/MQTT_URL must be/);
    expect(() => loadConfig({ MQTT_URL: 'mqtt://b', MQTT_TOPIC_PREFIX: 'a/#/' })).toThrow(/MQTT_TOPIC_PREFIX/);
    expect(() => loadConfig({ MQTT_URL: 'mqtt://b', MQTT_RECONNECT_MIN_MS: '5000', MQTT_RECONNECT_MAX_MS: '1000' })).toThrow(/MQTT_RECONNECT_MIN_MS/);
  });

  it('configures the pull adapters by URL, OCPI with its token header', () => {
    const c = loadConfig({ PARKAPI_URL: 'https://parkapi.example/bochum', OCPI_LOCATIONS_URL: 'https://cpo.example/ocpi/cpo/2.2/locations', OCPI_TOKEN: 'abc', OCPI_INTERVAL_S: '30' });
    expect(c.feeds.parkapi).toMatchObject({ url: 'https://parkapi.example/bochum', intervalMs: 60_000, timeoutMs: 10_000, headers: {} });
    expect(c.feeds.ocpi).toMatchObject({ intervalMs: 30_000, headers: { Authorization: 'Token abc' } });
    expect(() => loadConfig({ PARKAPI_URL: 'ftp://parkapi.example' })).toThrow(/PARKAPI_URL/);
  });

  it('shows URLs without credentials or query', () => {
    expect(redactUrl('mqtts://user:secret@broker.example:8883')).toBe('mqtts://broker.example:8883');
    expect(redactUrl('https://cpo.example/ocpi/locations?api_key=secret')).toBe('https://cpo.example/ocpi/locations');
  });
});
