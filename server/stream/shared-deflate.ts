import { constants, deflateRaw, type ZlibOptions } from 'node:zlib';

/**
 * The LZ77 window of the server's permessage-deflate in bits, as connection-guard.ts offers it
 * (`serverMaxWindowBits`): a message deflated once with it inflates on every client that accepted that offer.
 * zlib's largest: its context lives for one message, not per connection, and a 100,000-sensor city's state as
 * JSON (24.0 MB, /api/state) deflates to 1.42 MB with it against 1.86 MB with the 2^10 window that kept a
 * context per connection small (2^12: 1.76 MB; memLevel 8, 95–144 ms each, one probe, 3 Dec).
 */
export const SHARED_DEFLATE_WINDOW_BITS = 15;

/**
 * zlib's default level as `ws` deflates; memLevel 8, not the 3 a connection's own context takes (connection-guard.ts):
 * this context lives for one message, not for the connection.
 */
const OPTIONS: ZlibOptions = { windowBits: SHARED_DEFLATE_WINDOW_BITS, memLevel: 8, finishFlush: constants.Z_SYNC_FLUSH };

/** The raw DEFLATE of `message`, ended by a sync flush, in zlib's thread pool. */
export type DeflateRaw = (message: Buffer) => Promise<Buffer>;

const deflateInPool: DeflateRaw = (message) =>
  new Promise((resolve, reject) => deflateRaw(message, OPTIONS, (err, out) => (err ? reject(err) : resolve(out))));

/** The empty stored block a sync flush ends with; RFC 7692 7.2.1 takes it off the message. */
const SYNC_FLUSH_TAIL = Buffer.from([0x00, 0x00, 0xff, 0xff]);

/**
 * One message's permessage-deflate payload (RFC 7692 7.2.1: raw DEFLATE ended by a sync flush, without its last
 * four bytes), made once for every client whose connection compresses each message alone (no context takeover):
 * deflated by `ws` for each client, the same 25 MB JSON snapshot of a 100,000-sensor city was compressed again
 * for every JSON client that joined, and a JSON room's delta for every member. Deflated in zlib's thread pool
 * when first asked for, so a message no client compresses costs nothing.
 */
export class SharedDeflate {
  /** the payload once deflated; null before, or when zlib failed (the message then goes through `ws` as before) */
  bytes: Buffer | null = null;
  failed = false;
  private deflating: Promise<void> | null = null;

  constructor(
    readonly message: Buffer,
    private readonly deflate: DeflateRaw = deflateInPool,
  ) {}

  /** Resolves when `bytes` is there or `failed` is set; never rejects. */
  ready(): Promise<void> {
    this.deflating ??= this.deflate(this.message).then(
      (out) => {
        const ends = out.length >= SYNC_FLUSH_TAIL.length && out.subarray(out.length - SYNC_FLUSH_TAIL.length).equals(SYNC_FLUSH_TAIL);
        if (ends) this.bytes = out.subarray(0, out.length - SYNC_FLUSH_TAIL.length);
        else this.failed = true;
      },
      () => {
        this.failed = true;
      },
    );
    return this.deflating;
  }
}
