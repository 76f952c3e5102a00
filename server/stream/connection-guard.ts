import { performance } from 'node:perf_hooks';
import type { ServerOptions, Socket } from 'socket.io';
import { EVENTS, type ClientToServerEvents, type DropReason, type ServerToClientEvents } from '../../common/protocol.js';
import type { Logger } from '../logger.js';
import { heldBytes } from './engine-sending.js';
import { SHARED_DEFLATE_WINDOW_BITS } from './shared-deflate.js';

export interface ConnectionLimits {
  /** bytes waiting to go out to one client (engine.io's write buffer + the WebSocket's) before it is dropped */
  maxBufferedBytes: number;
  /** packets one client may send per 10 s (events, pongs, anything); one more and it is dropped */
  maxEventsPer10s: number;
}

/**
 * Socket.IO server options that bound what one client can make the server hold. The client only
 * sends `snapshot:request` (a few bytes), so a large message is never legitimate; a client that
 * opens the transport but never joins the namespace is closed after connectTimeout.
 */
export const GUARDED_SOCKET_IO_OPTIONS: Partial<ServerOptions> = {
  maxHttpBufferSize: 16 * 1024,
  connectTimeout: 10_000,
  // permessage-deflate for the JSON form (the columnar form is sent with compress(false), see
  // engine-sending.ts). No context takeover: each message is compressed alone, so every JSON message of the
  // stream is deflated once for all its clients (shared-deflate.ts, whose window this offer names). `ws` deflates
  // a message itself only for a client that asked for a smaller window (or when zlib failed), and then keeps a
  // zlib context for that connection to its close: memLevel 3 keeps that small (4 KB besides the window).
  // Small messages (heartbeats, quiet deltas) are not worth it.
  perMessageDeflate: {
    threshold: 1024,
    serverNoContextTakeover: true,
    clientNoContextTakeover: true,
    serverMaxWindowBits: SHARED_DEFLATE_WINDOW_BITS,
    zlibDeflateOptions: { memLevel: 3, chunkSize: 4096 },
  },
};

/** How long a dropped client gets to read the `dropped` notice before its connection is cut. */
const DROP_GRACE_MS = 1000;
const WINDOW_MS = 10_000;
/** A dropped client should not come back before the rate-limit window has refilled. */
const RETRY_AFTER_MS = WINDOW_MS;
const LOG_EVERY_MS = 10_000;

type GuardedSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** The parts of engine.io's socket and transport (and the `ws` WebSocket) this guard reads. */
interface EnginePacket {
  data?: string | Buffer | ArrayBuffer;
  /** a message sent as these bytes (server/stream/json-snapshot.ts, sendJsonPacket) */
  options?: { utf8Message?: Buffer };
}
interface EngineConnection {
  readonly readyState: string;
  readonly writeBuffer: EnginePacket[];
  readonly transport: { name: string; socket?: { bufferedAmount: number; readyState: number; terminate(): void } };
  on(event: 'packet' | 'packetCreate', listener: (packet: EnginePacket) => void): void;
  close(discard?: boolean): void;
}

/**
 * Per Socket.IO connection: a cap on the bytes waiting to be sent and a token bucket on what the
 * client sends. A client over either gets a `dropped` event saying why and is disconnected; one that
 * does not read is cut off after a second, so what the server holds per client stays bounded whatever
 * the client does. docs/security.md lists the limits.
 */
export class ConnectionGuard {
  private readonly dropping = new WeakSet<GuardedSocket>();
  readonly dropped: Record<DropReason, number> = { rate_limit: 0, send_buffer: 0, stalled: 0 };
  private readonly lastLog: Record<DropReason, { at: number; unlogged: number }> = {
    rate_limit: { at: -Infinity, unlogged: 0 },
    send_buffer: { at: -Infinity, unlogged: 0 },
    stalled: { at: -Infinity, unlogged: 0 },
  };

  constructor(
    private readonly limits: ConnectionLimits,
    private readonly log: Logger,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Watches one connection from its first moment; call before anything is sent to it. */
  attach(socket: GuardedSocket): void {
    const conn = socket.conn as unknown as EngineConnection;
    const bucket = new TokenBucket(this.limits.maxEventsPer10s, WINDOW_MS, this.now);
    conn.on('packet', () => {
      if (!bucket.take()) this.drop(socket, 'rate_limit', `more than ${this.limits.maxEventsPer10s} messages in 10 s`);
    });
    // Checked as each packet is queued: the buffer only grows then, so nothing is missed between checks.
    let oversized = 0;
    conn.on('packetCreate', (packet) => {
      const waiting = pendingBytes(conn);
      const bytes = packetBytes(packet);
      const check = capCheck(waiting, bytes, this.limits.maxBufferedBytes, oversized);
      oversized = check.oversized;
      if (check.drop) this.drop(socket, 'send_buffer', `${waiting + bytes} bytes waiting to be sent, limit ${this.limits.maxBufferedBytes}`);
    });
  }

  /** Bytes waiting to go out to this client now. */
  pendingBytes(socket: GuardedSocket): number {
    return pendingBytes(socket.conn as unknown as EngineConnection);
  }

  /** Tells the client why, disconnects it and cuts a connection that does not close (also the stream's verdict on a client that stays behind: `stalled`). */
  drop(socket: GuardedSocket, reason: DropReason, detail: string): void {
    if (this.dropping.has(socket)) return;
    this.dropping.add(socket);
    this.dropped[reason] += 1;
    this.logDrop(socket, reason, detail);
    // Deferred: this runs inside engine.io's packet handling, which must finish before the socket closes.
    setImmediate(() => {
      const conn = socket.conn as unknown as EngineConnection;
      socket.emit(EVENTS.dropped, { reason, detail, retryAfterMs: RETRY_AFTER_MS });
      socket.disconnect(true);
      // A client that does not read never lets the close handshake finish; cut it so its buffers go.
      setTimeout(() => terminate(conn), DROP_GRACE_MS).unref();
    });
  }

  /** One line per reason and 10 s, with how many drops it stands for: a reconnect loop cannot flood the log. */
  private logDrop(socket: GuardedSocket, reason: DropReason, detail: string): void {
    const last = this.lastLog[reason];
    const t = this.now();
    if (t - last.at < LOG_EVERY_MS) {
      last.unlogged += 1;
      return;
    }
    this.log.warn({ reason, detail, address: socket.handshake.address, alsoDroppedSinceLastLine: last.unlogged }, 'socket client dropped');
    last.at = t;
    last.unlogged = 0;
  }
}

/**
 * The cap on what waits for one client, as each message is queued. It bounds a backlog, not one message: a
 * message larger than the cap goes out when the backlog is within it. At 100,000 sensors the JSON snapshot
 * is 25 MB of text made once per tick and shared by every JSON client (about 1.4 MB deflated, once for all);
 * counted whole it dropped every JSON client right after its snapshot. Such a message counts whole until it
 * is deflated (by `ws`, or held while its one deflate for all is made: engine-sending.ts), so it is left out of
 * `waiting` (`oversized`, its size) while `waiting` still holds it,
 * and a second one meanwhile is a backlog. A client that then does not read stays behind the stream's
 * budget and is cut off as `stalled` (backpressure.ts).
 */
export function capCheck(waiting: number, bytes: number, cap: number, oversized: number): { drop: boolean; oversized: number } {
  const held = oversized > 0 && waiting >= oversized ? oversized : 0;
  const backlog = waiting - held;
  if (bytes > cap) return { drop: backlog > cap || held > 0, oversized: bytes };
  return { drop: backlog + bytes > cap, oversized: held };
}

function pendingBytes(conn: EngineConnection): number {
  let bytes = 0;
  for (const packet of conn.writeBuffer) bytes += packetBytes(packet);
  const ws = conn.transport.name === 'websocket' ? conn.transport.socket : undefined;
  return bytes + (ws?.bufferedAmount ?? 0) + heldBytes(conn.transport);
}

/** String length, not UTF-8 bytes: close enough for a cap, and free to compute. */
function packetBytes(packet: EnginePacket): number {
  const utf8 = packet.options?.utf8Message;
  if (utf8) return utf8.length;
  const data = packet.data;
  if (data === undefined) return 1;
  return typeof data === 'string' ? data.length : data.byteLength;
}

function terminate(conn: EngineConnection): void {
  const ws = conn.transport.name === 'websocket' ? conn.transport.socket : undefined;
  const WS_CLOSED = 3;
  if (ws && ws.readyState !== WS_CLOSED) ws.terminate();
  if (conn.readyState !== 'closed') conn.close(true);
}

/** `capacity` tokens, refilled evenly over `windowMs`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) * this.capacity) / this.windowMs);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
