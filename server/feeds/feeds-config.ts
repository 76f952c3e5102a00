import path from 'node:path';
import { z } from 'zod';
import { DATA_DIR } from '../paths.js';

/** Settings of the real feeds (MQTT, HTTP ingest, pull adapters); server/config.ts merges them in. */

const commaList = (item: z.ZodString) =>
  z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter((x) => x.length > 0))
    .pipe(z.array(item));

const positiveInt = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export const feedsEnvSchema = z.object({
  MQTT_URL: z
    .string()
    .regex(/^(mqtts?|wss?):\/\/[^\s]+$/, 'MQTT_URL must be mqtt://, mqtts://, ws:// or wss://host[:port]')
    .optional(),
  MQTT_USERNAME: z.string().min(1).optional(),
  MQTT_PASSWORD: z.string().min(1).optional(),
  MQTT_CLIENT_ID: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'MQTT_CLIENT_ID: 1–64 letters, digits, _ . : -').optional(),
  MQTT_TOPIC_PREFIX: z.string().regex(/^[^#+\s]*$/, 'MQTT_TOPIC_PREFIX may not contain wildcards or spaces').default(''),
  MQTT_MAX_PAYLOAD_BYTES: positiveInt(256, 16 * 1024 * 1024, 64 * 1024),
  MQTT_RECONNECT_MIN_MS: positiveInt(100, 60_000, 1000),
  MQTT_RECONNECT_MAX_MS: positiveInt(100, 600_000, 30_000),
  // A broker that stalls without closing the connection is noticed after 1.5 × this (mqtt.js pings at 1×).
  MQTT_KEEPALIVE_S: positiveInt(1, 600, 15),
  TTN_DEVICE_MAP: z.string().min(1).default(path.join(DATA_DIR, 'devices', 'ttn-devices.json')),
  // Short keys can be guessed; 16 characters is the floor, `openssl rand -hex 24` makes a good one.
  INGEST_API_KEYS: commaList(z.string().min(16, 'each INGEST_API_KEYS key needs at least 16 characters').max(256)).default([]),
  INGEST_MAX_BYTES: positiveInt(1024, 64 * 1024 * 1024, 1024 * 1024),
  PARKAPI_URL: z.url({ protocol: /^https?$/ }).optional(),
  PARKAPI_INTERVAL_S: positiveInt(1, 86_400, 60),
  PARKAPI_ID_MAP: z.string().min(1).default(path.join(DATA_DIR, 'devices', 'parkapi-lots.json')),
  OCPI_LOCATIONS_URL: z.url({ protocol: /^https?$/ }).optional(),
  OCPI_TOKEN: z.string().min(1).optional(),
  OCPI_INTERVAL_S: positiveInt(1, 86_400, 60),
  OCPI_ID_MAP: z.string().min(1).default(path.join(DATA_DIR, 'devices', 'ocpi-locations.json')),
  PULL_TIMEOUT_MS: positiveInt(100, 120_000, 10_000),
});

type FeedsEnv = z.infer<typeof feedsEnvSchema>;

export interface MqttConfig {
  url: string;
  username?: string;
  password?: string;
  /** set: a persistent session, so the broker keeps QoS 1 messages while Stadtpuls restarts */
  clientId?: string;
  topicPrefix: string;
  maxPayloadBytes: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** seconds between pings; a silent broker is taken as down after 1.5 × this */
  keepaliveS: number;
  deviceMapFile: string;
}

export interface PullConfig {
  url: string;
  intervalMs: number;
  timeoutMs: number;
  idMapFile: string;
  headers: Record<string, string>;
}

export interface FeedsConfig {
  mqtt: MqttConfig | null;
  /** no keys: POST /api/ingest answers 503 */
  ingestApiKeys: string[];
  ingestMaxBytes: number;
  parkapi: PullConfig | null;
  ocpi: PullConfig | null;
}

export function toFeedsConfig(e: FeedsEnv): FeedsConfig {
  if (e.MQTT_RECONNECT_MIN_MS > e.MQTT_RECONNECT_MAX_MS) {
    throw new Error('invalid configuration: MQTT_RECONNECT_MIN_MS is larger than MQTT_RECONNECT_MAX_MS');
  }
  return {
    mqtt: e.MQTT_URL
      ? {
          url: e.MQTT_URL,
          username: e.MQTT_USERNAME,
          password: e.MQTT_PASSWORD,
          clientId: e.MQTT_CLIENT_ID,
          topicPrefix: e.MQTT_TOPIC_PREFIX,
          maxPayloadBytes: e.MQTT_MAX_PAYLOAD_BYTES,
          reconnectMinMs: e.MQTT_RECONNECT_MIN_MS,
          reconnectMaxMs: e.MQTT_RECONNECT_MAX_MS,
          keepaliveS: e.MQTT_KEEPALIVE_S,
          deviceMapFile: e.TTN_DEVICE_MAP,
        }
      : null,
    ingestApiKeys: e.INGEST_API_KEYS,
    ingestMaxBytes: e.INGEST_MAX_BYTES,
    parkapi: e.PARKAPI_URL
      ? { url: e.PARKAPI_URL, intervalMs: e.PARKAPI_INTERVAL_S * 1000, timeoutMs: e.PULL_TIMEOUT_MS, idMapFile: e.PARKAPI_ID_MAP, headers: {} }
      : null,
    ocpi: e.OCPI_LOCATIONS_URL
      ? {
          url: e.OCPI_LOCATIONS_URL,
          intervalMs: e.OCPI_INTERVAL_S * 1000,
          timeoutMs: e.PULL_TIMEOUT_MS,
          idMapFile: e.OCPI_ID_MAP,
          // OCPI 2.2 sends the credentials token as "Token <token>" (2.2.1 wants it base64-encoded; pass it so).
          headers: e.OCPI_TOKEN ? { Authorization: `Token ${e.OCPI_TOKEN}` } : {},
        }
      : null,
  };
}

// One redaction for every URL the server shows (server/redact.ts); re-exported for the feeds.
export { redactUrl } from '../redact.js';
