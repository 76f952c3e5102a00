import type { Ingest } from '../ingest/ingest.js';
import type { Logger } from '../logger.js';
import type { SensorIndex } from '../registry.js';
import type { FeedsConfig } from './feeds-config.js';
import { MQTT_SOURCE, MqttFeed } from './mqtt-feed.js';
import { OcpiLocationsAdapter, loadOcpiLocationMap } from './ocpi.js';
import { ParkApiAdapter, loadParkApiLotMap } from './parkapi.js';
import { PullFeed } from './pull-feed.js';
import { loadDeviceMap } from './ttn-device-map.js';

export interface RealFeeds {
  /** names of the configured feeds, as they appear under `sources` in /api/health */
  readonly names: string[];
  start(): void;
  stop(): Promise<void>;
}

/**
 * The configured real feeds (MQTT, ParkAPI, OCPI). Their id maps are loaded and checked against the
 * registry here, at start-up, so a broken map stops the server before it accepts anything.
 */
export function createRealFeeds(config: FeedsConfig, deps: { ingest: Ingest; sensors: SensorIndex; log: Logger }): RealFeeds {
  const { ingest, sensors, log } = deps;
  const feeds: Array<{ name: string; feed: { start(): void; stop(): Promise<void> } }> = [];
  if (config.mqtt) {
    feeds.push({ name: MQTT_SOURCE, feed: new MqttFeed(config.mqtt, loadDeviceMap(config.mqtt.deviceMapFile, sensors), ingest, log) });
  }
  if (config.parkapi) {
    const adapter = new ParkApiAdapter(loadParkApiLotMap(config.parkapi.idMapFile, sensors));
    feeds.push({ name: 'parkapi', feed: new PullFeed('parkapi', adapter, config.parkapi, ingest, log) });
  }
  if (config.ocpi) {
    const adapter = new OcpiLocationsAdapter(loadOcpiLocationMap(config.ocpi.idMapFile, sensors));
    feeds.push({ name: 'ocpi', feed: new PullFeed('ocpi', adapter, config.ocpi, ingest, log) });
  }
  return {
    names: feeds.map((f) => f.name),
    start: () => feeds.forEach((f) => f.feed.start()),
    stop: async () => {
      await Promise.all(feeds.map((f) => f.feed.stop()));
    },
  };
}
