import { bprTravelTime } from './traffic.js';
import type { Network } from './traffic-network.js';

/**
 * Static user-equilibrium assignment (Wardrop's first principle) by the Frank–Wolfe algorithm
 * (LeBlanc, Morlok & Pierskalla 1975): all-or-nothing loads on the current BPR travel times,
 * a line search on the Beckmann objective, repeated until the relative gap
 * (Σ t·x − Σ t·y) / Σ t·x falls below the tolerance.
 */

/** A demand between two nodes, vehicles per hour. */
export interface OdFlow {
  from: number;
  to: number;
  vehH: number;
}

export interface AssignOptions {
  /** effective capacity per link, veh/h; 0 closes the link. Defaults to the links' own. */
  capacity?: Float64Array;
  maxIterations?: number;
  relativeGap?: number;
}

export interface Assignment {
  /** equilibrium volume per link, veh/h */
  volume: Float64Array;
  /** BPR travel time per link at that volume, hours (Infinity on closed links) */
  timeH: Float64Array;
  iterations: number;
  relativeGap: number;
  /** demand between nodes that no open path joins, veh/h */
  unassignedVehH: number;
}

export function linkCapacities(net: Network): Float64Array {
  return Float64Array.from(net.links, (l) => l.capacityVehH);
}

function travelTimes(net: Network, volume: Float64Array, capacity: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < net.links.length; i++) {
    out[i] = capacity[i] > 0 ? bprTravelTime(net.links[i].t0H, volume[i], capacity[i]) : Infinity;
  }
  return out;
}

/** A binary min-heap of node indices keyed by tentative time. */
class Heap {
  private readonly items: number[] = [];
  constructor(private readonly key: Float64Array) {}
  get size(): number {
    return this.items.length;
  }
  push(n: number): void {
    const a = this.items;
    a.push(n);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.key[a[p]] <= this.key[a[i]]) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.key[a[l]] < this.key[a[m]]) m = l;
        if (r < a.length && this.key[a[r]] < this.key[a[m]]) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

/** Dijkstra from one node: the link by which each node is reached on a shortest path (-1 = none). */
export function shortestPathTree(net: Network, origin: number, timeH: Float64Array): { dist: Float64Array; via: Int32Array } {
  const dist = new Float64Array(net.nodes.length).fill(Infinity);
  const via = new Int32Array(net.nodes.length).fill(-1);
  const done = new Uint8Array(net.nodes.length);
  const heap = new Heap(dist);
  dist[origin] = 0;
  heap.push(origin);
  while (heap.size > 0) {
    const n = heap.pop();
    if (done[n]) continue;
    done[n] = 1;
    for (const li of net.out[n]) {
      const t = timeH[li];
      if (t === Infinity) continue;
      const m = net.links[li].to;
      const d = dist[n] + t;
      if (d < dist[m]) {
        dist[m] = d;
        via[m] = li;
        // lazy deletion: stale heap entries are skipped when popped
        heap.push(m);
      }
    }
  }
  return { dist, via };
}

/** Loads each demand entirely onto its shortest path; returns the demand that found no path. */
function allOrNothing(net: Network, byOrigin: Map<number, OdFlow[]>, timeH: Float64Array, load: Float64Array): number {
  load.fill(0);
  let unassigned = 0;
  for (const [origin, flows] of byOrigin) {
    const { via } = shortestPathTree(net, origin, timeH);
    for (const f of flows) {
      if (f.to === origin) continue;
      if (via[f.to] < 0) {
        unassigned += f.vehH;
        continue;
      }
      for (let n = f.to; n !== origin; n = net.links[via[n]].from) load[via[n]] += f.vehH;
    }
  }
  return unassigned;
}

/** Derivative of the Beckmann objective along x + λ(y − x): Σ (y − x) · t(x + λ(y − x)). */
function slope(net: Network, x: Float64Array, y: Float64Array, capacity: Float64Array, lambda: number): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    const d = y[i] - x[i];
    if (d === 0 || !(capacity[i] > 0)) continue;
    s += d * bprTravelTime(net.links[i].t0H, x[i] + lambda * d, capacity[i]);
  }
  return s;
}

export function assign(net: Network, demand: readonly OdFlow[], opts: AssignOptions = {}): Assignment {
  const capacity = opts.capacity ?? linkCapacities(net);
  const maxIterations = opts.maxIterations ?? 200;
  const tolerance = opts.relativeGap ?? 1e-4;
  const byOrigin = new Map<number, OdFlow[]>();
  for (const f of demand) {
    if (!(f.vehH > 0)) continue;
    const list = byOrigin.get(f.from) ?? [];
    list.push(f);
    byOrigin.set(f.from, list);
  }

  const x = new Float64Array(net.links.length);
  const y = new Float64Array(net.links.length);
  const timeH = new Float64Array(net.links.length);
  const unassignedVehH = allOrNothing(net, byOrigin, travelTimes(net, x, capacity, timeH), x);
  let gap = Infinity;
  let iterations = 0;
  while (iterations < maxIterations) {
    travelTimes(net, x, capacity, timeH);
    allOrNothing(net, byOrigin, timeH, y);
    let tx = 0;
    let ty = 0;
    for (let i = 0; i < x.length; i++) {
      if (timeH[i] === Infinity) continue;
      tx += timeH[i] * x[i];
      ty += timeH[i] * y[i];
    }
    gap = tx > 0 ? (tx - ty) / tx : 0;
    if (gap < tolerance) break;
    iterations += 1;
    // bisection for the step that zeroes the objective's slope (it is monotone in λ for BPR)
    let lo = 0;
    let hi = 1;
    if (slope(net, x, y, capacity, 1) <= 0) lo = 1;
    else for (let k = 0; k < 30; k++) {
      const mid = (lo + hi) / 2;
      if (slope(net, x, y, capacity, mid) > 0) hi = mid;
      else lo = mid;
    }
    for (let i = 0; i < x.length; i++) x[i] += lo * (y[i] - x[i]);
  }
  return { volume: x, timeH: travelTimes(net, x, capacity, timeH), iterations, relativeGap: gap, unassignedVehH };
}
