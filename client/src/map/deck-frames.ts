/**
 * deck.gl's animation loop (luma.gl's AnimationLoop) asks for the next animation frame at the end of every
 * frame, also over maplibre (MapboxOverlay, overlaid or interleaved): at 60 Hz it checks whether anything
 * changed, resizes nothing and submits an empty command buffer. Under software rendering with 100,000 sensors
 * that idle loop was the page's largest script cost (issue 13). This frame provider lets the loop sleep
 * between changes: a frame it asks for is held back until `wake()`, unless deck itself still has work.
 *
 * Passed to deck as `animationFrameProvider`, which Deck.setProps forwards to its AnimationLoop.setProps.
 */

/** What the provider asks of deck after each frame (Deck's public needsRedraw, its layer manager's state). */
export interface DeckWork {
  needsRedraw: (opts: { clearRedrawFlags: boolean }) => unknown;
  layerManager?: { needsUpdate: () => unknown; getLayers: () => ReadonlyArray<{ isLoaded: boolean }> } | null;
}

interface Schedule {
  requestAnimationFrame: (cb: FrameRequestCallback) => number;
  cancelAnimationFrame: (id: number) => void;
  now: () => number;
}

const browser: Schedule = {
  requestAnimationFrame: (cb) => requestAnimationFrame(cb),
  cancelAnimationFrame: (id) => cancelAnimationFrame(id),
  now: () => performance.now(),
};

/** The id returned for a frame held back (real animation frame ids start at 1). */
const HELD = -1;

export class DeckFrames {
  private held: FrameRequestCallback | null = null;
  private awakeUntil: number;
  /** set once deck stands; until then (and if it never does) every frame runs, as without this provider */
  deck: DeckWork | null = null;

  constructor(
    /** frames run unconditionally this long after start: the device, first layers and fonts settle */
    startMs = 2000,
    private readonly schedule: Schedule = browser,
  ) {
    this.awakeUntil = schedule.now() + startMs;
  }

  /** Runs deck's loop for the next frame, and on for `forMs` (e.g. while a pointer moves: picking is async). */
  wake(forMs = 0): void {
    this.awakeUntil = Math.max(this.awakeUntil, this.schedule.now() + forMs);
    const cb = this.held;
    if (!cb) return;
    this.held = null;
    this.schedule.requestAnimationFrame(cb);
  }

  /** True while a frame is held back (deck's loop sleeps). */
  get sleeping(): boolean {
    return this.held !== null;
  }

  readonly requestAnimationFrame = (cb: FrameRequestCallback): number => {
    if (this.schedule.now() < this.awakeUntil || this.busy()) return this.schedule.requestAnimationFrame(cb);
    this.held = cb;
    return HELD;
  };

  readonly cancelAnimationFrame = (id: number): void => {
    if (id === HELD) this.held = null;
    else this.schedule.cancelAnimationFrame(id);
  };

  /** deck has something to draw or update: a changed layer, an async prop (an image, a font) still loading. */
  private busy(): boolean {
    const deck = this.deck;
    if (!deck?.layerManager) return true;
    if (deck.needsRedraw({ clearRedrawFlags: false })) return true;
    if (deck.layerManager.needsUpdate()) return true;
    return deck.layerManager.getLayers().some((l) => !l.isLoaded);
  }
}
