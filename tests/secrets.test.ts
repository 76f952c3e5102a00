import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createStadtpuls, type Stadtpuls } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { captureLogs } from './helpers/log-capture.js';
import { freshStoreFile, startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

/**
 * Issue 9: a credential in a feed URL (`PARKAPI_URL=http://user:secret@…?api_key=…`) showed in
 * /api/health and the log. Every configurable URL gets a password and an API key here, each feed is
 * made to fail, and every output is searched for them.
 */

const SECRETS = {
  mqttPassword: 'mqtt-pw-3f9a1c',
  mqttKey: 'mqtt-key-77d2e0',
  mqttEnvPassword: 'mqtt-env-pw-5b1e',
  parkPassword: 'park-pw-a18c44',
  parkKey: 'park-key-0c6d9b',
  ocpiPassword: 'ocpi-pw-e2b7f1',
  ocpiKey: 'ocpi-key-93aa10',
  ocpiToken: 'ocpi-token-4c0f8e',
  dbPassword: 'db-pw-61c3d5',
  dbKey: 'db-key-b8e2a7',
  ingestKey: 'ingest-key-2d7f1b9c4e6a',
};

/** A loopback port nothing listens on: every connection is refused at once. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

function leaked(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, secret]) => text.includes(secret))
    .map(([name]) => name);
}

let server: Stadtpuls | undefined;
afterEach(async () => {
  await server?.stop().catch(() => undefined);
  server = undefined;
});

describe('secrets in configured URLs', () => {
  it('appear in no log line, no /api/health field and no /metrics label, while every feed fails', async () => {
    const port = await closedPort();
    const { logger, lines } = captureLogs('debug');
    const started = await startTestServer(
      {
        MQTT_URL: `mqtt://sensors:${SECRETS.mqttPassword}@127.0.0.1:${port}/?api_key=${SECRETS.mqttKey}`,
        MQTT_USERNAME: 'sensors',
        MQTT_PASSWORD: SECRETS.mqttEnvPassword,
        MQTT_RECONNECT_MIN_MS: '100',
        MQTT_RECONNECT_MAX_MS: '200',
        PARKAPI_URL: `http://park:${SECRETS.parkPassword}@127.0.0.1:${port}/v3/parking-sites?api_key=${SECRETS.parkKey}`,
        PARKAPI_INTERVAL_S: '1',
        OCPI_LOCATIONS_URL: `http://ocpi:${SECRETS.ocpiPassword}@127.0.0.1:${port}/ocpi/2.2/locations?token=${SECRETS.ocpiKey}`,
        OCPI_TOKEN: SECRETS.ocpiToken,
        OCPI_INTERVAL_S: '1',
        INGEST_API_KEYS: SECRETS.ingestKey,
        STREAM_TICK_MS: '200',
      },
      { logger },
    );
    server = started.server;

    // Each feed fails at least twice (connect refused, poll failed), so its error paths have logged.
    await waitFor(
      () => {
        const s = server!.ingest.stats.snapshot();
        return ['mqtt', 'parkapi', 'ocpi'].every((f) => (s[f]?.feedErrors ?? 0) >= 2);
      },
      'every feed to fail twice',
      15_000,
    );
    // Requests that carry a key: a wrong one, the right one with a bad body, and one with cookies.
    await fetch(`${started.url}/api/ingest`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-API-Key': `${SECRETS.ingestKey}-wrong` }, body: '[]' });
    await fetch(`${started.url}/api/ingest`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-API-Key': SECRETS.ingestKey }, body: '{"broken' });
    await fetch(`${started.url}/api/nowhere?api_key=${SECRETS.ingestKey}`, { headers: { Authorization: `Bearer ${SECRETS.ingestKey}`, Cookie: `sid=${SECRETS.ingestKey}` } });

    const healthRes = await fetch(`${started.url}/api/health`);
    const health = await healthRes.text();
    const metrics = await (await fetch(`${started.url}/metrics`)).text();
    const log = lines.map((l) => JSON.stringify(l)).join('\n');

    // The outputs do show the feeds and their failures, only without the secrets.
    expect(JSON.parse(health).status).toBe('degraded');
    expect(health).toContain(`http://127.0.0.1:${port}/v3/parking-sites`);
    expect(log).toMatch(/poll failed/);
    expect(log).toMatch(/MQTT link down/);
    expect(metrics).toMatch(/stadtpuls_feed_up\{source="parkapi"\} 0/);
    expect({ health: leaked(health), metrics: leaked(metrics), log: leaked(log) }).toEqual({ health: [], metrics: [], log: [] });
  });

  it('a DATABASE_URL that cannot be reached fails the start without showing its password or key', async () => {
    const port = await closedPort();
    const { logger, lines } = captureLogs('debug');
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      STADTPULS_DB: freshStoreFile(),
      DATABASE_URL: `postgres://stadtpuls:${SECRETS.dbPassword}@127.0.0.1:${port}/stadtpuls?api_key=${SECRETS.dbKey}`,
    });
    server = createStadtpuls(config, { logger });
    const failure = await server.start().then(
      () => null,
      (err: Error) => err,
    );
    const log = lines.map((l) => JSON.stringify(l)).join('\n');
    expect(failure).toBeInstanceOf(Error);
    expect({ error: leaked(`${failure?.message}\n${failure?.stack}`), log: leaked(log) }).toEqual({ error: [], log: [] });
  });
});
