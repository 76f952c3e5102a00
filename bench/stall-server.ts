/**
 * The server (server/main.ts) with a CPU profile of its event loop and the loop's stalls between two SIGUSR2
 * signals (bench/stall-recorder.ts; BENCH_CPU_PROF=<dir> writes `server.cpuprofile` and `server.stalls.json` there,
 * which `npx tsx bench/stall-profile.ts` reads): for a bench that runs the server in a child process and wants to
 * know what held the loop in its window (bench/json-join.bench.ts).
 */
import { startStallProfile } from './stall-recorder.js';

await import('../server/main.js');

let recording: Awaited<ReturnType<typeof startStallProfile>> | 'starting' = null;
process.on('SIGUSR2', () => {
  if (recording === null) {
    recording = 'starting';
    void startStallProfile().then((r) => (recording = r));
  } else if (recording !== 'starting') {
    const r = recording;
    recording = null;
    void r.stop('server');
  }
});
