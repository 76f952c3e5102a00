import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Gauge, type Registry } from 'prom-client';
import { createClient } from 'redis';
import type { LiveEntry } from '../../common/protocol.js';
import type { CheckResult } from '../health.js';
import type { Logger } from '../logger.js';
import type { SensorIndex } from '../registry.js';
import type { LiveState } from '../state/live-state.js';
import { steadyNow } from '../steady-clock.js';
import type { StadtpulsIo } from '../stream/live-stream.js';
import { AlertActionsSync } from './alert-actions.js';
import { applyClusterEvent, type EventTargets } from './apply-event.js';
import type { ClusterConfig } from './cluster-config.js';
import type { ClusterEvent } from './cluster-events.js';
import { EventBus } from './event-bus.js';
import { LeaderLease } from './leader-lease.js';
import type { RedisCommands } from './redis-commands.js';
import { redisLeaseStore } from './redis-lease-store.js';
import { RedisReadingBus, stateSnapshot } from './reading-bus.js';
import { agreeOnClock, refreshClock } from './shared-clock.js';
import { StreamConsumer } from './stream-consumer.js';

export interface ClusterDeps extends EventTargets {
  io: StadtpulsIo;
  state: LiveState;
  sensors: SensorIndex;
  log: Logger;
  cityNow: () => number;
}

/** What /api/health shows of the cluster. */
export interface ClusterStatus {
  node: string;
  leader: boolean;
  redis: 'up' | 'down';
  readings: RedisReadingBus['stats'];
  events: EventBus['stats'];
  lease: LeaderLease['counts'];
}

/** How long a starting node waits for Redis before it gives up. */
const START_TIMEOUT_MS = 15_000;

/** Redis unreachable for longer than this makes /api/health `degraded`. */
const REDIS_DOWN_GRACE_MS = 2000;

/**
 * This node's part in a cluster of Stadtpuls nodes on one Redis (docs/deploy.md):
 * - accepted readings through the readings stream (./reading-bus.ts) to every node's live state;
 * - operators' closures, acknowledgements and shelves through the events stream (./event-bus.ts), and
 *   the open alerts' acknowledgements and shelves for nodes that join later (./alert-actions.ts);
 * - Socket.IO's io-wide broadcasts through @socket.io/redis-streams-adapter (the live stream itself
 *   sends each node's own deltas to its own sockets);
 * - one leader (./leader-lease.ts) runs the simulated feeds and writes the derived history;
 * - one city clock for a simulated run (./shared-clock.ts).
 */
export class Cluster {
  readonly nodeId: string;
  readonly readings: RedisReadingBus;
  readonly events: EventBus;
  readonly lease: LeaderLease;
  private readonly client;
  private readonly readingsReader;
  private readonly eventsReader;
  private readonly consumers: StreamConsumer[];
  private readonly keys;
  private downSince: number | null = null;
  private clockTimer: NodeJS.Timeout | undefined;
  private actionsTimer: NodeJS.Timeout | undefined;
  private readonly alertActions: AlertActionsSync;
  /** the cluster's city clock as agreed at start (./shared-clock.ts) */
  private epoch = '';

  constructor(
    private readonly config: ClusterConfig,
    private readonly d: ClusterDeps,
  ) {
    this.nodeId = config.nodeId;
    const p = config.keyPrefix;
    this.keys = { leader: `${p}:leader`, readings: `${p}:readings`, state: `${p}:state`, events: `${p}:events`, alertActions: `${p}:alert-actions`, clock: `${p}:clock`, sio: `${p}:sio` };
    // Reconnects on its own, with back-off up to 2 s, for as long as the node runs.
    const options = { url: config.redisUrl, socket: { reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000), connectTimeout: 5000 } };
    this.client = createClient(options);
    // The readers block in XREAD: each on its own connection, so they hold up nothing else.
    this.readingsReader = createClient(options);
    this.eventsReader = createClient(options);
    this.client.on('error', (err: Error) => this.down(err));
    this.client.on('ready', () => this.up());
    for (const c of [this.readingsReader, this.eventsReader]) c.on('error', () => {});
    const commands = this.client as unknown as RedisCommands;
    this.readings = new RedisReadingBus(commands, { stream: this.keys.readings, stateKey: this.keys.state, nodeId: this.nodeId, maxLen: config.streamMaxLen, apply: (e) => this.applyReading(e) });
    this.events = new EventBus(commands, {
      stream: this.keys.events,
      nodeId: this.nodeId,
      maxLen: 10_000,
      apply: (e) => applyClusterEvent(e, d),
      onError: (err, what) => d.log.error({ err, node: this.nodeId }, `cluster: ${what} failed`),
    });
    this.alertActions = new AlertActionsSync(commands, { key: this.keys.alertActions, alerts: d.alerts, alertsChanged: d.alertsChanged, isLeader: () => this.lease.isLeader, cityNow: d.cityNow });
    this.lease = new LeaderLease(redisLeaseStore(commands), { key: this.keys.leader, owner: this.nodeId, ttlMs: config.leaderTtlMs, renewMs: config.leaderRenewMs });
    this.lease.onChange((leader) => d.log.info({ node: this.nodeId, leader }, leader ? 'cluster: this node leads (simulated feeds run here)' : 'cluster: this node no longer leads'));
    // Readings from where the state snapshot was taken (start()); events from the stream's start, so a node
    // that joins takes up the closures, acknowledgements and shelves still in it.
    this.consumers = [
      new StreamConsumer(this.readingsReader as unknown as RedisCommands, this.keys.readings, '0', (m) => this.readings.receive(m), { count: 200 }),
      new StreamConsumer(this.eventsReader as unknown as RedisCommands, this.keys.events, '0', (m) => this.events.receive(m)),
    ];
  }

  /**
   * Connects (Redis must answer now; later outages are survived), agrees on the city clock, plugs the
   * adapter into Socket.IO and starts reading and publishing (the election starts with elect()). Returns the shift
   * this node's simulated clock needs to show the cluster's city time (0 for a real-time clock).
   */
  async start(clock: { scenario: string; speed: number; cityNow: () => number }): Promise<number> {
    const clients = [this.client, this.readingsReader, this.eventsReader];
    let timer: NodeJS.Timeout | undefined;
    try {
      // The clients would retry for ever; a node that cannot reach Redis at start-up says so and stops.
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
      });
      await Promise.race([Promise.all(clients.map((c) => c.connect())), timeout]);
    } catch (err) {
      for (const c of clients) {
        try {
          c.destroy();
        } catch {
          // not open: nothing to close
        }
      }
      throw new Error(`cluster: Redis at ${redact(this.config.redisUrl)} does not answer (${(err as Error).message}); start it, or unset REDIS_URL for a single node`);
    } finally {
      clearTimeout(timer);
    }
    const commands = this.client as unknown as RedisCommands;
    const { shiftMs, epoch } = await agreeOnClock(commands, this.keys.clock, [this.keys.readings, this.keys.state, this.keys.events, this.keys.alertActions], clock);
    this.epoch = epoch;
    await this.syncState();
    this.clockTimer = setInterval(() => this.keepClock(), 10_000);
    this.actionsTimer = setInterval(() => {
      if (this.client.isReady) this.alertActions.beat().catch((err: unknown) => this.d.log.warn({ err, node: this.nodeId }, 'cluster: alert actions beat failed'));
    }, 1000);
    this.d.io.adapter(createAdapter(this.client, { streamName: this.keys.sio, channelPrefix: this.keys.sio, maxLen: 10_000 }));
    for (const c of this.consumers) c.start();
    this.readings.start();
    this.d.log.info({ node: this.nodeId, prefix: this.config.keyPrefix, clockShiftMs: shiftMs }, 'cluster: joined');
    return shiftMs;
  }

  /** Takes part in the leader election from now on (once this node can run the simulated feeds). */
  elect(): void {
    this.lease.start();
  }

  /** For the routes: an operator's change, on its way to the other nodes. */
  readonly share = (event: ClusterEvent): void => this.events.publish(event);

  status(): ClusterStatus {
    return { node: this.nodeId, leader: this.lease.isLeader, redis: this.client.isReady ? 'up' : 'down', readings: { ...this.readings.stats }, events: { ...this.events.stats }, lease: { ...this.lease.counts } };
  }

  health(): CheckResult {
    if (this.downSince !== null && steadyNow() - this.downSince > REDIS_DOWN_GRACE_MS) {
      const s = Math.round((steadyNow() - this.downSince) / 1000);
      return { ok: false, reason: `Redis unreachable for ${s} s: serving this node's own state, ${this.readings.stats.buffered} readings waiting, no leader here` };
    }
    if (this.readings.stats.dropped > 0) return { ok: false, reason: `${this.readings.stats.dropped} readings not passed to the other nodes (Redis was away too long)` };
    return { ok: true };
  }

  registerMetrics(registry: Registry): void {
    const registers = [registry];
    const gauge = (name: string, help: string, value: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(value());
        },
      });
    gauge('stadtpuls_cluster_leader', 'Whether this node holds the leader lease (1) and runs the simulated feeds.', () => (this.lease.isLeader ? 1 : 0));
    gauge('stadtpuls_cluster_redis_up', 'Whether this node is connected to the cluster Redis (1) or not (0).', () => (this.client.isReady ? 1 : 0));
    gauge('stadtpuls_cluster_readings_published_total', 'Accepted readings this node added to the readings stream.', () => this.readings.stats.published);
    gauge('stadtpuls_cluster_readings_applied_total', "Other nodes' readings applied to this node's live state.", () => this.readings.stats.applied);
    gauge('stadtpuls_cluster_readings_dropped_total', 'Readings not passed to the other nodes (Redis away past the buffer).', () => this.readings.stats.dropped);
    gauge('stadtpuls_cluster_readings_buffered', 'Readings waiting to be added to the stream.', () => this.readings.stats.buffered);
    gauge('stadtpuls_cluster_events_applied_total', "Other nodes' closures, acknowledgements and shelves applied here.", () => this.events.stats.applied);
    gauge('stadtpuls_cluster_leader_changes_total', 'Times this node took or lost the leader lease.', () => this.lease.counts.acquired + this.lease.counts.lost);
  }

  async stop(): Promise<void> {
    clearInterval(this.clockTimer);
    clearInterval(this.actionsTimer);
    await this.lease.stop();
    await this.readings.stop().catch(() => {});
    // Closing the readers ends their blocked XREAD at once.
    for (const c of [this.readingsReader, this.eventsReader]) c.destroy();
    await Promise.all(this.consumers.map((c) => c.stop()));
    if (this.client.isOpen) await this.client.close().catch(() => {});
  }

  /** Another node's reading into the live state: known sensor of that kind, not older than what is here. */
  private applyReading(entry: LiveEntry): 'applied' | 'outdated' | 'unknown' {
    const sensor = this.d.sensors.get(entry.reading.sensorId);
    if (!sensor || sensor.properties.kind !== entry.reading.kind) return 'unknown';
    const currentTs = this.d.state.tsOf(entry.reading.sensorId);
    if (currentTs !== undefined && currentTs > entry.reading.ts) return 'outdated';
    this.d.state.set(entry);
    return 'applied';
  }

  private keepClock(): void {
    if (this.epoch) refreshClock(this.client as unknown as RedisCommands, this.keys.clock, this.epoch).catch(() => {});
  }

  /** Takes the cluster's latest entry of every sensor and reads the readings stream on from that point. */
  private async syncState(): Promise<void> {
    const snap = await stateSnapshot(this.client as unknown as RedisCommands, this.keys.readings, this.keys.state);
    let applied = 0;
    for (const e of snap.entries) if (this.applyReading(e) === 'applied') applied += 1;
    this.readings.stats.malformed += snap.malformed;
    this.consumers[0]!.resumeFrom(snap.fromId);
    this.d.log.info({ node: this.nodeId, sensors: snap.entries.length, applied, fromId: snap.fromId }, 'cluster: live state taken from Redis');
  }

  private down(err: Error): void {
    if (this.downSince === null) {
      this.downSince = steadyNow();
      this.d.log.warn({ node: this.nodeId, err: err.message }, 'cluster: Redis unreachable; serving this node\'s state and reconnecting');
    }
  }

  private up(): void {
    if (this.downSince === null) return;
    this.d.log.info({ node: this.nodeId, downForMs: steadyNow() - this.downSince }, 'cluster: Redis reachable again');
    this.downSince = null;
    this.keepClock();
    // The stream may have been trimmed past where this node stopped reading (or Redis restarted empty): take the state anew.
    this.syncState().catch((err: unknown) => this.d.log.error({ err, node: this.nodeId }, 'cluster: taking the state after reconnecting failed'));
  }
}

/** The Redis URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
