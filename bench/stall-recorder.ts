import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';
import { watchStalls, type SchedStall } from './stall-sched.js';

/**
 * A CPU profile of this process from now until `stop`, if BENCH_CPU_PROF names a directory, with the event
 * loop's stalls beside it: `<name>.cpuprofile` and `<name>.stalls.json`, which `bench/stall-profile.ts` reads
 * to list what ran inside each stall; `stop` also returns them with the kernel's run and wait times (bench/stall-sched.ts).
 */
export async function startStallProfile(samplingUs = 1_000): Promise<{ stop(name: string): Promise<SchedStall[]> } | null> {
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return null;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: samplingUs });
  await session.post('Profiler.start');
  // The stalls themselves, on the profile's clock (hrtime µs): a busy stretch of the profile may be many turns
  // of the loop (sliced work), a stall is one turn that kept a 5 ms timer waiting.
  const watch = watchStalls();
  return {
    async stop(name) {
      const stalls = watch.stop();
      const { profile } = await session.post('Profiler.stop');
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
      writeFileSync(path.join(dir, `${name}.stalls.json`), JSON.stringify(stalls.map((s) => [s.fromUs, s.fromUs + Math.round(s.ms * 1000)])));
      session.disconnect();
      return stalls;
    },
  };
}
