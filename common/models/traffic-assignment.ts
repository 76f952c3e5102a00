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

/**
 * Shortest-path trees from each origin, with arrays made once per assignment: Frank–Wolfe grows a tree from
 * every origin on every iteration (about 800 a peak-hour assignment of Bochum's network), and a tree that
 * allocated its arrays and swapped heap entries through array destructuring made the reassignment stall the
 * server's event loop for 60–110 ms at SCALE (CPU profile of bench/export-stall).
 */
class TreeSearch {
  readonly dist: Float64Array;
  /** the link by which each node is reached on a shortest path (-1 = none) */
  readonly via: Int32Array;
  /** the nodes reached, in the order they were settled (nearest first), `settled` of them */
  readonly order: Int32Array;
  settled = 0;
  private readonly done: Uint8Array;
  /** a binary min-heap of node indices keyed by `dist`, with stale entries (lazy deletion) */
  private readonly heap: Int32Array;
  private readonly linkTo: Int32Array;
  /** outgoing links per node as one list: node n's are outLinks[outStart[n] .. outStart[n + 1]) */
  private readonly outStart: Int32Array;
  private readonly outLinks: Int32Array;

  constructor(net: Network) {
    const nodes = net.nodes.length;
    this.dist = new Float64Array(nodes);
    this.via = new Int32Array(nodes);
    this.order = new Int32Array(nodes);
    this.done = new Uint8Array(nodes);
    // every relaxation pushes at most once per link, plus the origin
    this.heap = new Int32Array(net.links.length + 1);
    this.linkTo = Int32Array.from(net.links, (l) => l.to);
    this.outStart = new Int32Array(nodes + 1);
    for (let n = 0; n < nodes; n++) this.outStart[n + 1] = this.outStart[n] + net.out[n].length;
    this.outLinks = Int32Array.from(net.out.flat());
  }

  /** Dijkstra from `origin` on link times `timeH` (Infinity: closed). */
  grow(origin: number, timeH: Float64Array): void {
    const { dist, via, done, heap, order, linkTo, outStart, outLinks } = this;
    dist.fill(Infinity);
    via.fill(-1);
    done.fill(0);
    this.settled = 0;
    let size = 0;
    dist[origin] = 0;
    heap[size++] = origin;
    while (size > 0) {
      const n = heap[0];
      size -= 1;
      if (size > 0) siftDown(heap, size, dist, heap[size]);
      if (done[n]) continue;
      done[n] = 1;
      order[this.settled++] = n;
      for (let k = outStart[n]; k < outStart[n + 1]; k++) {
        const li = outLinks[k];
        const t = timeH[li];
        if (t === Infinity) continue;
        const m = linkTo[li];
        const d = dist[n] + t;
        if (d < dist[m]) {
          dist[m] = d;
          via[m] = li;
          // lazy deletion: stale heap entries are skipped when popped
          let i = size++;
          while (i > 0) {
            const p = (i - 1) >> 1;
            if (dist[heap[p]] <= d) break;
            heap[i] = heap[p];
            i = p;
          }
          heap[i] = m;
        }
      }
    }
  }
}

/** Puts `item` at the heap's root and moves it down to its place among the first `size` entries. */
function siftDown(heap: Int32Array, size: number, key: Float64Array, item: number): void {
  const k = key[item];
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    const r = l + 1;
    const c = r < size && key[heap[r]] < key[heap[l]] ? r : l;
    if (key[heap[c]] >= k) break;
    heap[i] = heap[c];
    i = c;
  }
  heap[i] = item;
}

/** Dijkstra from one node: the link by which each node is reached on a shortest path (-1 = none). */
export function shortestPathTree(net: Network, origin: number, timeH: Float64Array): { dist: Float64Array; via: Int32Array } {
  const tree = new TreeSearch(net);
  tree.grow(origin, timeH);
  return { dist: tree.dist, via: tree.via };
}

/** The demand of one origin by destination node, and the loads it leaves on the tree's links. */
interface Loading {
  tree: TreeSearch;
  linkFrom: Int32Array;
  /** per node: demand ending there, then (walking the tree up) passing through it; zero between origins */
  through: Float64Array;
}

/**
 * Loads each demand entirely onto its shortest path; returns the demand that found no path. Each origin's
 * demand is summed per destination and pushed up its tree once, farthest node first, instead of walking
 * every demand's path.
 */
function allOrNothing(byOrigin: Map<number, OdFlow[]>, timeH: Float64Array, load: Float64Array, { tree, linkFrom, through }: Loading): number {
  load.fill(0);
  let unassigned = 0;
  for (const [origin, flows] of byOrigin) {
    tree.grow(origin, timeH);
    const { via, order } = tree;
    for (const f of flows) {
      if (f.to === origin) continue;
      if (via[f.to] < 0) unassigned += f.vehH;
      else through[f.to] += f.vehH;
    }
    // settled nearest first: a node's tree link comes from a node settled before it
    for (let k = tree.settled - 1; k > 0; k--) {
      const n = order[k];
      const x = through[n];
      if (x === 0) continue;
      through[n] = 0;
      const li = via[n];
      load[li] += x;
      through[linkFrom[li]] += x;
    }
    through[origin] = 0;
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
  const loading: Loading = { tree: new TreeSearch(net), linkFrom: Int32Array.from(net.links, (l) => l.from), through: new Float64Array(net.nodes.length) };
  const unassignedVehH = allOrNothing(byOrigin, travelTimes(net, x, capacity, timeH), x, loading);
  let gap = Infinity;
  let iterations = 0;
  while (iterations < maxIterations) {
    travelTimes(net, x, capacity, timeH);
    allOrNothing(byOrigin, timeH, y, loading);
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
