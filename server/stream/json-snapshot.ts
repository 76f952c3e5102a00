import type { Socket } from 'socket.io';
import { EVENTS, type Delta, type Snapshot } from '../../common/protocol.js';
import type { Steps } from '../../common/steps.js';
import { takesUtf8Messages } from './engine-sending.js';
import { SharedDeflate } from './shared-deflate.js';

/** socket.io-parser's packet type of an event without binary attachments */
const EVENT_PACKET = 2;

/** A JSON message with entries as engine.io's message in UTF-8, made once; socket.io's packet as text when asked. */
export interface JsonPacket {
  /** engine.io's message (`4` and the packet) as UTF-8: server/stream/engine-sending.ts hands it to `ws` as a text frame */
  utf8Message: Buffer;
  /** socket.io's packet as text, decoded at the first call: for a transport that does not take the bytes (polling) */
  text(): string;
  /** the message deflated once for every connection that compresses each message alone (engine-sending.ts) */
  deflated: SharedDeflate;
}

/** The entries' JSON text as UTF-8 (server/state/json-bytes.ts, as LiveState.entriesJsonSteps writes it). */
export interface EntriesJson {
  utf8(): Buffer;
}

/** What socket.io's encoder writes before an event's JSON: its packet type, and the namespace unless it is the main one. */
const eventPrefix = (nsp: string): string => `${EVENT_PACKET}${nsp === '/' ? '' : `${nsp},`}`;

/** engine.io's packet type of a message */
const ENGINE_MESSAGE = 0x34;
/** Bytes of the entries copied into the message between two steps: a 25 MB copy held the loop for 45 ms. */
const COPY_STEP = 1 << 20;

/**
 * A JSON message with entries (the snapshot, a catch-up delta) as the socket.io packet
 * `socket.emit(event, message)` writes, byte for byte, with the entries given as JSON text
 * (LiveState.entriesJsonSteps), in engine.io's message as UTF-8. A snapshot's is written once per sequence
 * number and view and sent as it is to every client that asks. Emitting the object instead costs each client
 * a walk for binary parts and a JSON.stringify of the whole (35 MB at 100,000 sensors), and the object itself
 * an entry object per generated sensor, built from the columns only to be taken apart; and `ws` measures and
 * copies a string message into UTF-8 for every client (fifteen JSON clients joining a 100,000-sensor city were
 * fifteen copies of 25 MB in one turn of the event loop, about 36 ms each; CPU profiles of
 * bench/json-join.bench.ts). `parts` makes the message with its `entries` left empty, at the first step; its other
 * parts keep their places. In steps: the other parts, their text, the entries' own, then the copy of their bytes a megabyte at a time.
 */
export function* jsonPacketSteps(event: typeof EVENTS.snapshot | typeof EVENTS.delta, parts: () => Snapshot | Delta, entriesSteps: Steps<EntriesJson>, nsp = '/'): Steps<JsonPacket> {
  // The other parts, and then their text, are steps of their own: a whole city's 15,000 night figures took 19 ms to
  // make (CPU profile of bench/json-join) and are 1.5 MB of JSON.
  const without = parts();
  yield;
  // A marker no entry or channel contains, in the place of the entries, then the entries spliced in.
  const marker = `\u0000entries-${Math.random().toString(36).slice(2)}\u0000`;
  const text = JSON.stringify([event, { ...without, entries: marker }]);
  const quoted = JSON.stringify(marker);
  const at = text.indexOf(quoted);
  if (at < 0 || text.indexOf(quoted, at + 1) >= 0) throw new Error('the snapshot marker is not in the packet exactly once');
  const head = `${eventPrefix(nsp)}${text.slice(0, at)}`;
  const tail = text.slice(at + quoted.length);
  yield;
  const bytes = (yield* entriesSteps).utf8();
  const utf8Message = Buffer.allocUnsafe(1 + Buffer.byteLength(head) + bytes.length + Buffer.byteLength(tail));
  utf8Message[0] = ENGINE_MESSAGE;
  let end = 1 + utf8Message.write(head, 1);
  for (let from = 0; from < bytes.length; from += COPY_STEP) {
    end += bytes.copy(utf8Message, end, from, Math.min(bytes.length, from + COPY_STEP));
    if (from + COPY_STEP < bytes.length) yield;
  }
  utf8Message.write(tail, end);
  return packetOf(utf8Message);
}

function packetOf(utf8Message: Buffer): JsonPacket {
  let decoded: string | undefined;
  return { utf8Message, text: () => (decoded ??= utf8Message.toString('utf8', 1)), deflated: new SharedDeflate(utf8Message) };
}

/** A JSON message without binary parts as `socket.emit(event, message)` writes it, made once for many clients (a room's delta). */
export function jsonPacket(event: string, message: unknown, nsp = '/'): JsonPacket {
  const text = `${eventPrefix(nsp)}${JSON.stringify([event, message])}`;
  const utf8Message = Buffer.allocUnsafe(1 + Buffer.byteLength(text));
  utf8Message[0] = ENGINE_MESSAGE;
  utf8Message.write(text, 1);
  return packetOf(utf8Message);
}

/**
 * Sends a packet of jsonPacketSteps as `socket.compress(true).emit` would send the message: over a WebSocket that takes
 * the bytes (server/stream/engine-sending.ts) as they are, else (long polling) as text.
 */
export function sendJsonPacket(socket: Socket, packet: JsonPacket): void {
  // socket.io's broadcast hands its pre-encoded packets to each client the same way; the options reach engine.io's packet
  if (takesUtf8Messages(socket.conn.transport)) socket.client._packet('' as never, { preEncoded: true, compress: true, utf8Message: packet.utf8Message, sharedDeflate: packet.deflated } as never);
  else socket.client._packet(packet.text() as never, { preEncoded: true, compress: true });
}

/**
 * An event as socket.io's own encoder writes it for `socket`'s namespace (a string, and a buffer per binary part),
 * to be sent to many clients with sendEncoded: the columnar snapshot holds a megabyte of binary and, at SCALE,
 * 15,000 night figures, which `emit` walked for binary parts and stringified again for every client.
 */
export function encodedEvent(socket: Socket, event: string, payload: unknown): unknown[] {
  const encoder = (socket.client as unknown as { encoder: { encode(packet: unknown): unknown[] } }).encoder;
  return encoder.encode({ type: EVENT_PACKET, nsp: socket.nsp.name, data: [event, payload] });
}

/** Sends packets of encodedEvent as `socket.compress(compress).emit` would send the event. */
export function sendEncoded(socket: Socket, packets: unknown[], compress: boolean): void {
  socket.client._packet(packets as never, { preEncoded: true, compress });
}
