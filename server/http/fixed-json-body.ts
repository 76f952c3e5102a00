import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response } from 'express';

const gzipAsync = promisify(gzip);

interface Made {
  json: Buffer;
  etag: string;
  /** null when zlib failed: the body then goes as it is */
  gzipped: Promise<Buffer | null>;
}

/**
 * A JSON answer that does not change while the server runs (the sensor registry), made once at its first request:
 * serialised, hashed for its ETag and gzipped in zlib's thread pool. At SCALE=100000 the registry is 36 MB of JSON:
 * serialised again for every page that loaded, it held the event loop 200-275 ms and went uncompressed to a phone.
 * A page that has it answers 304 to its revalidation.
 */
export class FixedJsonBody {
  private made: Made | null = null;

  constructor(private readonly value: () => unknown) {}

  /** Makes the body now (at start-up) rather than at the first request, which a page would wait for. */
  prepare(): this {
    this.made ??= this.make();
    return this;
  }

  async send(req: Request, res: Response): Promise<void> {
    const made = (this.made ??= this.make());
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

  private make(): Made {
    const json = Buffer.from(JSON.stringify(this.value()));
    const etag = `W/"${createHash('sha1').update(json).digest('base64url')}"`;
    return { json, etag, gzipped: gzipAsync(json, { level: 6 }).catch(() => null) };
  }
}
