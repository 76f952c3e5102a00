/**
 * A JSON client joining a big city (issue 13, backpressure and "the JSON form stays available"). At SCALE=100000 the
 * JSON snapshot is tens of MB, far over a client's byte budget (STREAM_CLIENT_BUDGET, 1 MB), so the client is behind
 * from its first message on; the question is whether it then gets live, or is sent one snapshot after another.
 * A whole server runs in a child process (the simulator at the default rate, SQLite in a temporary directory);
 * JOIN_CLIENTS JSON clients (default 5) connect at the same time (a control room's screens after a restart) and stay
 * JOIN_WINDOW_S seconds (default 90); for each the bench records: snapshots received, when each came (s after connecting), when the first delta came that
 * followed its last snapshot, and deltas received after it with none missing. The server's backpressure counters and
 * the longest its event loop was held in the window come from /metrics at the end.
 * JOIN_SERVER_DIR=<checkout> runs the server of another checkout (the before; it needs its own node_modules),
 * JOIN_SCALE (default 100000), JOIN_SETTLE_S (default 20: the generated city is built and ticking), JOIN_SERVER_NODE_ARGS
 * (node options for the server), JOIN_SERVER_STDOUT=<file> (the server's stdout, e.g. with `--trace-gc`), BENCH_CPU_PROF=<dir> (the server's CPU profile and event-loop stalls over the joins,
 * `server.cpuprofile` and `server.stalls.json` for `npx tsx bench/stall-profile.ts`; the server checkout needs
 * bench/stall-server.ts), BENCH_STALL_SCHED=<file> (each stall over 40 ms with the time the server's main thread ran in
 * it and the time it waited for a core, bench/stall-sched.ts; summarised as `stallsOver40Ms`: on 2 cores the clients
 * of this bench, in another process, take the server's core for tens of ms, which the event-loop figures count as stalls).
 * Run: `npx tsx bench/json-join.bench.ts`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { median } from './median.js';
import type { SchedStall } from './stall-sched.js';

const SERVER_DIR = path.resolve(process.env.JOIN_SERVER_DIR ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
const SCALE = Number(process.env.JOIN_SCALE ?? 100_000);
const CLIENTS = Number(process.env.JOIN_CLIENTS ?? 5);
const WINDOW_S = Number(process.env.JOIN_WINDOW_S ?? 90);
const SETTLE_S = Number(process.env.JOIN_SETTLE_S ?? 20);
/** a CPU profile of the server's event loop and its stalls over the joins, written here (bench/stall-server.ts) */
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
/** the server's stalls over the joins with its main thread's time on a core and in the run queue, written to this file (bench/stall-sched.ts) */
const SCHED_FILE = process.env.BENCH_STALL_SCHED;
const WATCHED = Boolean(PROFILE_DIR || SCHED_FILE);
/** extra arguments for the server's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` */
const NODE_ARGS = (process.env.JOIN_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
/** the server's stdout to this file, e.g. with `JOIN_SERVER_NODE_ARGS=--trace-gc` for its collector's pauses */
const SERVER_STDOUT = process.env.JOIN_SERVER_STDOUT;
const PORT = 8300 + Math.floor(Math.random() * 500);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const s1 = (ms: number) => Math.round(ms / 100) / 10;

interface Join {
  snapshots: number;
  snapshotAtS: number[];
  /** the first delta after the last snapshot: from here on the client is live */
  liveAtS: number | null;
  deltasAfter: number;
  /** deltas after the last snapshot whose seq did not follow the one before (a catch-up delta says where it starts: baseSeq) */
  gaps: number;
}

async function join(url: string): Promise<Join> {
  const t0 = performance.now();
  const at = () => s1(performance.now() - t0);
  const out: Join = { snapshots: 0, snapshotAtS: [], liveAtS: null, deltasAfter: 0, gaps: 0 };
  let lastSeq = -1;
  const s = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  s.on('snapshot', (snap: { seq: number }) => {
    out.snapshots += 1;
    out.snapshotAtS.push(at());
    out.liveAtS = null;
    out.deltasAfter = 0;
    out.gaps = 0;
    lastSeq = snap.seq;
  });
  s.on('delta', (d: { seq: number; baseSeq?: number }) => {
    if (out.snapshots === 0) return;
    if (out.liveAtS === null) out.liveAtS = at();
    out.deltasAfter += 1;
    if ((d.baseSeq ?? d.seq - 1) !== lastSeq) out.gaps += 1;
    lastSeq = d.seq;
  });
  await sleep(WINDOW_S * 1000);
  s.close();
  return out;
}

/** The longest stall, and the one in which the server itself ran longest: the loop's own work against waiting for a core. */
function schedSummary(stalls: SchedStall[]) {
  const most = (by: (s: SchedStall) => number) => stalls.reduce<SchedStall | null>((a, s) => (a && by(a) >= by(s) ? a : s), null);
  const brief = (s: SchedStall | null) => s && { ms: s.ms, runMs: s.runMs, waitMs: s.waitMs, atS: s1(s.atMs) };
  return { count: stalls.length, longest: brief(most((s) => s.ms)), longestRun: brief(most((s) => s.runMs ?? -1)) };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'json-join-'));
  // with BENCH_CPU_PROF the server records its loop's stalls over the joins (bench/stall-server.ts)
  const server = spawn(process.execPath, [...NODE_ARGS, '--import', 'tsx', WATCHED ? 'bench/stall-server.ts' : 'server/main.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, PORT: String(PORT), STADTPULS_DB: path.join(dir, 'h.db'), SCALE: String(SCALE), ADMIN_PASSWORD: 'json-join-bench', LOG_LEVEL: 'warn' },
    stdio: ['ignore', SERVER_STDOUT ? openSync(SERVER_STDOUT, 'w') : 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${PORT}`;
  try {
    for (let i = 0; i < 240; i++) {
      if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
      await sleep(500);
    }
    await sleep(SETTLE_S * 1000);
    // prom-client resets its event-loop histogram at each read: the figures at the end are the window's
    await fetch(`${url}/metrics`);
    if (WATCHED) server.kill('SIGUSR2');
    // the profiler's start holds the loop for a few hundred ms: the joins come after it
    if (PROFILE_DIR) await sleep(2000);
    const joins = await Promise.all(Array.from({ length: CLIENTS }, () => join(url)));
    if (WATCHED) {
      server.kill('SIGUSR2');
      await sleep(3000);
    }
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const loopSeconds = (name: string) => Number(new RegExp(`^nodejs_eventloop_lag_${name}_seconds (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);
    const backpressure = Object.fromEntries([...metrics.matchAll(/^stadtpuls_stream_backpressure_total\{outcome="(\w+)"\} (\d+)/gm)].map((m) => [m[1], Number(m[2])]));
    const liveAt = joins.map((j) => j.liveAtS).filter((v): v is number => v !== null);
    const sched = SCHED_FILE && existsSync(SCHED_FILE) ? schedSummary(JSON.parse(readFileSync(SCHED_FILE, 'utf8')) as SchedStall[]) : undefined;
    console.log(
      JSON.stringify(
        {
          machine: { cpus: cpus().length, model: cpus()[0]?.model, memGb: Math.round(totalmem() / 1e9), load1: Math.round(loadavg()[0] * 10) / 10 },
          serverDir: SERVER_DIR,
          scale: SCALE,
          windowS: WINDOW_S,
          clients: CLIENTS,
          live: `${liveAt.length} of ${CLIENTS}`,
          medianLiveAtS: liveAt.length ? median(liveAt) : null,
          medianSnapshots: median(joins.map((j) => j.snapshots)),
          backpressure,
          longestLoopStallMs: Math.round(loopSeconds('max') * 1000),
          loopDelayP99Ms: Math.round(loopSeconds('p99') * 1000),
          ...(sched && { stallsOver40Ms: sched }),
          joins,
        },
        null,
        2,
      ),
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
