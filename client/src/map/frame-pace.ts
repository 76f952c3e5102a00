/**
 * The pace of the map's animation (the traffic chevrons) follows what a frame costs the renderer. Under software
 * rendering (a wall PC without a GPU; headless Chromium's SwiftShader) a deck.gl frame of the whole city took
 * ~85 ms to put on screen, and the main thread waits for it in the compositor's readback: asked for 30 frames a
 * second, the wall managed ~10 and its main thread was busy 96 % of the time (a trace of `?wall=1`). With a GPU a
 * frame costs a few ms and the animation keeps its full rate.
 */

/** Share of the time the renderer may spend on the animation's frames. */
const RENDER_SHARE = 0.5;
/** Frames whose cost is looked at (the median of them): one slow frame (the first, a resize) does not slow the animation. */
const WINDOW = 5;
/** However slow the renderer, the chevrons still move this often. */
const MAX_INTERVAL_MS = 500;

export class FramePace {
  private readonly costs: number[] = [];

  constructor(
    /** the animation's own interval (its frame rate) on a renderer that keeps up */
    private readonly baseIntervalMs: number,
  ) {}

  /** The time one frame took from deck.gl's draw until the page could run again (the readback included). */
  record(costMs: number): void {
    this.costs.push(costMs);
    if (this.costs.length > WINDOW) this.costs.shift();
  }

  /** Milliseconds between two frames of the animation alone. */
  intervalMs(): number {
    if (this.costs.length === 0) return this.baseIntervalMs;
    const sorted = [...this.costs].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    return Math.min(MAX_INTERVAL_MS, Math.max(this.baseIntervalMs, median / RENDER_SHARE));
  }
}

/**
 * Calls `done` with the milliseconds until the page runs its next task: called at the end of deck.gl's draw, that
 * includes the rest of the frame, where the compositor takes the canvas (and, without a GPU, waits for it to be drawn).
 */
export function measureFrameCost(done: (ms: number) => void): void {
  const started = performance.now();
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    done(performance.now() - started);
  };
  channel.port2.postMessage(null);
}
