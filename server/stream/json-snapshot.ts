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

/** Sends a packet of jsonPacketWithEntries as `socket.compress(true).emit` would send the message. */
export function sendJsonPacket(socket: Socket, packet: string): void {
  // socket.io's broadcast hands its pre-encoded packets to each client the same way
  socket.client._packet(packet as never, { preEncoded: true, compress: true });
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
