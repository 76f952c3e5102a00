import type { Socket } from 'socket.io';
import { EVENTS, type Delta, type Snapshot } from '../../common/protocol.js';

/** socket.io-parser's packet type of an event without binary attachments */
const EVENT_PACKET = 2;

/**
 * A JSON message with entries (the snapshot, a catch-up delta) as the socket.io packet
 * `socket.emit(event, message)` writes, byte for byte, with the entries given as JSON text
 * (LiveState.entriesJson). A snapshot's is written once per sequence number and view and sent as it
 * is to every client that asks. Emitting the object instead costs each client a walk for binary parts
 * and a JSON.stringify of the whole (35 MB at 100,000 sensors), and the object itself an entry object
 * per generated sensor, built from the columns only to be taken apart. `without` is the message with
 * its `entries` left empty; its other parts keep their places.
 */
export function jsonPacketWithEntries(event: typeof EVENTS.snapshot | typeof EVENTS.delta, without: Snapshot | Delta, entriesJson: string, nsp = '/'): string {
  // A marker no entry or channel contains, in the place of the entries, then the entries spliced in.
  const marker = `\u0000entries-${Math.random().toString(36).slice(2)}\u0000`;
  const text = JSON.stringify([event, { ...without, entries: marker }]);
  const quoted = JSON.stringify(marker);
  const at = text.indexOf(quoted);
  if (at < 0 || text.indexOf(quoted, at + 1) >= 0) throw new Error('the snapshot marker is not in the packet exactly once');
  return `${EVENT_PACKET}${nsp === '/' ? '' : `${nsp},`}${text.slice(0, at)}${entriesJson}${text.slice(at + quoted.length)}`;
}

/** A packet sent as it is to many clients, with the engine.io message it makes as UTF-8, made once for all of them. */
export interface SharedJsonPacket {
  text: string;
  /** engine.io's message (`4` and the packet) as UTF-8: server/stream/engine-sending.ts hands it to `ws` as a text frame */
  utf8Message: Buffer;
}

/** engine.io's packet type of a message */
const ENGINE_MESSAGE = 0x34;

/**
 * The packet with its engine.io message in UTF-8: `ws` otherwise measures and copies a string message into UTF-8
 * for every client, and fifteen JSON clients joining a 100,000-sensor city at once were fifteen copies of 25 MB in
 * one turn of the event loop (about 36 ms each; a CPU profile of bench/json-join.bench.ts).
 */
export function sharedJsonPacket(text: string): SharedJsonPacket {
  const utf8Message = Buffer.allocUnsafe(1 + Buffer.byteLength(text));
  utf8Message[0] = ENGINE_MESSAGE;
  utf8Message.write(text, 1, 'utf8');
  return { text, utf8Message };
}

/** Sends a packet of jsonPacketWithEntries as `socket.compress(true).emit` would send the message. */
export function sendJsonPacket(socket: Socket, packet: string | SharedJsonPacket): void {
  // socket.io's broadcast hands its pre-encoded packets to each client the same way; the options reach engine.io's packet
  if (typeof packet === 'string') socket.client._packet(packet as never, { preEncoded: true, compress: true });
  else socket.client._packet(packet.text as never, { preEncoded: true, compress: true, utf8Message: packet.utf8Message } as never);
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
