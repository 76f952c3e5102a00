import { createHash } from 'node:crypto';
import { createGzip } from 'node:zlib';
import type { Request, Response } from 'express';
import { sliceYielder } from '../ingest/yielding.js';
import { jsonSlices } from './json-in-slices.js';

interface Made {
  /**
   * The JSON in the parts it was made in, sent one after the other: joined into one buffer, the registry's 36 MB
   * held the event loop 290 ms of a 391 ms stall at its first request (a profile: copying them).
   */
  parts: readonly Buffer[];
  bytes: number;
  etag: string;
  /** null when zlib failed: the body then goes as it is */
  gzipped: Promise<Buffer | null>;
}

/**
 * A JSON answer that does not change while the server runs (the sensor registry), made once: serialised a slice of
 * its long list at a time, yielding between slices, hashed for its ETag and gzipped in zlib's thread pool. At
 * SCALE=100000 the registry is 36 MB of JSON: serialised again for every page that loaded, it held the event loop
 * 200-275 ms and went uncompressed to a phone; made in one piece, once, it still held it 503-555 ms. A page that has it
 * answers 304 to its revalidation.
 */
export class FixedJsonBody<T extends object> {
  private made: Promise<Made> | null = null;

  constructor(
    private readonly value: () => T,
    /** the long list in the value, serialised in slices (none: the value in one piece) */
    private readonly list?: keyof T & string,
  ) {}

  /** Makes the body now (at start-up) rather than at the first request, which a page would wait for. */
  prepare(): this {
    // a body that cannot be made fails its requests (send), not the process as an unhandled rejection
    (this.made ??= this.make()).catch(() => undefined);
    return this;
  }

  async send(req: Request, res: Response): Promise<void> {
    const made = await (this.made ??= this.make());
    // revalidated on every load: a restarted server with another registry (another SCALE) has another ETag
    res.set({ ETag: made.etag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' }).type('application/json');
    if (req.fresh) {
      res.status(304).end();
      return;
    }
    const gzipped = req.acceptsEncodings('gzip') === 'gzip' ? await made.gzipped : null;
    if (gzipped) {
      res.set('Content-Encoding', 'gzip').send(gzipped);
      return;
    }
    res.set('Content-Length', String(made.bytes));
    // queued on the socket as they are, not copied; a HEAD request gets the headers only
    if (req.method !== 'HEAD') for (const part of made.parts) res.write(part);
    res.end();
  }

  private async make(): Promise<Made> {
    const value = this.value();
    const parts = this.list ? jsonSlices(value, this.list) : [JSON.stringify(value)];
    const hash = createHash('sha1');
    const chunks: Buffer[] = [];
    const breathe = sliceYielder();
    for await (const part of parts) {
      const chunk = Buffer.from(part);
      hash.update(chunk);
      chunks.push(chunk);
      await breathe();
    }
    const bytes = chunks.reduce((n, c) => n + c.length, 0);
    return { parts: chunks, bytes, etag: `W/"${hash.digest('base64url')}"`, gzipped: gzipParts(chunks) };
  }
}

/** The parts gzipped in zlib's thread pool, as one buffer (the registry's: 1.8 MB); null when zlib failed. */
function gzipParts(parts: readonly Buffer[]): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const gz = createGzip({ level: 6 });
    const out: Buffer[] = [];
    gz.on('data', (chunk: Buffer) => out.push(chunk));
    gz.on('end', () => resolve(Buffer.concat(out)));
    gz.on('error', () => resolve(null));
    for (const part of parts) gz.write(part);
    gz.end();
  });
}
