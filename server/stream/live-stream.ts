import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { deflateRaw, deflateRawSync } from 'node:zlib';
import type { Server, Socket } from 'socket.io';
import {
  EVENTS,
  type ClientToServerEvents,
  type Delta,
  type LiveEntry,
  type NightFigure,
  type ScenarioInfo,
  type ServerToClientEvents,
  type Snapshot,
} from '../../common/protocol.js';
import type { SensorFeature } from '../../common/sensors.js';
import { runSteps, type Steps } from '../../common/steps.js';
import { JSON_ROWS_PER_STEP } from '../state/json-bytes.js';
import { encodeBlocks, encodeColumns, encodeColumnsInSteps, type KindBlock } from '../../common/wire/columns.js';
import { nextTurn, runStepsYielding } from '../ingest/yielding.js';
import { COMPRESS_DELTA_ABOVE_BYTES, STREAM_FORMATS, subscriptionSchema, type ColumnsDelta, type ColumnsSnapshot, type StreamFormat } from '../../common/wire/live-messages.js';
import type { Stage, TickContext } from '../pipeline/stage.js';
import type { SlotFilter } from '../state/changed-rows.js';
import { Backpressure, type BackpressureLimits, type BackpressureStats, type Lag } from './backpressure.js';
import type { Channel, ChannelKey } from './channel.js';
import type { ConnectionGuard } from './connection-guard.js';
import { NightDiff } from './night-diff.js';
import { RegistryIndex } from './registry-index.js';
import { encodedEvent, jsonPacket, jsonPacketSteps, sendEncoded, sendJsonPacket, type EntriesJson, type JsonPacket } from './json-snapshot.js';
import { SnapshotMemo } from './snapshot-memo.js';
import { EVERYTHING, viewFilter, type ViewFilter } from './subscription.js';

export type StadtpulsIo = Server<ClientToServerEvents, ServerToClientEvents>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface LiveStreamSources {
  cityNow: () => number;
  /** read at every snapshot: a runtime switch (server/scenario/scenario-switch.ts) changes it */
  scenario: ScenarioInfo | null;
  /** the history run the city is written to, for snapshots (null before the store opened) */
  run?: () => string | null;
  tickMs: number;
  /** every sensor's latest entry, for snapshots */
  entries: () => LiveEntry[];
  /**
   * Every entry the filter admits (registry positions) as wire blocks, read from a columnar live state
   * without an entry object per sensor: the columnar snapshot. Without it the snapshot encodes `entries()`.
   */
  blocks?: (take: ((index: number) => boolean) | null) => KindBlock[];
  /**
   * The entries the filter admits as JSON text (`JSON.stringify(entries())`, filtered alike), written from a
   * columnar live state in steps (LiveState.entriesJsonSteps): the JSON snapshot and catch-ups are then sent as
   * pre-encoded packets, a large snapshot written with the event loop turning between steps. Without it the
   * message object is emitted. `rows`: about how many it admits (the text's first buffer).
   */
  entriesJsonSteps?: (take: ((index: number) => boolean) | null, rows?: number) => Steps<EntriesJson>;
  /** one sensor's latest entry, for a client that catches up after falling behind */
  entryOf: (sensorId: string) => LiveEntry | undefined;
  /** the registry in the order clients index it (GET /api/sensors) */
  registry: readonly SensorFeature[];
  channels: readonly Channel[];
  /** per-connection limits (send buffer, event rate); none in unit tests that need none */
  guard?: ConnectionGuard;
  /** the outgoing byte budget per client and what happens above it; needs `guard` to read the buffers */
  backpressure?: BackpressureLimits;
  /** a steady clock, ms (tests step it) */
  now?: () => number;
  /** columnar deltas above this many bytes go compressed (default COMPRESS_DELTA_ABOVE_BYTES; tests lower it) */
  compressDeltaAboveBytes?: number;
  /** columnar deltas of more rows than this are written in slices (default ENCODE_IN_SLICES_ABOVE_ROWS), JSON messages in steps (default JSON_ROWS_PER_STEP); tests lower it */
  encodeInSlicesAboveRows?: number;
  /** how a tick's large columnar delta is compressed, off the event loop (default zlib's raw DEFLATE, level 1; tests hold it) */
  deflateDelta?: (columns: Uint8Array) => Promise<Uint8Array>;
}

const deflateRawAsync = promisify(deflateRaw);
/** The fastest level: a 3.7 MB delta deflates to about 550 KB in 17-23 ms (level 6: 477 KB, 19 ms). */
const DELTA_DEFLATE = { level: 1 };
/** A columnar delta of more rows than this is written in slices (a whole city's at SCALE_RATE=1 held the loop for up to 60 ms in one piece). */
const ENCODE_IN_SLICES_ABOVE_ROWS = 20_000;

export interface StreamStats extends BackpressureStats {
  /** subscriptions refused by the schema */
  badSubscriptions: number;
  clientsByFormat: Record<StreamFormat, number>;
  /** clients that get everything, and those subscribed to part of the city */
  clientsByView: { everything: number; subscribed: number };
  /** distinct groups (form and view), each encoded once per tick */
  views: number;
}

/** The parts of a message besides the entries, as channels report them this tick. */
type Parts = Partial<Pick<Snapshot, ChannelKey>>;

interface Connection {
  socket: LiveSocket;
  format: StreamFormat;
  view: ViewFilter;
  /** the room of clients with the same format and view: one encoded delta per tick each */
  room: string;
  /** set while the client is behind its byte budget (out of its room, changes folded in) */
  lag: Lag | null;
  /** seq at which it was last sent a snapshot or catch-up: falling behind right after is reading it */
  resyncSentSeq: number;
}

const roomOf = (format: StreamFormat, view: ViewFilter) => `live:${format}:${view.key}`;

/**
 * The last pipeline stage: it only sends. A snapshot per connecting client (and on request or a new
 * subscription), then one delta per tick to everyone, empty or not, so clients can detect a stale
 * link (docs/protocol.md). Clients are grouped by form (JSON or columnar) and subscription: each
 * group's delta is encoded once per tick and broadcast to its room; snapshots are built once per
 * sequence number and group. A client over its byte budget leaves its room and is caught up later
 * (server/stream/backpressure.ts). What goes into a message comes from the channels; nothing is computed here.
 */
export class LiveStream implements Stage {
  readonly name = 'stream';
  readonly instance = randomUUID();
  private seq = 0;
  /** the JSON snapshot's packet, per view and namespace */
  private readonly jsonSnapshots = new SnapshotMemo<JsonPacket | Promise<JsonPacket>>();
  /** the columnar snapshot's socket.io packets, per view and namespace */
  private readonly columnSnapshots = new SnapshotMemo<unknown[]>();
  /**
   * a tick's catch-ups, per form, namespace, view and base: clients that fell behind in the same tick and read in
   * the same tick missed the same changes (fifteen JSON clients joining at once, catching up after their snapshot)
   */
  private readonly jsonCatchUps = new SnapshotMemo<JsonPacket | Promise<JsonPacket>>();
  private readonly columnCatchUps = new SnapshotMemo<unknown[]>();
  private readonly connections = new Map<string, Connection>();
  /** clients per room, and the view every member of that room has */
  private readonly rooms = new Map<string, { format: StreamFormat; view: ViewFilter; members: number }>();
  /** the registry in the order clients index it, with its fingerprint */
  readonly registry: RegistryIndex;
  private readonly nights = new NightDiff();
  /** the columnar form's nights of a tick's (or a snapshot's) list, by that list */
  private readonly ownNights = new WeakMap<NightFigure[], NightFigure[]>();
  private readonly backpressure: Backpressure | null;
  /** sensors each subscribed view admits, counted when a client of it first falls behind */
  private readonly viewSizes = new WeakMap<ViewFilter, number>();
  private badSubscriptions = 0;
  /** set by resync(): the next tick sends every client a snapshot instead of its delta */
  private resyncPending = false;
  /** a tick's broadcast still being compressed: what a client asks for meanwhile waits for it (afterSend) */
  private sending: Promise<void> | null = null;
  /** large JSON messages (snapshots, catch-ups) being written, each ending with its send: the next tick waits for them */
  private readonly writing = new Set<Promise<void>>();

  constructor(
    private readonly io: StadtpulsIo,
    private readonly src: LiveStreamSources,
  ) {
    this.registry = new RegistryIndex(src.registry);
    this.backpressure = src.guard && src.backpressure ? new Backpressure(src.backpressure, this.registry.size, src.now ?? (() => performance.now())) : null;
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

  /** Another city (a scenario switch): the next tick sends every client a fresh snapshot in place of the delta. */
  resync(): void {
    this.resyncPending = true;
  }

  stats(): StreamStats {
    const clientsByFormat = Object.fromEntries(STREAM_FORMATS.map((f) => [f, 0])) as Record<StreamFormat, number>;
    const clientsByView = { everything: 0, subscribed: 0 };
    for (const c of this.connections.values()) {
      clientsByFormat[c.format] += 1;
      clientsByView[c.view.accepts ? 'subscribed' : 'everything'] += 1;
    }
    return { ...(this.backpressure?.stats() ?? Backpressure.noStats()), badSubscriptions: this.badSubscriptions, clientsByFormat, clientsByView, views: this.rooms.size };
  }

  tick(ctx: TickContext): void | Promise<void> {
    // no delta may overtake a snapshot of an earlier seq still being written
    if (this.writing.size > 0) return Promise.all(this.writing).then(() => this.tickNow(ctx));
    return this.tickNow(ctx);
  }

  private tickNow(ctx: TickContext): void | Promise<void> {
    this.seq += 1;
    const parts = this.changedParts();
    const delta: Delta = { ...this.clock(ctx.cityTime), entries: ctx.entries, ...parts };
    if (this.resyncPending) {
      this.resyncPending = false;
      // A client behind its budget gets it when it has read what is waiting (as a snapshot it asked for).
      for (const c of this.connections.values()) {
        if (c.lag) c.lag.wantsSnapshot = true;
        else this.sendSnapshot(c);
      }
      return;
    }

    // Clients over their budget leave their room before the broadcast; those that caught up rejoin after it.
    const rejoin: Connection[] = [];
    if (this.backpressure) {
      this.backpressure.startTick();
      for (const c of this.connections.values()) this.checkBudget(c, ctx, parts, rejoin);
    }

    // A large columnar delta is written a slice of columns at a time and compressed in zlib's thread pool (50 ms on
    // the loop at SCALE_RATE=1 on a busy box); the tick ends when every room has its delta, and what clients ask for
    // meanwhile waits for that (afterSend).
    const compressing: Array<Promise<void>> = [];
    for (const [room, group] of this.rooms) {
      if (!this.io.sockets.adapter.rooms.get(room)?.size) continue;
      const take = group.view.accepts ?? null;
      if (group.format === 'json') {
        const sending = this.sendJsonDelta(room, delta, ctx, take);
        if (sending) compressing.push(sending);
        continue;
      }
      const entries = this.ownEntries(ctx, take);
      const generated = ctx.generated?.blocks(take) ?? [];
      const send = (d: ColumnsDelta): void => void this.io.local.to(room).compress(false).emit(EVENTS.columnsDelta, d);
      const sendCompressed = (plain: ColumnsDelta): void | Promise<void> => {
        if (!this.overThreshold(plain.columns)) return send(plain);
        const deflate = this.src.deflateDelta ?? ((b: Uint8Array) => deflateRawAsync(b, DELTA_DEFLATE));
        // should zlib fail, the delta goes as it is: larger, never lost
        return deflate(plain.columns as Uint8Array).then((columns) => send({ ...plain, columns, compression: 'deflate-raw' }), () => send(plain));
      };
      if (entries.length + generated.reduce((sum, b) => sum + b.n, 0) <= (this.src.encodeInSlicesAboveRows ?? ENCODE_IN_SLICES_ABOVE_ROWS)) {
        const sending = sendCompressed(this.columnsDelta(delta, entries, generated, false));
        if (sending) compressing.push(sending);
      } else {
        // the blocks are copies of the columns: a reading that comes between two slices waits for the next tick
        const head = this.columnsDelta(delta, [], [], false);
        compressing.push(runStepsYielding(encodeColumnsInSteps(entries, this.registry.indexOf, generated)).then((columns) => sendCompressed({ ...head, columns })));
      }
    }
    if (compressing.length === 0) {
      for (const c of rejoin) void c.socket.join(c.room);
      return;
    }
    const sent: Promise<void> = Promise.all(compressing)
      .then(() => {})
      .finally(() => {
        for (const c of rejoin) void c.socket.join(c.room);
        this.sending = null;
      });
    this.sending = sent;
    return sent;
  }

  /**
   * Runs `fn` once the tick's deltas have gone out, at once when none is being compressed: a snapshot sent
   * while a delta of the same sequence number waits would reach the client before that delta (a gap to it).
   */
  private afterSend(fn: () => void): void {
    // also when a delta could not be made (the pipeline logs the error)
    if (this.sending) void this.sending.then(fn, fn);
    else fn();
  }

  private overThreshold(columns: ColumnsDelta['columns']): boolean {
    return !!columns && columns.byteLength > (this.src.compressDeltaAboveBytes ?? COMPRESS_DELTA_ABOVE_BYTES);
  }

  /**
   * A JSON room's delta, its packet made once as UTF-8 (and deflated once, shared-deflate.ts) for every member
   * (server/stream/json-snapshot.ts). With the generated sensors in columns, its entries are written from them as
   * text, in steps when it is large: at `SCALE_RATE=1` every sensor's entry.
   */
  private sendJsonDelta(room: string, delta: Delta, ctx: TickContext, take: SlotFilter): Promise<void> | void {
    const generated = ctx.generated;
    const nsp = this.io.sockets.name;
    // this node's members, as `io.local.to(room)` reaches them
    const toRoom = (packet: JsonPacket) => {
      for (const id of this.io.sockets.adapter.rooms.get(room) ?? []) {
        const socket = this.io.sockets.sockets.get(id);
        if (socket) sendJsonPacket(socket, packet);
      }
    };
    if (!generated || generated.size === 0) return toRoom(jsonPacket(EVENTS.delta, { ...delta, entries: this.changedEntries(ctx, take) }, nsp));
    const own = this.ownEntries(ctx, take);
    const rows = own.length + generated.size;
    const packet = this.jsonMessage(EVENTS.delta, () => delta, generated.jsonSteps(own, take), rows, nsp);
    if (!(packet instanceof Promise)) return toRoom(packet);
    return packet.then(toRoom);
  }

  /** The tick's changed entry objects the view admits (the generated sensors' are in `ctx.generated`). */
  private ownEntries(ctx: TickContext, take: SlotFilter): LiveEntry[] {
    return take ? ctx.entries.filter((e) => take(this.registry.indexOf(e.reading.sensorId) ?? -1)) : ctx.entries;
  }

  /** Every changed entry the view admits, the generated sensors' built from the live state's columns: the JSON form. */
  private changedEntries(ctx: TickContext, take: SlotFilter): LiveEntry[] {
    const own = this.ownEntries(ctx, take);
    return ctx.generated && ctx.generated.size > 0 ? own.concat(ctx.generated.entries(take)) : own;
  }

  /** The complete state now (JSON form, everything): REST and tests. */
  snapshot(view: ViewFilter = EVERYTHING): Snapshot {
    const all = this.src.entries();
    return { ...this.snapshotWithout(), entries: view.accepts ? all.filter((e) => view.accepts!(this.registry.indexOf(e.reading.sensorId) ?? -1)) : all };
  }

  /** A snapshot's parts besides the entries (`entries` left empty). */
  private snapshotWithout(): Snapshot {
    const snapshot: Snapshot = {
      ...this.clock(this.src.cityNow()),
      scenario: this.src.scenario,
      ...(this.src.run && { run: this.src.run() }),
      tickMs: this.src.tickMs,
      entries: [],
      districts: [],
      alerts: [],
      nights: [],
      closures: [],
    };
    for (const channel of this.src.channels) {
      const value = channel.snapshot();
      if (value !== undefined) Object.assign(snapshot, { [channel.key]: value });
    }
    return snapshot;
  }

  private changedParts(): Parts {
    const parts: Parts = {};
    for (const channel of this.src.channels) {
      const changed = channel.changed();
      if (changed === undefined) continue;
      if (channel.key === 'nights') {
        const nights = this.nights.changed(changed as NightFigure[]);
        if (nights.length > 0) parts.nights = nights;
      } else Object.assign(parts, { [channel.key]: changed });
    }
    return parts;
  }

  /** `generated`: blocks read from the live state's columns (registry slots are the wire's positions). */
  /** `compress`: deflate columns over the threshold here (a catch-up); a tick's broadcast compresses them off the loop. */
  private columnsDelta(delta: Delta, entries: readonly LiveEntry[], generated: readonly KindBlock[] = [], compress = true): ColumnsDelta {
    const { entries: _json, nights, ...rest } = delta;
    const own = nights && this.ownNightsOf(nights);
    if (own && own.length > 0) Object.assign(rest, { nights: own });
    if (entries.length === 0 && generated.length === 0) return rest;
    const columns = encodeColumns(entries, this.registry.indexOf, generated);
    return compress && this.overThreshold(columns) ? { ...rest, columns: deflateRawSync(columns, DELTA_DEFLATE), compression: 'deflate-raw' } : { ...rest, columns };
  }

  /**
   * The columnar form's nights: the registry's own stations'. A page shows a station's night only where it can point at
   * the station, and counts the rest (nightCount): at SCALE=100000 the generated stations' were 1.5 MB of every snapshot.
   */
  private ownNightsOf(nights: NightFigure[]): NightFigure[] {
    if (this.registry.ownCount === this.registry.size) return nights;
    // a tick's nights go to every columnar room and catch-up: filtered once
    let own = this.ownNights.get(nights);
    if (!own) this.ownNights.set(nights, (own = nights.filter((n) => this.registry.isOwn(n.sensorId))));
    return own;
  }

  private clock(cityTime: number) {
    return { seq: this.seq, instance: this.instance, serverTime: Date.now(), cityTime };
  }

  private onConnection(socket: LiveSocket): void {
    this.src.guard?.attach(socket);
    const conn: Connection = { socket, format: formatOf(socket), view: EVERYTHING, room: '', lag: null, resyncSentSeq: this.seq };
    this.connections.set(socket.id, conn);
    // A client may say what it shows in the handshake (auth.subscription), so it does not get everything first.
    const asked = handshakeAuth(socket).subscription;
    const initial = asked === undefined ? null : subscriptionSchema.safeParse(asked);
    if (initial && !initial.success) this.badSubscriptions += 1;
    this.enter(conn, initial?.success ? viewFilter(initial.data, this.registry) : EVERYTHING);
    this.afterSend(() => {
      if (!socket.connected) return;
      this.sendSnapshot(conn);
      void socket.join(conn.room);
    });
    socket.on(EVENTS.snapshotRequest, () => this.afterSend(() => this.onSnapshotRequest(conn)));
    socket.on(EVENTS.subscribe, (raw: unknown) => this.afterSend(() => this.onSubscribe(conn, raw)));
    socket.on('disconnect', () => {
      if (conn.lag) this.backpressure?.gone();
      this.leave(conn);
      this.connections.delete(socket.id);
    });
  }

  private onSnapshotRequest(conn: Connection): void {
    // A client behind its budget gets its snapshot when it has read what is waiting.
    if (!conn.lag && this.backpressure?.overBudget(this.src.guard!.pendingBytes(conn.socket))) {
      conn.lag = this.backpressure.fallBehind(this.seq, this.viewSize(conn.view));
      void conn.socket.leave(conn.room);
    }
    if (conn.lag) conn.lag.wantsSnapshot = true;
    else this.sendSnapshot(conn);
  }

  private onSubscribe(conn: Connection, raw: unknown): void {
    const parsed = subscriptionSchema.safeParse(raw);
    if (!parsed.success) {
      this.badSubscriptions += 1;
      return;
    }
    const view = viewFilter(parsed.data, this.registry);
    if (view.key === conn.view.key) return;
    // Leave the old room at once: no delta of the old view may follow the new view's snapshot.
    void conn.socket.leave(conn.room);
    this.leave(conn);
    this.enter(conn, view);
    if (conn.lag) {
      conn.lag.wantsSnapshot = true;
      return;
    }
    this.sendSnapshot(conn);
    void conn.socket.join(conn.room);
  }

  private enter(conn: Connection, view: ViewFilter): void {
    conn.view = view;
    conn.room = roomOf(conn.format, view);
    const group = this.rooms.get(conn.room);
    if (group) group.members += 1;
    else this.rooms.set(conn.room, { format: conn.format, view, members: 1 });
  }

  private leave(conn: Connection): void {
    const group = this.rooms.get(conn.room);
    if (group && --group.members === 0) this.rooms.delete(conn.room);
  }

  private sendSnapshot(conn: Connection): void {
    conn.resyncSentSeq = this.seq;
    const key = `${conn.view.key}`;
    if (conn.format === 'json') {
      const nsp = conn.socket.nsp.name;
      const steps = this.src.entriesJsonSteps;
      this.sendJson(conn, this.jsonSnapshots.get(this.seq, () => {
        if (!steps) return jsonPacket(EVENTS.snapshot, this.snapshot(conn.view), nsp);
        const rows = this.viewSize(conn.view);
        const write = () => this.jsonMessage(EVENTS.snapshot, () => this.snapshotWithout(), steps(conn.view.accepts, rows), rows, nsp);
        // A whole city's begins on a later turn: the connection that asked returns at once, so clients joining
        // together are not one long turn.
        return this.inSteps(rows) ? nextTurn().then(write) : write();
      }, `${nsp}:${key}`));
    } else sendEncoded(conn.socket, this.columnSnapshots.get(this.seq, () => encodedEvent(conn.socket, EVENTS.columnsSnapshot, this.columnsSnapshot(conn.view)), `${conn.socket.nsp.name}:${key}`), false);
  }

  /**
   * A JSON message's packet (snapshot, delta or catch-up), its parts besides the entries made at its first step: written at
   * once for up to JSON_ROWS_PER_STEP entries, else in steps, the event loop turning between them (the whole city's
   * 25 MB at 100,000 sensors held it for 87–106 ms in one piece; ticks with catch-ups of up to 20,000 held it for
   * 60–81 ms: CPU profiles of bench/json-join).
   */
  private jsonMessage(event: typeof EVENTS.snapshot | typeof EVENTS.delta, without: () => Snapshot | Delta, steps: Steps<EntriesJson>, rows: number, nsp: string): JsonPacket | Promise<JsonPacket> {
    const packet = jsonPacketSteps(event, without, steps, nsp);
    return this.inSteps(rows) ? runStepsYielding(packet) : runSteps(packet);
  }

  /** Whether a JSON message of this many entries is written in steps, the event loop turning between them. */
  private inSteps(rows: number): boolean {
    return rows > (this.src.encodeInSlicesAboveRows ?? JSON_ROWS_PER_STEP);
  }

  /** Sends a JSON message now, or once it is written: the next tick waits for that, so no delta overtakes it. */
  private sendJson(conn: Connection, packet: JsonPacket | Promise<JsonPacket>): void {
    if (!(packet instanceof Promise)) return sendJsonPacket(conn.socket, packet);
    const sent = packet.then(
      (p) => {
        if (conn.socket.connected) sendJsonPacket(conn.socket, p);
      },
      // the text could not be written: the client reconnects and asks again
      () => void conn.socket.disconnect(true),
    );
    this.writing.add(sent);
    void sent.finally(() => this.writing.delete(sent));
  }

  /** Encoded and compressed once per sequence number and view, then sent as it is to every client that asks. */
  private columnsSnapshot(view: ViewFilter): ColumnsSnapshot {
    const blocks = this.src.blocks;
    const { entries, nights, ...rest } = blocks ? this.snapshotWithout() : this.snapshot(view);
    const bytes = blocks ? encodeBlocks(blocks(view.accepts)) : encodeColumns(entries, this.registry.indexOf);
    return {
      ...rest,
      nights: this.ownNightsOf(nights),
      columns: deflateRawSync(bytes),
      compression: 'deflate-raw',
      registry: this.registry.fingerprint,
      subscription: view.subscription,
    };
  }

  /** Sensors the view admits: what a catch-up is measured against. */
  private viewSize(view: ViewFilter): number {
    const accepts = view.accepts;
    if (!accepts) return this.registry.size;
    let n = this.viewSizes.get(view);
    if (n === undefined) {
      n = 0;
      for (let i = 0; i < this.registry.size; i++) if (accepts(i)) n++;
      this.viewSizes.set(view, n);
    }
    return n;
  }

  /** Backpressure for one client this tick: fall behind, fold in, catch up, resync or drop. */
  private checkBudget(conn: Connection, ctx: TickContext, parts: Parts, rejoin: Connection[]): void {
    const bp = this.backpressure!;
    const pending = this.src.guard!.pendingBytes(conn.socket);
    if (!conn.lag) {
      if (!bp.overBudget(pending)) return;
      // behind within a tick of its snapshot or catch-up: still reading that, not lagging the deltas
      conn.lag = bp.fallBehind(this.seq - 1, this.viewSize(conn.view), this.seq - conn.resyncSentSeq <= 2);
      void conn.socket.leave(conn.room);
    }
    const lag = conn.lag;
    const view = conn.view.accepts;
    for (const e of ctx.entries) {
      const i = this.registry.indexOf(e.reading.sensorId) ?? -1;
      if (!view || view(i)) lag.mark(i);
    }
    const slots = ctx.generated?.slots;
    if (slots) for (let i = 0; i < slots.length; i++) if (!view || view(slots[i])) lag.mark(slots[i]);
    lag.fold(parts);
    const shared = (conn.format === 'json' ? this.jsonCatchUps : this.columnCatchUps).has(this.seq, catchUpKey(conn, lag));
    const verdict = bp.verdict(lag, pending, shared);
    if (verdict === 'wait') return;
    conn.lag = null;
    if (verdict === 'drop') {
      this.src.guard!.drop(conn.socket, 'stalled', `behind its budget of ${bp.limits.budgetBytes} bytes for ${Math.round(bp.behindMs(lag))} ms (${pending} bytes waiting)`);
      return;
    }
    if (verdict === 'resync') this.sendSnapshot(conn);
    else this.sendCatchUp(conn, lag, ctx.cityTime);
    rejoin.push(conn);
  }

  /**
   * One delta for the ticks a client missed: the latest entry of every sensor that changed, the current channel values, from `baseSeq`.
   * In the columnar form the entries are read as blocks from the live state (`blocks`), its columns as they are: a catch-up
   * of 100,000 generated sensors built an entry each, 2.3 s of one tick with ten clients behind (bench:scale, BENCH_CLIENTS=10).
   */
  private sendCatchUp(conn: Connection, lag: Lag, cityTime: number): void {
    conn.resyncSentSeq = this.seq;
    const delta: Delta = { ...this.clock(cityTime), baseSeq: lag.baseSeq, entries: [] };
    for (const channel of this.src.channels) {
      if (!lag.channels.has(channel.key)) continue;
      Object.assign(delta, { [channel.key]: channel.key === 'nights' ? [...lag.nights.values()] : channel.snapshot() });
    }
    // only sensors of the client's view are marked
    const marked = (i: number) => lag.isMarked(i);
    const key = catchUpKey(conn, lag);
    const blocks = this.src.blocks;
    if (conn.format === 'columns' && blocks) {
      const packets = this.columnCatchUps.get(this.seq, () => encodedEvent(conn.socket, EVENTS.columnsDelta, this.columnsDelta(delta, [], blocks(marked))), key);
      sendEncoded(conn.socket, packets, false);
      return;
    }
    const entriesJsonSteps = this.src.entriesJsonSteps;
    if (conn.format === 'json' && entriesJsonSteps) {
      // written from the columns, without an entry object per generated sensor (a JSON client catching up after its
      // snapshot of a 100,000-sensor city misses 20,000–30,000 of them)
      const rows = lag.pendingSensors;
      this.sendJson(conn, this.jsonCatchUps.get(this.seq, () => this.jsonMessage(EVENTS.delta, () => delta, entriesJsonSteps(marked, rows), rows, conn.socket.nsp.name), key));
      return;
    }
    lag.forEachMarked((i) => {
      const e = this.src.entryOf(this.registry.ids[i]);
      if (e) delta.entries.push(e);
    });
    // a packet of our own like every JSON message of the stream, so `ws` never deflates one (with a context per connection)
    if (conn.format === 'json') sendJsonPacket(conn.socket, jsonPacket(EVENTS.delta, delta, conn.socket.nsp.name));
    else conn.socket.compress(false).emit(EVENTS.columnsDelta, this.columnsDelta(delta, delta.entries));
  }
}

/** Catch-ups of one tick with this key are the same message: lags of one base and view marked the same changes. */
function catchUpKey(conn: Connection, lag: Lag): string {
  return `${conn.socket.nsp.name}:${conn.view.key}:${lag.baseSeq}`;
}

function handshakeAuth(socket: LiveSocket): { format?: unknown; subscription?: unknown } {
  const auth = socket.handshake.auth as unknown;
  return typeof auth === 'object' && auth !== null ? (auth as { format?: unknown; subscription?: unknown }) : {};
}

/** JSON unless the client asks for the columnar form (query `format=columns` or `auth.format`). */
function formatOf(socket: LiveSocket): StreamFormat {
  const asked = socket.handshake.query.format ?? handshakeAuth(socket).format;
  return asked === 'columns' ? 'columns' : 'json';
}
