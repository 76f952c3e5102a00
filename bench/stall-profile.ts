/**
 * What runs in the event loop's longest blocks, from a V8 CPU profile (.cpuprofile; `BENCH_CPU_PROF=<dir>` in
 * bench/scale-server.bench.ts records one of the server's window). A block is a run of samples that are not
 * `(idle)`: the loop was busy from its first to its last sample, whatever ran (a timer, a socket, GC). Medians
 * per stage hide what one 200 ms stall is made of; this lists the longest blocks and, in each, the time per
 * entry point (the first three named project frames of each sample's stack) and the top self-time functions.
 *
 *   npx tsx bench/stall-profile.ts <file.cpuprofile> [--min-ms 40] [--top 8]
 *
 * With `<name>.stalls.json` beside the profile (the heartbeat's stalls, [start, end] in the profile's µs) the
 * blocks are those stalls instead: on a loaded machine the loop is rarely idle, and a busy run is many turns.
 * Prints JSON. Time is the sum of the samples' own intervals: the thread's time, not waiting for a core.
 */
import { existsSync, readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

export interface Block {
  startMs: number;
  ms: number;
  /** ms per label (the sample's entry point) */
  byEntry: Map<string, number>;
  /** ms per function of the sample's top frame */
  bySelf: Map<string, number>;
}

const PROJECT = /\/(server|common)\//;

const frameName = (f: CallFrame) => {
  const file = f.url.replace(/^.*\/(server|common|node_modules)\//, '$1/');
  return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
};

/**
 * Splits the samples into busy blocks. `label(stack)` names a sample by its stack (root first); the default
 * takes the first three named frames of the project's own code, or the top frame's name if none (GC, a socket).
 */
export function busyBlocks(profile: CpuProfile, label: (stack: CallFrame[]) => string = defaultLabel, stalls?: ReadonlyArray<readonly [number, number]>): Block[] {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const stackOf = new Map<number, CallFrame[]>();
  const stack = (id: number): CallFrame[] => {
    let s = stackOf.get(id);
    if (s) return s;
    s = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) s.unshift(byId.get(at)!.callFrame);
    stackOf.set(id, s);
    return s;
  };
  const blocks: Block[] = [];
  let current: Block | null = null;
  let t = profile.startTime;
  let stall = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    // a sample stands for the interval up to the next one
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const frames = stack(profile.samples[i]);
    const top = frames[frames.length - 1];
    if (stalls) {
      // blocks are the stalls the heartbeat saw; samples outside them belong to none
      while (stall < stalls.length && stalls[stall][1] < t) stall++;
      if (stall >= stalls.length || t < stalls[stall][0]) {
        current = null;
        continue;
      }
      if (current?.startMs !== (stalls[stall][0] - profile.startTime) / 1000) current = null;
    } else if (top.functionName === '(idle)') {
      current = null;
      continue;
    }
    if (!current) {
      current = { startMs: ((stalls ? stalls[stall][0] : t) - profile.startTime) / 1000, ms: 0, byEntry: new Map(), bySelf: new Map() };
      blocks.push(current);
    }
    current.ms += ms;
    const entry = label(frames);
    current.byEntry.set(entry, (current.byEntry.get(entry) ?? 0) + ms);
    const self = frameName(top);
    current.bySelf.set(self, (current.bySelf.get(self) ?? 0) + ms);
  }
  return blocks;
}

function defaultLabel(stack: CallFrame[]): string {
  // named frames only: a timer's arrow function says less than the method it calls
  const own = stack.filter((f) => PROJECT.test(f.url) && !f.url.includes('node_modules') && f.functionName !== '');
  if (own.length === 0) return stack[stack.length - 1].functionName || '(anonymous)';
  return own
    .slice(0, 3)
    .map((f) => `${f.functionName}@${f.url.replace(/^.*\//, '').replace(/\.[jt]s$/, '')}`)
    .join(' > ');
}

const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => [k, Math.round(v * 10) / 10] as const);

if (process.argv[1]?.endsWith('stall-profile.ts')) {
  const [file, ...rest] = process.argv.slice(2);
  const opt = (name: string, dflt: number) => {
    const i = rest.indexOf(name);
    return i >= 0 ? Number(rest[i + 1]) : dflt;
  };
  const minMs = opt('--min-ms', 40);
  const n = opt('--top', 8);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const stallsFile = file.replace(/\.cpuprofile$/, '.stalls.json');
  const stalls = existsSync(stallsFile) ? (JSON.parse(readFileSync(stallsFile, 'utf8')) as Array<[number, number]>) : undefined;
  const blocks = busyBlocks(profile, defaultLabel, stalls);
  const long = blocks.filter((b) => b.ms >= minMs).sort((a, b) => b.ms - a.ms);
  // over all long blocks: which entry points make them
  const entries = new Map<string, number>();
  for (const b of long) for (const [k, v] of b.byEntry) entries.set(k, (entries.get(k) ?? 0) + v);
  const sorted = [...blocks].map((b) => b.ms).sort((a, b) => a - b);
  console.log(
    JSON.stringify(
      {
        blocksAre: stalls ? `stalls of the heartbeat beside the profile (${stalls.length}), samples in each` : 'runs of samples other than (idle)',
        blocks: blocks.length,
        blockMs: { median: sorted[Math.floor(sorted.length / 2)], p99: sorted[Math.floor(sorted.length * 0.99)], max: sorted[sorted.length - 1] },
        atLeastMs: minMs,
        longBlocks: long.length,
        longBlocksByEntry: top(entries, n * 2),
        longest: long.slice(0, n).map((b) => ({ startS: Math.round(b.startMs / 100) / 10, ms: Math.round(b.ms), byEntry: top(b.byEntry, n), bySelf: top(b.bySelf, n) })),
      },
      null,
      2,
    ),
  );
}
