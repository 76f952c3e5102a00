import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response } from 'express';
import { sliceYielder } from '../ingest/yielding.js';
import { jsonSlices } from './json-in-slices.js';

const gzipAsync = promisify(gzip);

interface Made {
  json: Buffer;
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
    if (gzipped) res.set('Content-Encoding', 'gzip').send(gzipped);
    else res.send(made.json);
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
    const json = Buffer.concat(chunks);
    return { json, etag: `W/"${hash.digest('base64url')}"`, gzipped: gzipAsync(json, { level: 6 }).catch(() => null) };
  }
}
