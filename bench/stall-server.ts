/**
 * The server (server/main.ts) with a CPU profile of its event loop and the loop's stalls between two SIGUSR2
 * signals (bench/stall-recorder.ts; BENCH_CPU_PROF=<dir> writes `server.cpuprofile` and `server.stalls.json` there,
 * which `npx tsx bench/stall-profile.ts` reads): for a bench that runs the server in a child process and wants to
 * know what held the loop in its window (bench/json-join.bench.ts). BENCH_STALL_SCHED=<file> writes the stalls with the
 * time the main thread ran and waited for a core in them (bench/stall-sched.ts), with or without the profile.
 */
import { watchStalls, writeSchedStalls } from './stall-sched.js';
import { startStallProfile } from './stall-recorder.js';

await import('../server/main.js');

// BENCH_STALL_SCHED=<file>: the stalls with the kernel's run and wait times, also without BENCH_CPU_PROF (no profile
// then: the profiler stalls the loop itself)
const schedFile = process.env.BENCH_STALL_SCHED;
let watch: ReturnType<typeof watchStalls> | null = null;
let recording: Awaited<ReturnType<typeof startStallProfile>> | 'starting' = null;
process.on('SIGUSR2', () => {
  if (!process.env.BENCH_CPU_PROF) {
    if (!schedFile) return;
    if (watch === null) watch = watchStalls();
    else writeSchedStalls(schedFile, watch.stop());
    return;
  }
  if (recording === null) {
    recording = 'starting';
    void startStallProfile().then((r) => (recording = r));
  } else if (recording !== 'starting') {
    const r = recording;
    recording = null;
    void r.stop('server').then((stalls) => schedFile && writeSchedStalls(schedFile, stalls));
  }
});
