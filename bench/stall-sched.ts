import { readFileSync, writeFileSync } from 'node:fs';

/**
 * The event loop's stalls with what the kernel says about the main thread meanwhile: for each turn that kept a 5 ms
 * timer waiting more than `minMs`, its length, the time the thread ran on a core and the time it waited in the run
 * queue for one (Linux `/proc/self/task/<pid>/schedstat`, nanoseconds; null elsewhere). A stall the thread spent
 * running is the server's own work; one it spent waiting is the machine's other processes holding both cores (on 2
 * cores, a bench's own clients), which no change in the server removes.
 */
export interface SchedStall {
  /** when it began, ms since the watch started */
  atMs: number;
  /** when it began on process.hrtime's clock in µs, as a V8 CPU profile counts (bench/stall-profile.ts) */
  fromUs: number;
  ms: number;
  runMs: number | null;
  waitMs: number | null;
}

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;
const r1 = (v: number) => Math.round(v * 10) / 10;
const hrUs = () => Number(process.hrtime.bigint() / 1000n);

function readSched(): [run: number, wait: number] | null {
  try {
    const [run, wait] = readFileSync(SCHEDSTAT, 'utf8').split(' ').map(Number);
    return [run / 1e6, wait / 1e6];
  } catch {
    return null;
  }
}

export function watchStalls(minMs = 40): { stop(): SchedStall[] } {
  const stalls: SchedStall[] = [];
  const t0 = performance.now();
  let last = t0;
  let lastUs = hrUs();
  let lastSched = readSched();
  const beat = setInterval(() => {
    const now = performance.now();
    const nowUs = hrUs();
    const sched = readSched();
    if (now - last > minMs) {
      const ran = sched && lastSched ? [r1(sched[0] - lastSched[0]), r1(sched[1] - lastSched[1])] : [null, null];
      stalls.push({ atMs: Math.round(last - t0), fromUs: lastUs, ms: r1(now - last), runMs: ran[0], waitMs: ran[1] });
    }
    last = now;
    lastUs = nowUs;
    lastSched = sched;
  }, 5);
  return {
    stop() {
      clearInterval(beat);
      return stalls;
    },
  };
}

/** Writes the stalls as JSON to `file` (for a bench that runs the server in a child process). */
export function writeSchedStalls(file: string, stalls: SchedStall[]): void {
  writeFileSync(file, JSON.stringify(stalls, null, 1));
}
