/**
 * What grew between two V8 heap snapshots of the same page (e.g. the soak's warmup/end pair from
 * HEAP_SNAPSHOTS=<dir> npx tsx bench/demo-soak.bench.ts): count and self size per node type and per
 * constructor/name, the top growers as JSON. A slope in MB/h says that the heap grows; this says what.
 *
 *   npx tsx bench/heap-diff.ts a.heapsnapshot b.heapsnapshot [--top 25] [--retainers '<key>' [--paths 5]]
 *
 * --retainers takes a key as printed (e.g. 'object:Array', 'closure:onTick') and shows, for the objects of
 * that key in B that did not exist in A (snapshot ids are stable while the page's HeapProfiler stays
 * enabled), who holds them: the retaining edge and node counted over all of them, and a few shortest
 * paths to the GC roots (the chain that keeps them alive is where the fix goes).
 */
import { readFileSync } from 'node:fs';

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

class Snapshot {
  readonly nodeCount: number;
  private readonly nf: number;
  private readonly ef: number;
  private readonly types: string[];
  private readonly edgeTypes: string[];
  /** index of each node's first edge in `edges`, so edges are found without a walk from the start */
  private readonly firstEdge: Uint32Array;
  private retainersCache: { start: Uint32Array; from: Uint32Array; edge: Uint32Array } | null = null;
  private distanceCache: Uint32Array | null = null;

  constructor(private readonly raw: RawSnapshot) {
    const m = raw.snapshot.meta;
    this.nf = m.node_fields.length;
    this.ef = m.edge_fields.length;
    this.types = m.node_types[0];
    this.edgeTypes = m.edge_types[0];
    this.nodeCount = raw.nodes.length / this.nf;
    this.firstEdge = new Uint32Array(this.nodeCount + 1);
    for (let i = 0, e = 0; i < this.nodeCount; i++) {
      this.firstEdge[i] = e;
      e += raw.nodes[i * this.nf + 4] * this.ef;
    }
    this.firstEdge[this.nodeCount] = raw.edges.length;
  }

  type(i: number): string {
    return this.types[this.raw.nodes[i * this.nf]];
  }
  name(i: number): string {
    return this.raw.strings[this.raw.nodes[i * this.nf + 1]];
  }
  id(i: number): number {
    return this.raw.nodes[i * this.nf + 2];
  }
  selfSize(i: number): number {
    return this.raw.nodes[i * this.nf + 3];
  }

  /**
   * The group a node is counted in, close to DevTools' summary: objects, closures and natives by
   * constructor/name; strings and numbers together (each string's text would make every one its own group), code by V8's kind.
   * 'native' nodes (DOM, typed array stores) lie outside the JS heap that Runtime.getHeapUsage (the soak's figure) counts.
   */
  key(i: number): string {
    const t = this.type(i);
    if (t === 'string' || t === 'concatenated string' || t === 'sliced string') return '(string)';
    if (t === 'number' || t === 'heap number') return '(number)';
    // V8's own kinds ('system / BytecodeArray', '(constant pool)') are the groups; compiled code growing is a finding too
    if (t === 'code') return `code:${/^(system \/|\()/.test(this.name(i)) ? this.name(i) : '(other)'}`;
    return `${t}:${this.name(i).slice(0, 80)}`;
  }

  private edgeName(e: number): string {
    const t = this.edgeTypes[this.raw.edges[e]];
    const n = this.raw.edges[e + 1];
    return t === 'element' || t === 'hidden' ? `[${n}]` : `${t === 'property' ? '' : `${t}:`}${this.raw.strings[n]}`;
  }
  private isWeak(e: number): boolean {
    return this.edgeTypes[this.raw.edges[e]] === 'weak';
  }

  /** Who points at each node (reverse edges, in one flat array like the snapshot's own). */
  private retainers() {
    if (this.retainersCache) return this.retainersCache;
    const count = new Uint32Array(this.nodeCount + 1);
    for (let e = 0; e < this.raw.edges.length; e += this.ef) count[this.raw.edges[e + 2] / this.nf]++;
    const start = new Uint32Array(this.nodeCount + 1);
    for (let i = 0; i < this.nodeCount; i++) start[i + 1] = start[i] + count[i];
    const fill = start.slice();
    const from = new Uint32Array(start[this.nodeCount]);
    const edge = new Uint32Array(start[this.nodeCount]);
    for (let i = 0; i < this.nodeCount; i++) {
      for (let e = this.firstEdge[i]; e < this.firstEdge[i + 1]; e += this.ef) {
        const to = this.raw.edges[e + 2] / this.nf;
        from[fill[to]] = i;
        edge[fill[to]++] = e;
      }
    }
    return (this.retainersCache = { start, from, edge });
  }

  /** Strong-edge hops from the root (node 0), as DevTools' "distance": the shortest path is the retainer chain to follow. */
  private distances(): Uint32Array {
    if (this.distanceCache) return this.distanceCache;
    const d = new Uint32Array(this.nodeCount).fill(0xffffffff);
    const queue = new Uint32Array(this.nodeCount);
    let head = 0;
    let tail = 0;
    d[0] = 0;
    queue[tail++] = 0;
    while (head < tail) {
      const i = queue[head++];
      for (let e = this.firstEdge[i]; e < this.firstEdge[i + 1]; e += this.ef) {
        if (this.isWeak(e)) continue;
        const to = this.raw.edges[e + 2] / this.nf;
        if (d[to] === 0xffffffff) {
          d[to] = d[i] + 1;
          queue[tail++] = to;
        }
      }
    }
    return (this.distanceCache = d);
  }

  /** The node's nearest strong retainer (towards the roots) and the edge it holds it by. */
  nearestRetainer(i: number): { node: number; edge: string } | null {
    const { start, from, edge } = this.retainers();
    const d = this.distances();
    let best = -1;
    let bestEdge = -1;
    for (let r = start[i]; r < start[i + 1]; r++) {
      if (this.isWeak(edge[r])) continue;
      if (best < 0 || d[from[r]] < d[best]) {
        best = from[r];
        bestEdge = edge[r];
      }
    }
    return best < 0 ? null : { node: best, edge: this.edgeName(bestEdge) };
  }

  /** Shortest chain from the node to the roots, as "edge ← holder" steps. */
  pathToRoot(i: number, maxSteps = 14): string[] {
    const out: string[] = [];
    for (let n = i, s = 0; s < maxSteps; s++) {
      const r = this.nearestRetainer(n);
      if (!r || r.node === 0) break;
      out.push(`${r.edge} ← ${this.key(r.node)}`);
      n = r.node;
    }
    return out;
  }
}

function load(file: string): Snapshot {
  return new Snapshot(JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot);
}

function tally(s: Snapshot, keyOf: (i: number) => string): Map<string, { count: number; bytes: number }> {
  const out = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < s.nodeCount; i++) {
    const k = keyOf(i);
    const t = out.get(k) ?? { count: 0, bytes: 0 };
    t.count++;
    t.bytes += s.selfSize(i);
    out.set(k, t);
  }
  return out;
}

function diff(a: Map<string, { count: number; bytes: number }>, b: Map<string, { count: number; bytes: number }>) {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].map((key) => {
    const x = a.get(key) ?? { count: 0, bytes: 0 };
    const y = b.get(key) ?? { count: 0, bytes: 0 };
    return { key, count: y.count, dCount: y.count - x.count, kB: +(y.bytes / 1024).toFixed(1), dKB: +((y.bytes - x.bytes) / 1024).toFixed(1) };
  });
}

function main() {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args.splice(at, 2)[1] : undefined;
  };
  const top = Number(opt('--top') ?? 25);
  const retainersOf = opt('--retainers');
  const paths = Number(opt('--paths') ?? 5);
  const [fa, fb] = args;
  if (!fa || !fb) throw new Error('usage: heap-diff.ts a.heapsnapshot b.heapsnapshot [--top N] [--retainers <key> [--paths N]]');
  const a = load(fa);
  const b = load(fb);
  const total = (s: Snapshot) => {
    let t = 0;
    for (let i = 0; i < s.nodeCount; i++) t += s.selfSize(i);
    return t;
  };
  const byKey = diff(tally(a, (i) => a.key(i)), tally(b, (i) => b.key(i)));
  const result: Record<string, unknown> = {
    totalMB: { a: +(total(a) / 2 ** 20).toFixed(2), b: +(total(b) / 2 ** 20).toFixed(2) },
    nodes: { a: a.nodeCount, b: b.nodeCount },
    byType: diff(tally(a, (i) => a.type(i)), tally(b, (i) => b.type(i))).sort((x, y) => y.dKB - x.dKB),
    topByBytes: [...byKey].sort((x, y) => y.dKB - x.dKB).slice(0, top),
    topByCount: [...byKey].sort((x, y) => y.dCount - x.dCount).slice(0, top),
    topShrinking: [...byKey].sort((x, y) => x.dKB - y.dKB).slice(0, 8),
  };
  if (retainersOf) {
    const before = new Set<number>();
    for (let i = 0; i < a.nodeCount; i++) before.add(a.id(i));
    const fresh: number[] = [];
    for (let i = 0; i < b.nodeCount; i++) if (b.key(i) === retainersOf && !before.has(b.id(i))) fresh.push(i);
    const holders = new Map<string, number>();
    for (const i of fresh) {
      const r = b.nearestRetainer(i);
      const k = r ? `${r.edge} ← ${b.key(r.node)}` : '(none)';
      holders.set(k, (holders.get(k) ?? 0) + 1);
    }
    // spread the sample paths over the new objects instead of taking the first few, which are often one batch
    const step = Math.max(1, Math.floor(fresh.length / paths));
    result.retainers = {
      key: retainersOf,
      newSinceA: fresh.length,
      newKB: +(fresh.reduce((s, i) => s + b.selfSize(i), 0) / 1024).toFixed(1),
      heldBy: [...holders].sort((x, y) => y[1] - x[1]).slice(0, 15).map(([by, n]) => ({ n, by })),
      paths: fresh.filter((_, j) => j % step === 0).slice(0, paths).map((i) => ({ name: b.name(i).slice(0, 80), path: b.pathToRoot(i) })),
    };
  }
  console.log(compactJson(result));
}

/** JSON with one line per list entry: a top-25 list of growers stays readable in a terminal. */
function compactJson(value: unknown, indent = ''): string {
  if (Array.isArray(value)) return `[\n${value.map((v) => `${indent}  ${JSON.stringify(v)}`).join(',\n')}\n${indent}]`;
  if (value && typeof value === 'object') {
    const body = Object.entries(value).map(([k, v]) => `${indent}  ${JSON.stringify(k)}: ${compactJson(v, `${indent}  `)}`);
    return `{\n${body.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

main();
