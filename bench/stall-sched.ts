import { readFileSync, writeFileSync } from 'node:fs';

/**
 * The event loop's stalls with what the kernel says about the main thread meanwhile: for each turn that kept a 5 ms
 * timer waiting more than `minMs`, its length, the time the thread ran on a core and the time it waited in the run
 * queue for one (Linux `/proc/self/task/<pid>/schedstat`, nanoseconds). A stall the thread spent running is the
 * server's own work; one it spent waiting is the machine's other processes holding both cores (on 2 cores, the
 * bench's own clients), which no change in the server removes. Linux only; elsewhere `start` returns null.
 */
export interface SchedStall {
  /** when it began, ms since the watch started */
  atMs: number;
  /** when it began on process.hrtime's clock in µs, as a V8 CPU profile counts (bench/stall-profile.ts) */
  fromUs: number;
  ms: number;
  runMs: number;
  waitMs: number;
}

const SCHEDSTAT = `/proc/self/task/${process.pid}/schedstat`;

function readSched(): [run: number, wait: number] | null {
  try {
    const [run, wait] = readFileSync(SCHEDSTAT, 'utf8').split(' ').map(Number);
    return [run / 1e6, wait / 1e6];
  } catch {
    return null;
  }
}

export function startSchedStalls(minMs = 40): { stop(): SchedStall[] } | null {
  if (!readSched()) return null;
  const stalls: SchedStall[] = [];
  const t0 = performance.now();
  let last = performance.now();
  let lastUs = Number(process.hrtime.bigint() / 1000n);
  let lastSched = readSched()!;
  const beat = setInterval(() => {
    const now = performance.now();
    const nowUs = Number(process.hrtime.bigint() / 1000n);
    const sched = readSched()!;
    if (now - last > minMs) {
      stalls.push({ atMs: Math.round(last - t0), fromUs: lastUs, ms: r1(now - last), runMs: r1(sched[0] - lastSched[0]), waitMs: r1(sched[1] - lastSched[1]) });
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

const r1 = (v: number) => Math.round(v * 10) / 10;

/** Writes the stalls as JSON to `file` (for a bench that runs the server in a child process). */
export function writeSchedStalls(file: string, stalls: SchedStall[]): void {
  writeFileSync(file, JSON.stringify(stalls, null, 1));
}
