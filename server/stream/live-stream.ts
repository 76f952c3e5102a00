import { randomUUID } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import {
  EVENTS,
  type ClientToServerEvents,
  type Delta,
  type LiveEntry,
  type ScenarioInfo,
  type ServerToClientEvents,
  type Snapshot,
} from '../../common/protocol.js';
import type { Stage, TickContext } from '../pipeline/stage.js';
import type { Channel } from './channel.js';
import type { ConnectionGuard } from './connection-guard.js';
import { SnapshotMemo } from './snapshot-memo.js';

export type StadtpulsIo = Server<ClientToServerEvents, ServerToClientEvents>;

export interface LiveStreamSources {
  cityNow: () => number;
  scenario: ScenarioInfo | null;
  tickMs: number;
  /** every sensor's latest entry, for snapshots */
  entries: () => LiveEntry[];
  channels: readonly Channel[];
  /** per-connection limits (send buffer, event rate); none in unit tests that need none */
  guard?: ConnectionGuard;
}

/**
 * The last pipeline stage: it only sends. A snapshot per connecting client (and on request), then
 * one delta per tick to everyone, empty or not, so clients can detect a stale link
 * (docs/protocol.md). What goes into a message comes from the channels; nothing is computed here.
 */
export class LiveStream implements Stage {
  readonly name = 'stream';
  readonly instance = randomUUID();
  private seq = 0;
  private readonly snapshots = new SnapshotMemo<Snapshot>();

  constructor(
    private readonly io: StadtpulsIo,
    private readonly src: LiveStreamSources,
  ) {
    io.on('connection', (socket) => this.onConnection(socket));
  }

  get tickMs(): number {
    return this.src.tickMs;
  }

  get scenario(): ScenarioInfo | null {
    return this.src.scenario;
  }

  /** sequence number of the last message sent */
  get lastSeq(): number {
    return this.seq;
  }

  tick(ctx: TickContext): Delta {
    this.seq += 1;
    const delta: Delta = { ...this.clock(ctx.cityTime), entries: ctx.entries };
    for (const channel of this.src.channels) {
      const changed = channel.changed();
      if (changed !== undefined) Object.assign(delta, { [channel.key]: changed });
    }
    // This node's sockets only: with the Redis adapter (server/cluster/) io.emit would reach every node's clients, and each node sends from its own state.
    this.io.local.emit(EVENTS.delta, delta);
    return delta;
  }

  snapshot(): Snapshot {
    const snapshot: Snapshot = {
      ...this.clock(this.src.cityNow()),
      scenario: this.src.scenario,
      tickMs: this.src.tickMs,
      entries: this.src.entries(),
      districts: [],
      alerts: [],
      nights: [],
      closures: [],
    };
    for (const channel of this.src.channels) Object.assign(snapshot, { [channel.key]: channel.snapshot() });
    return snapshot;
  }

  private clock(cityTime: number) {
    return { seq: this.seq, instance: this.instance, serverTime: Date.now(), cityTime };
  }

  private onConnection(socket: Socket<ClientToServerEvents, ServerToClientEvents>): void {
    this.src.guard?.attach(socket);
    const snapshot = () => this.snapshots.get(this.seq, () => this.snapshot());
    socket.emit(EVENTS.snapshot, snapshot());
    socket.on(EVENTS.snapshotRequest, () => socket.emit(EVENTS.snapshot, snapshot()));
  }
}
