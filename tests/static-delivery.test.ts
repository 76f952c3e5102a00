import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stadtpuls } from '../server/app.js';
import { startTestServer } from './helpers/test-server.js';

// A client build of its own (what `vite build` lays out), so the test never depends on dist/client.
const clientDir = mkdtempSync(path.join(tmpdir(), 'stadtpuls-static-'));
const SCRIPT = `export const rows = [${Array.from({ length: 2000 }, (_, i) => `{ id: ${i}, label: 'Messstelle ${i}' }`).join(', ')}];\n`;
mkdirSync(path.join(clientDir, 'assets'));
writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>');
writeFileSync(path.join(clientDir, 'assets', 'index-Ab12Cd34.js'), SCRIPT);

let server: Stadtpuls;
let url: string;
const savedClientDir = process.env.TEST_CLIENT_DIR;

beforeAll(async () => {
  process.env.TEST_CLIENT_DIR = clientDir;
  ({ server, url } = await startTestServer());
});
afterAll(async () => {
  process.env.TEST_CLIENT_DIR = savedClientDir;
  await server?.stop();
});

/** A raw GET (fetch would decode the body and hide what went over the wire). */
function get(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(`${url}${pathname}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('static delivery of the client', () => {
  it('sends hashed assets gzip-compressed when asked, cached for good', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.body.length).toBeLessThan(SCRIPT.length / 3);
    expect(gunzipSync(res.body).toString()).toBe(SCRIPT);
  });

  it('sends brotli when the browser prefers it', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
  });

  it('sends assets plain to a client that asks for no encoding', async () => {
    const res = await get('/assets/index-Ab12Cd34.js');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString()).toBe(SCRIPT);
  });

  it('revalidates index.html on every load and keeps the security headers', async () => {
    for (const pathname of ['/', '/index.html']) {
      const res = await get(pathname, { 'accept-encoding': 'gzip, br' });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('leaves a missing asset a 404, not cached', async () => {
    const res = await get('/assets/gone-00000000.js');
    expect(res.status).toBe(404);
    expect(String(res.headers['cache-control'] ?? '')).not.toContain('immutable');
  });
});
