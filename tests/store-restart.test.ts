import { afterAll, describe, expect, it } from 'vitest';
import { seriesHistorySchema } from '../common/history.js';
import { trafficClosureSchema, type TrafficClosure } from '../common/protocol.js';
import { FLUSH_INTERVAL_MS } from '../server/store/history-writer.js';
import { startChildServer, stopChildServer, type ChildServer } from './helpers/child-server.js';
import { storeBackends } from './helpers/store-backends.js';
import { login, TEST_ADMIN_PASSWORD } from './helpers/auth-session.js';

/**
 * The history survives a crash: the server runs as its own process on the real-time run, readings
 * flow in through POST /api/ingest, an operator closes a link, and the process is SIGKILLed mid-stream.
 * A new process on the same store must have every reading accepted more than one flush interval
 * before the kill, and the closure in force again.
 */

const KEY = 'restart-test-key-5b1e93';
const STATION = 'climate-westpark';
const LINK = 'nordring-1-cw';
const baseEnv = {
  SIM_START: 'now',
  SIM_SPEED: '1',
  // The simulator keeps traffic, parking and charging flowing; the climate station is this test's alone.
  SIMULATOR_KINDS: 'traffic,parking,charging',
  INGEST_API_KEYS: KEY,
  STREAM_TICK_MS: '200',
};
const backends = await storeBackends('store_restart');
const running: ChildServer[] = [];

afterAll(async () => {
  for (const s of running) await stopChildServer(s, 'SIGKILL');
  for (const b of backends) await b.cleanUp();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function climateReading(ts: number, i: number) {
  return { sensorId: STATION, kind: 'climate', ts, values: { airTempC: 20 + (i % 50) / 10, relHumidityPct: 50, windKmh: 5, solarWm2: 300 } };
}

async function ingest(url: string, readings: unknown[]): Promise<number> {
  const res = await fetch(`${url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY }, body: JSON.stringify(readings) });
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { accepted: number }).accepted;
}

describe.each(backends)('SIGKILL and restart on the same $name store', (backend) => {
  it('keeps every reading accepted more than one flush interval before the kill, and the closure in force', async () => {
    const env = { ...baseEnv, ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, ...(await backend.env()) };
    const first = await startChildServer(env);
    running.push(first);
    // No wait for a first write: the server says it runs only once its writer thread has the store open.

    // Readings flow for a while; each one counts as accepted when its answer has arrived.
    const accepted: Array<{ ts: number; airTempC: number; acceptedAt: number }> = [];
    let closure: TrafficClosure | null = null;
    const flowUntil = Date.now() + Math.max(3_000, 4 * FLUSH_INTERVAL_MS);
    for (let i = 0; Date.now() < flowUntil; i++) {
      const reading = climateReading(Date.now() - 500, i);
      expect(await ingest(first.url, [reading]), first.log.slice(-5).join('\n')).toBe(1);
      accepted.push({ ts: reading.ts, airTempC: reading.values.airTempC, acceptedAt: Date.now() });
      if (i === 3) {
        // closures need the operator role; the first admin has it
        const admin = await login(first.url, 'admin', TEST_ADMIN_PASSWORD);
        const res = await admin.fetch('/api/traffic/closures', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ linkId: LINK, kind: 'closure', note: 'Absturzsicherung' }) });
        expect(res.status).toBe(201);
        closure = trafficClosureSchema.parse(await res.json());
      }
      await sleep(50);
    }
    const killedAt = Date.now();
    await stopChildServer(first, 'SIGKILL');
    expect(first.process.signalCode).toBe('SIGKILL');

    const second = await startChildServer(env);
    running.push(second);
    const mustHave = accepted.filter((r) => r.acceptedAt < killedAt - FLUSH_INTERVAL_MS);
    expect(mustHave.length, `${accepted.length} accepted in the flow, over ${killedAt - accepted[0]!.acceptedAt} ms`).toBeGreaterThan(10);

    const from = accepted[0]!.ts;
    const res = await fetch(`${second.url}/api/history/sensors/${STATION}?step=raw&from=${from}&to=${killedAt + 1000}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const history = seriesHistorySchema.parse(await res.json());
    expect(history.run).toBe((await (await fetch(`${second.url}/api/history/runs`)).json()).current);
    const stored = new Map(history.points.map((p) => [p.t, p.values.airTempC]));
    const missing = mustHave.filter((r) => stored.get(r.ts) !== r.airTempC);
    expect(missing.map((r) => killedAt - r.acceptedAt), `${missing.length} of ${mustHave.length} readings lost (ms before the kill); accepted ${accepted.length}, stored ${history.points.length}`).toEqual([]);

    const closures = (await (await fetch(`${second.url}/api/traffic/closures`)).json()) as { closures: TrafficClosure[] };
    expect(closures.closures).toEqual([closure]);

    await stopChildServer(second, 'SIGTERM');
  }, 120_000);
});
