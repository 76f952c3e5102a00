/**
 * How long a runtime scenario switch takes (POST /api/scenario, server/scenario/scenario-switch.ts):
 * a real server with CLIENTS socket clients connected; each round switches to the next scenario and
 * measures the POST's answer and when the first and the last client has the fresh snapshot of the new
 * run. Prints JSON (medians over the rounds, and every round).
 *
 * `npx tsx bench/scenario-switch.bench.ts [clients=100] [rounds=8]`
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { CSRF_HEADER, authStatusSchema } from '../common/auth.js';
import type { Snapshot } from '../common/protocol.js';
import { scenarioSwitchResultSchema } from '../common/scenarios.js';
import { createStadtpuls } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';

const CLIENTS = Number(process.argv[2] ?? 100);
const ROUNDS = Number(process.argv[3] ?? 8);
const PASSWORD = 'bench-admin-password';
const SCENARIOS = ['hitzewelle-august-2024', 'vfl-heimspiel', 'a40-sperrung', 'normaler-werktag'];

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round1 = (x: number) => Math.round(x * 10) / 10;

const dir = mkdtempSync(path.join(tmpdir(), 'stadtpuls-bench-switch-'));
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', STADTPULS_DB: path.join(dir, 'history.sqlite'), ADMIN_PASSWORD: PASSWORD, WRITE_RATE_PER_MIN: '1000' });
const server = createStadtpuls(config, { logger: createLogger('silent') });
const url = await server.start();

const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'admin', password: PASSWORD }) });
const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
const csrf = authStatusSchema.parse(await res.json()).csrfToken ?? '';

/** Per client: when it received a snapshot of each run (performance.now()). */
const received: Array<Map<string, number>> = [];
const sockets: Socket[] = [];
for (let i = 0; i < CLIENTS; i++) {
  const seen = new Map<string, number>();
  received.push(seen);
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  socket.on('snapshot', (s: Snapshot) => {
    if (s.run && !seen.has(s.run)) seen.set(s.run, performance.now());
  });
  sockets.push(socket);
}
const waitUntil = async (check: () => boolean, what: string, ms = 30_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};
await waitUntil(() => received.every((m) => m.size > 0), 'every client connected');
await new Promise((r) => setTimeout(r, 3000));

const rounds: Array<{ to: string; postMs: number; firstClientMs: number; lastClientMs: number }> = [];
for (let i = 0; i < ROUNDS; i++) {
  const to = SCENARIOS[i % SCENARIOS.length];
  const t0 = performance.now();
  const post = await fetch(`${url}/api/scenario`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, [CSRF_HEADER]: csrf }, body: JSON.stringify({ id: to }) });
  const tPost = performance.now();
  if (post.status !== 200) throw new Error(`switch to ${to}: HTTP ${post.status} ${await post.text()}`);
  const { run } = scenarioSwitchResultSchema.parse(await post.json());
  await waitUntil(() => received.every((m) => m.has(run)), `every client's snapshot of ${run}`);
  const times = received.map((m) => m.get(run)! - t0);
  rounds.push({ to, postMs: round1(tPost - t0), firstClientMs: round1(Math.min(...times)), lastClientMs: round1(Math.max(...times)) });
  // let the new city run a little before the next switch
  await new Promise((r) => setTimeout(r, 2000));
}

for (const s of sockets) s.close();
await server.stop();
console.log(
  JSON.stringify(
    {
      bench: 'scenario-switch',
      clients: CLIENTS,
      rounds: ROUNDS,
      streamTickMs: config.streamTickMs,
      medianPostMs: round1(median(rounds.map((r) => r.postMs))),
      medianFirstClientMs: round1(median(rounds.map((r) => r.firstClientMs))),
      medianLastClientMs: round1(median(rounds.map((r) => r.lastClientMs))),
      perRound: rounds,
    },
    null,
    2,
  ),
);
process.exit(0);
