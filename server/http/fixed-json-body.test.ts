import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedJsonBody } from './fixed-json-body.js';

/** A raw GET (node:http leaves the body as it came, gzipped or not), with the headers given. */
function get(port: number, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request({ port, path: '/sensors', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('a fixed JSON answer (the sensor registry)', () => {
  const value = { type: 'FeatureCollection', features: Array.from({ length: 2000 }, (_, i) => ({ id: `s-${i}`, name: `Sensor ${i}` })) };
  let made = 0;
  // its features serialised in slices, as the registry's are
  const body = new FixedJsonBody(() => {
    made += 1;
    return value;
  }, 'features');
  let server: ReturnType<express.Express['listen']>;
  let port = 0;
  beforeAll(async () => {
    const app = express();
    app.get('/sensors', (req, res, next) => {
      body.send(req, res).catch(next);
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => server.close());

  it('goes gzipped to a client that takes gzip, as it is to one that does not, the same JSON either way', async () => {
    const zipped = await get(port, { 'Accept-Encoding': 'gzip, deflate' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual(value);
    expect(zipped.body.length).toBeLessThan(JSON.stringify(value).length / 4);
    const plain = await get(port, { 'Accept-Encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString())).toEqual(value);
    // sent in its parts, with the length of them all
    expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(JSON.stringify(value)));
  });

  it('is made once, and a client that has it gets 304 for its ETag', async () => {
    const first = await get(port, {});
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await get(port, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await get(port, { 'If-None-Match': 'W/"other"' })).status).toBe(200);
    expect(made).toBe(1);
  });

  it('is made when prepared, before any request, and not again when asked', () => {
    let calls = 0;
    const prepared = new FixedJsonBody(() => {
      calls += 1;
      return { a: 1 };
    });
    expect(calls).toBe(0);
    expect(prepared.prepare().prepare()).toBe(prepared);
    expect(calls).toBe(1);
  });

  it('made in slices, is the text of the value in one piece, and its ETag the hash of that text', async () => {
    const sliced = await get(port, { 'Accept-Encoding': 'identity' });
    expect(sliced.body.toString()).toBe(JSON.stringify(value));
    expect(sliced.headers.etag).toBe(`W/"${createHash('sha1').update(JSON.stringify(value)).digest('base64url')}"`);
  });
});
