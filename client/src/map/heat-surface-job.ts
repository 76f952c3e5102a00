import type { Bounds } from '../../../common/geo-bounds.js';
import type { SurfaceInput } from './heat-surface.js';
import type { SurfaceAnswer, SurfaceRequest } from './heat-surface-protocol.js';
import type { SurfacePixels } from './surface-raster.js';

type Ring = ReadonlyArray<readonly [number, number]>;

/** The part of a Worker the job uses (a test hands in a fake). */
export interface SurfacePort {
  postMessage(message: SurfaceRequest, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<SurfaceAnswer>) => void) | null;
}

/** A drawn surface and what it was drawn for. */
export interface DrawnSurface {
  /** what the caller said it shows (its climate version, minute and mode) */
  key: string;
  image: SurfacePixels | null;
  bounds: Bounds;
  mean: number;
  /** counts the surfaces drawn, for a layer's update trigger */
  built: number;
}

/**
 * The heat surface drawn in a worker, one at a time. A request made while one is being drawn waits, and
 * only the newest waiting one is drawn next: a scrubbed time slider does not queue up surfaces nobody sees.
 * The map keeps showing the last drawn surface meanwhile (`drawn`), and is told when a new one is ready.
 */
export class HeatSurfaceJob {
  drawn: DrawnSurface | null = null;
  private port: SurfacePort | null = null;
  private seq = 0;
  private busy: { seq: number; key: string; bounds: Bounds } | null = null;
  private waiting: { key: string; input: SurfaceInput; rings: ReadonlyArray<Ring> } | null = null;
  private ringsSent: ReadonlyArray<Ring> | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly open: () => SurfacePort) {}

  /** Whether `key` is drawn, being drawn or waiting. */
  has(key: string): boolean {
    return this.drawn?.key === key || this.busy?.key === key || this.waiting?.key === key;
  }

  request(key: string, input: SurfaceInput, rings: ReadonlyArray<Ring>): void {
    if (this.has(key)) return;
    this.waiting = { key, input, rings };
    this.next();
  }

  /** Called when a surface was drawn; returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private next(): void {
    if (this.busy || !this.waiting) return;
    const { key, input, rings } = this.waiting;
    this.waiting = null;
    if (!this.port) {
      this.port = this.open();
      this.port.onmessage = ({ data }) => this.answered(data);
    }
    this.seq += 1;
    this.busy = { seq: this.seq, key, bounds: input.bounds };
    // the city's outline is sent once, not with every surface
    const newRings = rings !== this.ringsSent;
    this.ringsSent = rings;
    // The stations' arrays are handed over, not copied: with SCALE's 15,000 nodes a structured copy of them was
    // most of asking for a surface (issue 13). The caller builds them for this request and keeps none.
    const transfer = [input.lonLat, input.values].flatMap((a) => (ArrayBuffer.isView(a) && a.buffer instanceof ArrayBuffer ? [a.buffer] : []));
    this.port.postMessage({ seq: this.seq, input, ...(newRings && { rings }) }, [...new Set(transfer)]);
  }

  private answered(answer: SurfaceAnswer): void {
    if (answer.seq !== this.busy?.seq) return;
    const { key, bounds } = this.busy;
    this.busy = null;
    this.drawn = { key, image: answer.image, bounds, mean: answer.mean, built: (this.drawn?.built ?? 0) + 1 };
    this.next();
    for (const listener of this.listeners) listener();
  }
}
