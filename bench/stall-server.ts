/**
 * The server (server/main.ts) with a CPU profile of its event loop and the loop's stalls between two SIGUSR2
 * signals (bench/stall-recorder.ts; BENCH_CPU_PROF=<dir> writes `server.cpuprofile` and `server.stalls.json` there,
 * which `npx tsx bench/stall-profile.ts` reads): for a bench that runs the server in a child process and wants to
 * know what held the loop in its window (bench/json-join.bench.ts).
 */
import { startSchedStalls, writeSchedStalls } from './stall-sched.js';
import { startStallProfile } from './stall-recorder.js';

await import('../server/main.js');

// BENCH_STALL_SCHED=<file>: the stalls with the kernel's run and wait times (without BENCH_CPU_PROF no profile: the profiler stalls the loop itself)
const schedFile = process.env.BENCH_STALL_SCHED;
let sched: ReturnType<typeof startSchedStalls> = null;
let recording: Awaited<ReturnType<typeof startStallProfile>> | 'starting' = null;
process.on('SIGUSR2', () => {
  if (schedFile) {
    if (sched === null) sched = startSchedStalls();
    else writeSchedStalls(schedFile, sched.stop());
  }
  if (!process.env.BENCH_CPU_PROF) return;
  if (recording === null) {
    recording = 'starting';
    void startStallProfile().then((r) => (recording = r));
  } else if (recording !== 'starting') {
    const r = recording;
    recording = null;
    void r.stop('server');
  }
});
