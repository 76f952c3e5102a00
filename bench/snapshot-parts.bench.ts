/**
 * The columnar snapshot's JSON part at SCALE (issue 13): what a page receives beside the binary columns, by part.
 * `nights` before is the list every columnar snapshot carried (every station's figure, as the JSON form still lists
 * them); after, the registry's own stations' with `nightCount`. Both read from one server in one run, on the same tick.
 * Run with `npx tsx bench/snapshot-parts.bench.ts` (BENCH_SCALE=<n>, default 100000). Prints JSON.
 */
import { cpus, loadavg } from 'node:os';
import { io } from 'socket.io-client';
import { deflateRawSync } from 'node:zlib';
import type { ClientToServerEvents, ServerToClientEvents } from '../common/protocol.js';
import type { ColumnsSnapshot } from '../common/wire/live-messages.js';
import { startTestServer } from '../tests/helpers/test-server.js';

const SCALE = Number(process.env.BENCH_SCALE ?? 100_000);
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
const gz = (v: unknown) => deflateRawSync(JSON.stringify(v)).length;

const { server, url } = await startTestServer({ SCALE: String(SCALE) });
const deadline = Date.now() + 180_000;
while (server.stream.snapshot().nights.length < SCALE / 10 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));

const socket: import('socket.io-client').Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { format: 'columns' } });
const snap = await new Promise<ColumnsSnapshot>((resolve) => socket.once('snapshot:columns', resolve));
const json = server.stream.snapshot();
socket.close();
await server.stop();

const { columns, ...jsonPart } = snap;
const parts = Object.fromEntries(Object.entries(jsonPart).map(([k, v]) => [k, bytes(v)]));
const before = { ...jsonPart, nights: json.nights, nightCount: undefined };
console.log(
  JSON.stringify(
    {
      machine: { cpu: cpus()[0]?.model, cores: cpus().length, loadavg: loadavg().map((l) => +l.toFixed(2)) },
      sensors: server.sensors.size,
      stations: { withNights: json.nights.length, listedInColumns: snap.nights.length, nightCount: snap.nightCount },
      jsonPart: {
        before: { bytes: bytes(before), deflated: gz(before), nights: bytes(json.nights) },
        after: { bytes: bytes(jsonPart), deflated: gz(jsonPart), nights: bytes(snap.nights), nightCount: bytes(snap.nightCount) },
      },
      partsAfter: parts,
      columnsBytes: (columns as Buffer).byteLength,
    },
    null,
    1,
  ),
);
process.exit(0);
