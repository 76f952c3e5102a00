import type { Server } from 'socket.io';
import { SHARED_DEFLATE_WINDOW_BITS, type SharedDeflate } from './shared-deflate.js';

/**
 * How messages leave engine.io's WebSocket transport, where engine.io 6.6 falls short for the live stream:
 * - it hands every message to `ws` without options, so `ws` deflates each one above the permessage-deflate
 *   threshold whatever socket.io's `compress(false)` said: the columnar form (its binary already compact, or
 *   deflated once per tick for everyone) was deflated again for every client, and every connection kept a zlib
 *   context of ~280 KB of native memory for it (heap snapshots of bench/client-memory.bench.ts);
 * - an event with a binary part is two packets (its JSON part and the attachment), and engine.io sends the
 *   first alone and the second after the first's write has completed: two writes to the TCP socket per
 *   client for every columnar delta. Queued together, they leave in one transport send, corked: one write;
 * - a string message is measured and copied into UTF-8 by `ws` for every client: a JSON message sent to many
 *   clients (json-snapshot.ts) carries its UTF-8 bytes, made once (`utf8Message`), and goes as a text frame of them;
 * - `ws` deflates a message for each client: such a message also carries its deflated form, made once
 *   (`sharedDeflate`, shared-deflate.ts), which goes as the compressed frame to every connection that compresses each
 *   message alone. While it is being deflated the transport stays unwritable, so engine.io holds what comes after it.
 */

interface EnginePacket {
  type?: string;
  /** `utf8Message`: the message as UTF-8, made once for many clients (server/stream/json-snapshot.ts, jsonPacketSteps) */
  options?: { compress?: boolean; wsPreEncodedFrame?: unknown; utf8Message?: Buffer; sharedDeflate?: SharedDeflate };
}
/** `ws`'s frame writer (lib/sender.js): its static `frame` makes a frame's header, its `_state` is 0 when it holds no message of its own */
interface WsSender {
  sendFrame(frame: unknown, cb: (err?: Error) => void): void;
  _state?: number;
  constructor: { frame?(data: Buffer, options: { fin: boolean; rsv1: boolean; opcode: number; mask: boolean; readOnly: boolean }): unknown };
}
/** `ws`'s permessage-deflate as negotiated with one client (lib/permessage-deflate.js) */
interface WsDeflate {
  params?: { server_no_context_takeover?: boolean; server_max_window_bits?: number };
  _threshold?: number;
}
interface WsLike {
  readyState?: number;
  send(data: unknown, opts: { compress: boolean; binary?: boolean }, cb: (err?: Error) => void): void;
  _sender?: WsSender;
  _extensions?: Record<string, WsDeflate | undefined>;
  /** the TCP socket under the WebSocket */
  _socket?: { cork(): void; uncork(): void };
}
/** The parts of engine.io's WebSocket transport (build/transports/websocket.js) this relies on. */
interface WebSocketTransport {
  name: string;
  writable: boolean;
  supportsBinary: boolean;
  socket: WsLike;
  parser: { encodePacket(packet: EnginePacket, supportsBinary: boolean, cb: (data: unknown) => void): void };
  _onSent: (err?: Error) => void;
  _onSentLast: (err?: Error) => void;
  _canSendPreEncodedFrame(packet: EnginePacket): boolean;
  send(packets: EnginePacket[]): void;
}

const patched = new WeakSet<object>();

/** True when `transport` has the shape this module's `send` was written against (checked at each patch). */
function knownShape(t: Partial<WebSocketTransport>): t is WebSocketTransport {
  return typeof t._onSent === 'function' && typeof t._onSentLast === 'function' && typeof t._canSendPreEncodedFrame === 'function' && typeof t.parser?.encodePacket === 'function' && typeof t.socket?.send === 'function';
}

/**
 * The WebSocket transport's `send` (engine.io's own loop otherwise), with each packet's compress flag given to
 * `ws` and the TCP socket corked while several frames are written, so they leave in one write.
 */
function sendHonouringCompress(this: WebSocketTransport, packets: EnginePacket[]): void {
  this.writable = false;
  sendFrom(this, packets, 0);
}

const WS_OPEN = 1;
/** `ws`'s WebSocket frame opcode of a text message */
const TEXT_FRAME = 1;
/** the bytes of a message a transport holds while its deflate is made, as `ws` counts one it deflates itself */
const held = new WeakMap<object, number>();

/** Bytes a WebSocket transport holds back until their message is deflated (connection-guard.ts counts them as waiting). */
export function heldBytes(transport: object): number {
  return held.get(transport) ?? 0;
}

function sendFrom(t: WebSocketTransport, packets: EnginePacket[], start: number): void {
  const tcp = packets.length - start > 1 ? t.socket._socket : undefined;
  tcp?.cork();
  try {
    for (let i = start; i < packets.length; i++) {
      const packet = packets[i];
      const done = i + 1 === packets.length ? t._onSentLast : t._onSent;
      const compress = packet.options?.compress !== false;
      const utf8 = packet.options?.utf8Message;
      const shared = compress && utf8 && packet.type === 'message' ? sharedFor(t.socket, packet.options!.sharedDeflate, utf8) : null;
      if (shared && !shared.bytes) {
        // the packets after it wait with it; engine.io holds the later ones, the transport being unwritable
        held.set(t, shared.message.length);
        void shared.ready().then(() => {
          held.delete(t);
          if (t.socket.readyState === WS_OPEN) sendFrom(t, packets, i);
        });
        return;
      }
      if (shared?.bytes) sendDeflated(t.socket, shared.bytes, done);
      else if (t._canSendPreEncodedFrame(packet)) t.socket._sender!.sendFrame(packet.options!.wsPreEncodedFrame, done);
      // a text frame from the bytes as they are: `ws` would measure and copy the string into UTF-8 for each client
      else if (utf8 && packet.type === 'message') t.socket.send(utf8, { compress, binary: false }, done);
      else t.parser.encodePacket(packet, t.supportsBinary, (data) => t.socket.send(data, { compress }, done));
    }
  } finally {
    tcp?.uncork();
  }
}

/**
 * `shared` when this connection can take its bytes as they are: it negotiated permessage-deflate without context
 * takeover (each message inflated alone, so one deflated for all fits each) and a window no smaller than the one it
 * was deflated with, `ws` would compress a message of this size, and `ws` holds no message of its own being
 * deflated (which this frame would overtake). Else null: the message goes through `ws`, deflated there.
 */
function sharedFor(ws: WsLike, shared: SharedDeflate | undefined, utf8: Buffer): SharedDeflate | null {
  if (!shared || shared.failed || ws._sender?._state !== 0 || typeof ws._sender.constructor.frame !== 'function') return null;
  const deflate = ws._extensions?.['permessage-deflate'];
  // an offer without server_max_window_bits allows zlib's largest window, 2^15 (RFC 7692 7.1.2.1)
  if (!deflate?.params?.server_no_context_takeover || (deflate.params.server_max_window_bits ?? 15) < SHARED_DEFLATE_WINDOW_BITS) return null;
  return utf8.length >= (deflate._threshold ?? Infinity) ? shared : null;
}

/** A text message's frame with its payload deflated (RSV1 set, RFC 7692 6), written as `ws` writes its own. */
function sendDeflated(ws: WsLike, bytes: Buffer, done: (err?: Error) => void): void {
  const sender = ws._sender!;
  sender.sendFrame(sender.constructor.frame!(bytes, { fin: true, rsv1: true, opcode: TEXT_FRAME, mask: false, readOnly: true }), done);
}

/** Whether `transport` is a WebSocket transport sending with sendHonouringCompress, so it takes a packet's `utf8Message`. */
export function takesUtf8Messages(transport: unknown): boolean {
  return typeof transport === 'object' && transport !== null && patched.has(transport);
}

/** Gives a WebSocket transport sendHonouringCompress; false for one of another shape (a later engine.io), left as it is. */
export function patchTransport(transport: unknown): boolean {
  const t = transport as Partial<WebSocketTransport>;
  if (t.name !== 'websocket' || patched.has(t)) return true;
  if (!knownShape(t)) return false;
  t.send = sendHonouringCompress;
  patched.add(t);
  return true;
}

/**
 * Makes every WebSocket transport of `io` honour socket.io's per-message `compress` flag. A transport of
 * an unknown shape is left as engine.io made it and reported once (the stream works, only uncompressed
 * forms are deflated again); tests/engine-sending.test.ts fails then.
 */
export function honourCompressFlag(io: Server, onUnknownShape: () => void): void {
  let reported = false;
  const patchOrReport = (transport: unknown) => {
    if (patchTransport(transport) || reported) return;
    reported = true;
    onUnknownShape();
  };
  io.engine.on('connection', (socket: { transport: unknown; on(event: 'upgrade', cb: (transport: unknown) => void): void }) => {
    patchOrReport(socket.transport);
    socket.on('upgrade', patchOrReport);
  });
}

/** The parts of socket.io's Client and engine.io's Socket that `sendPartsTogether` relies on. */
interface SocketIoClient {
  conn: { transport: { writable: boolean }; write(data: unknown, opts: unknown): void; flush(): void };
  writeToEngine(encodedPackets: unknown, opts: { volatile?: boolean }): void;
}

/**
 * socket.io's Client#writeToEngine, with an event's packets queued together before engine.io flushes them:
 * engine.io's `write` flushes at once while its transport is writable, so the first packet went alone.
 * Each packet still goes through engine.io's own `write` (its checks, the guard's `packetCreate`).
 */
function writeToEngineTogether(this: SocketIoClient, encodedPackets: unknown, opts: { volatile?: boolean }): void {
  const packets = Array.isArray(encodedPackets) ? encodedPackets : [encodedPackets];
  const transport = this.conn.transport;
  if (opts.volatile && !transport.writable) return;
  const writable = transport.writable;
  transport.writable = false;
  try {
    for (const packet of packets) this.conn.write(packet, opts);
  } finally {
    transport.writable = writable;
  }
  this.conn.flush();
}

/** Makes every client of `io` queue an event's packets (a JSON part and its binary attachments) together. */
export function sendPartsTogether(io: Server): void {
  io.on('connection', (socket) => {
    const client = socket.client as unknown as SocketIoClient;
    if (typeof client.writeToEngine !== 'function' || typeof client.conn?.flush !== 'function') return;
    client.writeToEngine = writeToEngineTogether;
  });
}
