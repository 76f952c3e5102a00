import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Stadtpuls } from '../server/app.js';
import { startTestBroker, type TestBroker } from './helpers/mqtt-broker.js';
import { startStallingProxy } from './helpers/stalling-proxy.js';
import { startTestServer } from './helpers/test-server.js';
import { waitFor } from './helpers/wait.js';

/** Issue 9: /api/health said "ok" while the MQTT link was down, and a silently stalled broker looked up for 88 s. */

interface Health {
  status: 'ok' | 'degraded';
  reasons: string[];
  sources: Record<string, { link?: { state: string } }>;
}

let server: Stadtpuls | undefined;
const cleanup: Array<() => Promise<void>> = [];

afterEach(async () => {
  await server?.stop();
  server = undefined;
  for (const c of cleanup.splice(0)) await c();
});

/** A loopback port nothing listens on: connecting is refused at once. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

async function get<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
}

describe('GET /api/health', () => {
  it('is ok with no feed configured and nothing failing', async () => {
    const started = await startTestServer({ STREAM_TICK_MS: '200' });
    server = started.server;
    const { body } = await get<Health>(`${started.url}/api/health`);
    expect(body).toMatchObject({ status: 'ok', reasons: [] });
  });

  it('is degraded, with the reasons, while configured feeds cannot reach their upstream', async () => {
    const port = await closedPort();
    const started = await startTestServer({ MQTT_URL: `mqtt://127.0.0.1:${port}`, PARKAPI_URL: `http://127.0.0.1:${port}/parkapi`, STREAM_TICK_MS: '200' });
    server = started.server;
    const body = await waitFor(async () => {
      const h = (await get<Health>(`${started.url}/api/health`)).body;
      return h.reasons.length === 2 && h;
    }, 'both feeds reported down');
    expect(body.status).toBe('degraded');
    expect(body.reasons.find((r) => r.startsWith('feed mqtt: link down'))).toBeDefined();
    expect(body.reasons.find((r) => r.startsWith('feed parkapi: link down'))).toMatch(/ECONNREFUSED/);
  });

  it('is degraded while a registered check fails, ok once it passes', async () => {
    const started = await startTestServer({ STREAM_TICK_MS: '200' });
    server = started.server;
    let backlog = 50_000;
    server.health.register('replica', () => (backlog < 10_000 ? { ok: true } : { ok: false, reason: `${backlog} readings waiting to be written` }));
    server.health.register('broken check', () => {
      throw new Error('boom');
    });
    const degraded = (await get<Health>(`${started.url}/api/health`)).body;
    expect(degraded.status).toBe('degraded');
    expect(degraded.reasons).toEqual(['replica: 50000 readings waiting to be written', 'broken check: check failed: boom']);
    backlog = 0;
    expect((await get<Health>(`${started.url}/api/health`)).body.reasons).toEqual(['broken check: check failed: boom']);
  });

  it('notices an MQTT broker that stalls without closing the connection within 1.5 × keepalive', async () => {
    const broker: TestBroker = await startTestBroker();
    cleanup.push(() => broker.stop());
    const { hostname, port } = new URL(broker.url);
    const proxy = await startStallingProxy({ host: hostname, port: Number(port) });
    cleanup.unshift(() => proxy.stop());
    const started = await startTestServer({ SIMULATOR: 'off', MQTT_URL: `mqtt://127.0.0.1:${proxy.port}`, MQTT_KEEPALIVE_S: '2', STREAM_TICK_MS: '200' });
    server = started.server;
    await waitFor(async () => (await get<Health>(`${started.url}/api/health`)).body.sources.mqtt?.link?.state === 'up', 'MQTT link up');
    expect((await get<Health>(`${started.url}/api/health`)).body.status).toBe('ok');

    proxy.stall();
    const stalledAt = Date.now();
    const body = await waitFor(async () => {
      const h = (await get<Health>(`${started.url}/api/health`)).body;
      return h.status === 'degraded' && h;
    }, 'health to turn degraded', 10_000);
    const noticedAfterMs = Date.now() - stalledAt;
    console.log(JSON.stringify({ keepaliveS: 2, stallNoticedAfterMs: noticedAfterMs }));
    expect(body.reasons[0]).toMatch(/^feed mqtt: link (down|connecting)/);
    // mqtt.js pings after 1 × keepalive and gives up at 1.5 ×: 3 s here, 22.5 s with the default 15 s.
    expect(noticedAfterMs).toBeLessThan(4500);
  });
});

describe('GET /api/ready', () => {
  it('answers 503 until the first tick has gone out, then 200', async () => {
    const started = await startTestServer({ STREAM_TICK_MS: '1500' });
    server = started.server;
    const before = await get<{ ready: boolean; waitingFor: string[] }>(`${started.url}/api/ready`);
    expect(before).toEqual({ status: 503, body: { ready: false, waitingFor: ['first tick'] } });
    await waitFor(async () => (await fetch(`${started.url}/api/ready`)).status === 200, 'ready after the first tick', 5000);
  });

  it('waits for every registered condition', async () => {
    const started = await startTestServer({ STREAM_TICK_MS: '200' });
    server = started.server;
    let warm = false;
    server.readiness.require('cache warm', () => warm);
    await waitFor(() => server!.stream.lastSeq > 0, 'first tick');
    expect(await get(`${started.url}/api/ready`)).toEqual({ status: 503, body: { ready: false, waitingFor: ['cache warm'] } });
    warm = true;
    expect(await get(`${started.url}/api/ready`)).toEqual({ status: 200, body: { ready: true, waitingFor: [] } });
  });
});
