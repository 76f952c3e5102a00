/**
 * Server memory per live-stream client (issue 13, "per client (goal ≤ 30 KB)"). A whole Stadtpuls server
 * runs in a child process with --expose-gc (the simulator, the history in SQLite, `MEM_SCALE` generated sensors);
 * for each kind of client, N Socket.IO clients (another process, bench/wire-clients.ts) connect and take
 * their snapshot, a few ticks pass, and the server's heap plus array buffers after two full collections is read
 * with them connected and after they have left. Prints JSON per kind: bytes per client on the heap, the RSS
 * difference per client, and how many of them hold a zlib deflate context (native memory the heap does not show):
 * - `json`: the whole city in JSON (the path before issue 13, what an old client still gets);
 * - `columns`: the whole city in the columnar form (the wall, the desk at city zoom);
 * - `columns-phone`: columns subscribed as a phone on the city centre at zoom 15 sends it (client/src/live/view-subscription.ts).
 * MEM_SCALE (default 100000; 0 for the registry's own sensors), MEM_CLIENTS (a number for every kind, or per kind as
 * `json=0,columns=100`; 0 skips a kind; defaults at clientsOf), MEM_SETTLE_S (default 15: the server's city is built before the first measure),
 * MEM_HOLD_S (default 5: ticks the clients stay connected before the measure).
 * MEM_HEAP_SNAPSHOTS=<dir> also writes the server's heap snapshots without and with each kind's clients
 * (`npx tsx bench/heap-diff.ts <kind>-without.heapsnapshot <kind>-with.heapsnapshot` says what a client holds).
 * Run: `npx tsx bench/client-memory.bench.ts`.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { writeHeapSnapshot } from 'node:v8';
import path from 'node:path';
import { viewSubscription } from '../client/src/live/view-subscription.js';
import type { SensorKind } from '../common/readings.js';
import { GUARDED_SOCKET_IO_OPTIONS } from '../server/stream/connection-guard.js';
import { PerMessageDeflate } from '../tests/helpers/ws-deflate.js';

const SCALE = Number(process.env.MEM_SCALE ?? 100_000);
const SETTLE_S = Number(process.env.MEM_SETTLE_S ?? 15);
const HOLD_S = Number(process.env.MEM_HOLD_S ?? 5);
const SNAPSHOTS = process.env.MEM_HEAP_SNAPSHOTS;
/** zlib's deflate memory, 2^(windowBits+2) + 2^(memLevel+9) bytes, for the server's permessage-deflate settings */
const ZLIB_CONTEXT_BYTES = (() => {
  const pmd = GUARDED_SOCKET_IO_OPTIONS.perMessageDeflate;
  const o = typeof pmd === 'object' ? (pmd as { serverMaxWindowBits?: number; zlibDeflateOptions?: { memLevel?: number } }) : {};
  return 2 ** ((o.serverMaxWindowBits ?? 15) + 2) + 2 ** ((o.zlibDeflateOptions?.memLevel ?? 8) + 9);
})();
const KINDS = ['json', 'columns', 'columns-phone'] as const;
type ClientKind = (typeof KINDS)[number];
const r1 = (v: number) => Math.round(v * 10) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Clients per kind: MEM_CLIENTS, else 1,000 of each in the registry's city and, at SCALE, 200 whole-city columnar
 * clients and 500 phones but no JSON client: its 25 MB snapshot, deflated for each, is not what that size is for
 * (in a trial 2–3 of 10 JSON clients had it within two minutes), and the columnar form is.
 */
function clientsOf(kind: ClientKind): number {
  const raw = process.env.MEM_CLIENTS;
  if (raw !== undefined && !raw.includes('=')) return Number(raw);
  const pairs = new Map((raw ?? '').split(',').map((p) => p.split('=') as [string, string]));
  const fallback = SCALE === 0 ? 1_000 : { json: 0, columns: 200, 'columns-phone': 500 }[kind];
  return Number(pairs.get(kind) ?? fallback);
}

/** A phone (390×844) on the city centre at zoom 15, the default layers. */
const PHONE_SUBSCRIPTION = viewSubscription(['climate', 'traffic', 'parking', 'charging'] satisfies SensorKind[], { lon: 7.2162, lat: 51.4818, zoom: 15 }, { width: 390, height: 844 });

interface Measure {
  heapBytes: number;
  rssBytes: number;
  connections: number;
  deflateContexts: number;
}

/**
 * Counts the connections whose permessage-deflate holds a zlib deflate context: its native memory (about
 * 2^(windowBits+2) + 2^(memLevel+9) bytes, 256 KB at zlib's defaults) is outside the V8 heap and its array buffers.
 * `ws` makes the context at a connection's first deflated message and frees it when the connection closes.
 */
function countDeflateContexts(): () => number {
  const holding = new Set<unknown>();
  const { compress, cleanup } = PerMessageDeflate.prototype;
  PerMessageDeflate.prototype.compress = function (this: unknown, ...args: unknown[]) {
    holding.add(this);
    return compress.apply(this, args);
  };
  PerMessageDeflate.prototype.cleanup = function (this: unknown) {
    holding.delete(this);
    return cleanup.call(this);
  };
  return () => holding.size;
}

async function serverChild(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the server child with --expose-gc');
  const deflateContexts = countDeflateContexts();
  const [{ startTestServer }] = await Promise.all([import('../tests/helpers/test-server.js')]);
  const { server, url } = await startTestServer({ ...(SCALE > 0 && { SCALE: String(SCALE) }), HTTP_MAX_CONNECTIONS: '100000' });
  const out = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
  out({ url });
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (line === 'measure') {
      gc();
      gc();
      const m = process.memoryUsage();
      const metrics = await (await fetch(`${url}/metrics`)).text();
      const connections = [...metrics.matchAll(/^stadtpuls_stream_clients\{[^}]*\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
      out({ heapBytes: m.heapUsed + m.arrayBuffers, rssBytes: m.rss, connections, deflateContexts: deflateContexts() } satisfies Measure);
    } else if (line.startsWith('snapshot ')) {
      writeHeapSnapshot(line.slice('snapshot '.length));
      out({ written: true });
    } else if (line === 'stop') {
      await server.stop();
      process.exit(0);
    }
  }
}

async function main(): Promise<void> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', self], { env: { ...process.env, MEM_CHILD: '1' }, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const queue: string[] = [];
  const waiting: Array<(l: string) => void> = [];
  lines.on('line', (l) => (waiting.length > 0 ? waiting.shift()!(l) : queue.push(l)));
  const next = () => new Promise<string>((resolve) => (queue.length > 0 ? resolve(queue.shift()!) : waiting.push(resolve)));
  const measure = async (): Promise<Measure> => {
    child.stdin!.write('measure\n');
    return JSON.parse(await next()) as Measure;
  };
  const snapshot = async (name: string) => {
    if (!SNAPSHOTS) return;
    child.stdin!.write(`snapshot ${path.resolve(SNAPSHOTS, `${name}.heapsnapshot`)}\n`);
    await next();
  };
  const { url } = JSON.parse(await next()) as { url: string };
  await sleep(SETTLE_S * 1000);

  const results = [];
  for (const kind of KINDS) {
    const n = clientsOf(kind);
    if (n === 0) continue;
    const without = await measure();
    await snapshot(`${kind}-without`);
    const args = ['--import', 'tsx', 'bench/wire-clients.ts', url, String(n), kind === 'json' ? 'json' : 'columns'];
    if (kind === 'columns-phone') args.push(JSON.stringify(PHONE_SUBSCRIPTION));
    const clients = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    const clientLines = createInterface({ input: clients.stdout! });
    const ready = JSON.parse(await new Promise<string>((r) => clientLines.once('line', r))) as { snapshots: number };
    await sleep(HOLD_S * 1000);
    const withClients = await measure();
    await snapshot(`${kind}-with`);
    clients.stdin!.write('stop 0 0\n');
    await new Promise((r) => clients.once('exit', r));
    // the server notices the closes and lets the sockets go
    await sleep(3000);
    const after = await measure();
    const added = withClients.heapBytes - Math.max(without.heapBytes, after.heapBytes);
    results.push({
      kind,
      clients: n,
      snapshots: ready.snapshots,
      connectionsCounted: withClients.connections,
      deflateContexts: withClients.deflateContexts - without.deflateContexts,
      heapMbWithout: r1(without.heapBytes / 2 ** 20),
      heapMbWith: r1(withClients.heapBytes / 2 ** 20),
      heapMbAfter: r1(after.heapBytes / 2 ** 20),
      // against the larger of before and after, so growth that stays after they left is not counted to them
      bytesPerClient: Math.round(added / n),
      // with the native memory of the deflate contexts (zlib's own formula for the server's deflate settings)
      bytesPerClientWithZlib: Math.round((added + (withClients.deflateContexts - without.deflateContexts) * ZLIB_CONTEXT_BYTES) / n),
      rssBytesPerClient: Math.round((withClients.rssBytes - without.rssBytes) / n),
    });
  }
  child.stdin!.write('stop\n');
  await new Promise((r) => child.once('exit', r));
  console.log(
    JSON.stringify(
      { machine: { cpus: cpus().length, model: cpus()[0]?.model, memGb: Math.round(totalmem() / 1e9), load1: r1(loadavg()[0]) }, scale: SCALE, holdS: HOLD_S, zlibContextBytes: ZLIB_CONTEXT_BYTES, phoneSubscription: PHONE_SUBSCRIPTION, results },
      null,
      2,
    ),
  );
}

if (process.env.MEM_CHILD) await serverChild();
else await main();
