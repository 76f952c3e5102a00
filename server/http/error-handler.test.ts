import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureLogs } from '../../tests/helpers/log-capture.js';
import { classifyHttpError, jsonErrorHandler } from './error-handler.js';

describe('classifyHttpError', () => {
  it.each([
    [{ type: 'entity.too.large', status: 413 }, 413, 'too_large'],
    [{ type: 'entity.parse.failed', status: 400 }, 400, 'malformed'],
    [{ type: 'encoding.unsupported', status: 415 }, 415, 'unsupported_media_type'],
    [{ type: 'charset.unsupported', status: 415 }, 415, 'unsupported_media_type'],
    [{ type: 'request.aborted', status: 400 }, 400, 'malformed'],
    [{ status: 404 }, 404, 'bad_request'],
    [{ statusCode: 422 }, 422, 'bad_request'],
    [new Error('ENOENT: /srv/stadtpuls/secret.json'), 500, 'internal_error'],
    [{ type: 'toString', status: 503 }, 500, 'internal_error'],
    ['a string', 500, 'internal_error'],
    [null, 500, 'internal_error'],
  ])('%j → %i %s', (err, status, error) => {
    expect(classifyHttpError(err)).toMatchObject({ status, error });
  });
});

describe('jsonErrorHandler', () => {
  const { logger, lines } = captureLogs('debug');
  let url: string;
  let close: () => void;

  beforeAll(async () => {
    const app = express();
    app.get('/throws', () => {
      throw new Error('boom at /srv/stadtpuls/server/secret.ts:12 password=hunter2');
    });
    app.get('/rejects', async () => {
      throw new TypeError('async boom');
    });
    app.post('/json', express.json({ limit: 100 }), (_req, res) => void res.json({ ok: true }));
    app.use(jsonErrorHandler(logger));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('answers a thrown error with a JSON 500 that names nothing of the server, and logs it in full', async () => {
    for (const path of ['/throws', '/rejects']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: 'internal_error', detail: 'the server failed on this request; the error is in its log' });
      expect(text).not.toMatch(/boom|srv|\.ts|hunter2|at /);
    }
    const logged = lines.filter((l) => l.msg === 'request failed');
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ level: 50, method: 'GET', path: '/throws', err: { message: expect.stringContaining('boom'), stack: expect.stringContaining('error-handler.test.ts') } });
  });

  it('maps body-parser refusals to 400, 413 and 415', async () => {
    const post = (body: string, headers: Record<string, string>) => fetch(`${url}/json`, { method: 'POST', headers, body });
    const notJson = await post('{nope', { 'content-type': 'application/json' });
    expect([notJson.status, await notJson.json()]).toEqual([400, { error: 'malformed', detail: 'request body is not valid JSON' }]);
    const big = await post(JSON.stringify({ x: 'y'.repeat(500) }), { 'content-type': 'application/json' });
    expect([big.status, (await big.json()).error]).toEqual([413, 'too_large']);
    const latin = await post('{}', { 'content-type': 'application/json; charset=latin1' });
    expect([latin.status, (await latin.json()).error]).toEqual([415, 'unsupported_media_type']);
    const zipped = await post('{}', { 'content-type': 'application/json', 'content-encoding': 'x-unknown' });
    expect([zipped.status, (await zipped.json()).error]).toEqual([415, 'unsupported_media_type']);
  });
});
