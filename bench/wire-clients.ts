/**
 * Child process of bench/wire.bench.ts: opens N Socket.IO clients to URL in the given form, says
 * "ready" when every one has its snapshot, records each delta's seq and its latency (receipt minus
 * the delta's serverTime, same machine clock) until it reads "stop <from> <to>" on stdin, then
 * prints one JSON line. Clients run here so their work does not count as the server's CPU.
 * Usage: tsx bench/wire-clients.ts <url> <n> <json|columns> [subscription as JSON]
 */
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { io, type Socket } from 'socket.io-client';

const [url, nArg, format, subscriptionArg] = process.argv.slice(2);
const subscription: unknown = subscriptionArg ? JSON.parse(subscriptionArg) : undefined;
const n = Number(nArg);
const seqs: number[][] = [];
const latencies: number[] = [];
const latencySeqs: number[] = [];
const sockets: Socket[] = [];
let snapshots = 0;
const deltaEvent = format === 'columns' ? 'delta:columns' : 'delta';
const snapshotEvent = format === 'columns' ? 'snapshot:columns' : 'snapshot';

for (let i = 0; i < n; i++) {
  const mine: number[] = [];
  seqs.push(mine);
  const s = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { format, ...(subscription !== undefined && { subscription }) } });
  s.once(snapshotEvent, () => (snapshots += 1));
  s.on(deltaEvent, (d: { seq: number; serverTime: number }) => {
    mine.push(d.seq);
    latencies.push(Date.now() - d.serverTime);
    latencySeqs.push(d.seq);
  });
  sockets.push(s);
  // Connect in steps, as a city's screens would not all come at once either.
  if (i % 100 === 99) await new Promise((r) => setTimeout(r, 100));
}
const deadline = Date.now() + 120_000;
while (snapshots < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
console.log(JSON.stringify({ ready: true, snapshots }));

// CPU of this process over the window: a client process near a whole core delays receipt by itself.
let cpu0 = process.cpuUsage();
let t0 = performance.now();
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [cmd, fromArg, toArg] = line.split(' ');
  if (cmd === 'start') {
    cpu0 = process.cpuUsage();
    t0 = performance.now();
    return;
  }
  if (cmd !== 'stop') return;
  const cpu = process.cpuUsage(cpu0);
  const cpuShare = +((cpu.user + cpu.system) / 1000 / (performance.now() - t0)).toFixed(3);
  const from = Number(fromArg);
  const to = Number(toArg);
  const expected = to - from;
  let delivered = 0;
  let outOfOrder = 0;
  for (const list of seqs) {
    const inWindow = list.filter((s) => s > from && s <= to);
    delivered += new Set(inWindow).size;
    for (let i = 1; i < list.length; i++) if (list[i] <= list[i - 1]) outOfOrder += 1;
  }
  const lat = latencies.filter((_, i) => latencySeqs[i] > from && latencySeqs[i] <= to).sort((a, b) => a - b);
  const q = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] : null);
  process.stdout.write(
    JSON.stringify({
      clients: n,
      connected: sockets.filter((s) => s.connected).length,
      expectedPerClient: expected,
      deliveredShare: +(delivered / (expected * n)).toFixed(4),
      outOfOrder,
      latencyMs: { p50: q(0.5), p99: q(0.99), max: lat.at(-1) ?? null },
      latencies: lat,
      clientCpuShareOfOneCore: cpuShare,
    }) + '\n',
    // a pipe's write is asynchronous: exiting before it drains cut the latency list short
    () => {
      for (const s of sockets) s.close();
      process.exit(0);
    },
  );
});
