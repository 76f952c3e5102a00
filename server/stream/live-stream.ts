import { randomUUID } from 'node:crypto';
import type { Server, Socket } from 'socket.io';
import {
  EVENTS,
  type ClientToServerEvents,
  type Delta,
  type ScenarioInfo,
  type ServerToClientEvents,
  type Snapshot,
} from '../../common/protocol.js';
import type { HeatMonitor } from '../heat/heat-monitor.js';
import type { LiveState } from '../state/live-state.js';
import type { ClosureStore } from '../traffic/closures.js';

export type StadtpulsIo = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * Streams the live state: a snapshot per connecting client, then one delta per tick to everyone.
 * Deltas go out on every tick, empty or not, so clients can detect a stale link (see docs/protocol.md).
 */
export class LiveStream {
  readonly instance = randomUUID();
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private closuresSent: number;

  constructor(
    private readonly io: StadtpulsIo,
    private readonly state: LiveState,
    private readonly cityNow: () => number,
    private readonly scenario: ScenarioInfo | null,
    readonly tickMs: number,
    private readonly heat: HeatMonitor | null = null,
    private readonly closures: Pick<ClosureStore, 'list' | 'version'> | null = null,
  ) {
    this.closuresSent = closures?.version ?? 0;
    io.on('connection', (socket) => this.onConnection(socket));
  }

  start(): void {
    this.timer ??= setInterval(() => this.tick(), this.tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One stream step: drain the changes and broadcast them as the next delta. */
  tick(): Delta {
    this.seq += 1;
    const entries = this.state.drainChanged();
    const delta: Delta = { ...this.clock(), entries };
    if (this.heat && entries.some((e) => e.reading.kind === 'climate')) {
      const { alertsChanged } = this.heat.update(this.state.ofKind('climate'), delta.cityTime);
      delta.districts = this.heat.districts();
      delta.nights = this.heat.nights();
      if (alertsChanged) delta.alerts = this.heat.alerts();
    }
    if (this.closures && this.closures.version !== this.closuresSent) {
      this.closuresSent = this.closures.version;
      delta.closures = this.closures.list();
    }
    this.io.emit(EVENTS.delta, delta);
    return delta;
  }

  snapshot(): Snapshot {
    return {
      ...this.clock(),
      scenario: this.scenario,
      tickMs: this.tickMs,
      entries: this.state.all(),
      districts: this.heat?.districts() ?? [],
      alerts: this.heat?.alerts() ?? [],
      nights: this.heat?.nights() ?? [],
      closures: this.closures?.list() ?? [],
    };
  }

  private clock() {
    return { seq: this.seq, instance: this.instance, serverTime: Date.now(), cityTime: this.cityNow() };
  }

  private onConnection(socket: Socket<ClientToServerEvents, ServerToClientEvents>): void {
    socket.emit(EVENTS.snapshot, this.snapshot());
    socket.on(EVENTS.snapshotRequest, () => socket.emit(EVENTS.snapshot, this.snapshot()));
  }
}
