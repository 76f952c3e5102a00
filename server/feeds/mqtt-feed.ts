import { randomUUID } from 'node:crypto';
import { connect, type MqttClient } from 'mqtt';
import type { Ingest } from '../ingest/ingest.js';
import type { Logger } from '../logger.js';
import { redactText } from '../redact.js';
import { redactUrl, type MqttConfig } from './feeds-config.js';
import { handleMqttMessage } from './mqtt-message.js';
import { subscriptions } from './mqtt-topics.js';
import type { DeviceMap } from './ttn-device-map.js';

export const MQTT_SOURCE = 'mqtt';

/**
 * The MQTT feed: one client for TTN uplinks and generic `stadtpuls/{kind}/{sensorId}` readings.
 * A broker that is down (at start-up or later) is never fatal: the feed reports the link as down
 * in /api/health and keeps retrying with exponential backoff.
 */
export class MqttFeed {
  private client: MqttClient | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;
  private lastError = '';
  private readonly target: string;

  constructor(
    private readonly config: MqttConfig,
    private readonly devices: DeviceMap,
    private readonly ingest: Ingest,
    private readonly log: Logger,
  ) {
    this.target = redactUrl(config.url);
    ingest.stats.register(MQTT_SOURCE);
    this.setLink('connecting');
  }

  start(): void {
    this.stopped = false;
    const c = this.config;
    const client = connect(c.url, {
      username: c.username,
      password: c.password,
      clientId: c.clientId ?? `stadtpuls-${randomUUID().slice(0, 8)}`,
      // With a fixed client id the broker keeps the session, so QoS 1 messages survive a restart of Stadtpuls.
      clean: c.clientId === undefined,
      // mqtt.js retries at a fixed period; this feed reconnects itself with backoff instead.
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      // mqtt.js's default (60 s) lets a silently stalled broker look "up" for 90 s.
      keepalive: c.keepaliveS,
    });
    this.client = client;

    client.on('connect', () => {
      this.failures = 0;
      this.lastError = '';
      this.setLink('up');
      this.log.info({ source: MQTT_SOURCE, target: this.target }, 'MQTT connected');
      // Subscribe on every connect: a clean session forgets subscriptions when the link drops.
      client.subscribe(subscriptions(c.topicPrefix), { qos: 1 }, (err, granted) => {
        const refused = (granted ?? []).filter((g) => g.qos === 128).map((g) => g.topic);
        if (err || refused.length > 0) {
          this.log.error({ source: MQTT_SOURCE, err: err?.message, refused }, 'MQTT subscription refused');
        }
      });
    });
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    // Without a listener, mqtt.js would throw connection errors; the reason surfaces at 'close'.
    client.on('error', (err) => {
      this.lastError = redactText(err.message);
    });
    client.on('close', () => this.onClose());
    // 'offline' follows a keepalive timeout or a lost link; either way the link is down until reconnected.
    client.on('offline', () => this.onClose());
  }

  private onMessage(topic: string, payload: Buffer): void {
    try {
      handleMqttMessage(topic, payload, {
        ingest: this.ingest,
        devices: this.devices,
        topicPrefix: this.config.topicPrefix,
        maxPayloadBytes: this.config.maxPayloadBytes,
        source: MQTT_SOURCE,
      });
    } catch (err) {
      // A bug in a handler must not take the client down with it; the message is lost, the feed goes on.
      this.log.error({ source: MQTT_SOURCE, topic, err: (err as Error).message }, 'MQTT message handler failed');
    }
  }

  private onClose(): void {
    if (this.stopped || this.retryTimer) return;
    this.failures += 1;
    this.ingest.stats.feedError(MQTT_SOURCE);
    const delay = this.backoffMs(this.failures);
    const detail = this.lastError || 'connection closed';
    this.setLink('down', detail);
    this.log.warn({ source: MQTT_SOURCE, target: this.target, detail, attempt: this.failures, retryInMs: delay }, 'MQTT link down, retrying');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.stopped || !this.client) return;
      this.setLink('connecting', detail);
      this.client.reconnect();
    }, delay);
  }

  /** Exponential backoff with jitter, so many clients of one broker do not all return in the same second. */
  private backoffMs(failures: number): number {
    const ceiling = Math.min(this.config.reconnectMaxMs, this.config.reconnectMinMs * 2 ** Math.min(failures - 1, 20));
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }

  private setLink(state: 'connecting' | 'up' | 'down', detail?: string): void {
    this.ingest.stats.link(MQTT_SOURCE, { state, target: this.target, ...(detail ? { detail } : {}) });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync(true);
  }
}
