import type { LiveEntry } from '../../common/protocol.js';
import type { SeriesSample, StoredEvent } from '../store/history-store.js';

/**
 * Where stages hand what the history keeps. Calls must return at once: the history writer
 * queues and writes in batches off the hot path (server/store/history-writer.ts).
 */
export interface HistorySink {
  /**
   * `generated`: a generated (SCALE) sensor's reading that passed the history thinning
   * (history-thinning.ts), at most one per sensor and interval; the writer queues those apart.
   */
  entry(entry: LiveEntry, generated?: boolean): void;
  sample(sample: SeriesSample): void;
  event(event: StoredEvent): void;
  /** the share (0–1) of the writer's allowance for generated sensors' entries in use; absent: no allowance to watch */
  generatedBacklog?(): number;
}

/** For a server (or a test) that keeps no history. */
export const NO_HISTORY: HistorySink = { entry() {}, sample() {}, event() {} };

/**
 * The sink the stages hold from the start; the history writer is attached once the store has
 * opened (asynchronously, in start()), before any feed runs.
 */
export class HistoryLink implements HistorySink {
  private target: HistorySink = NO_HISTORY;

  attach(target: HistorySink): void {
    this.target = target;
  }

  entry(entry: LiveEntry, generated?: boolean): void {
    this.target.entry(entry, generated);
  }

  generatedBacklog(): number {
    return this.target.generatedBacklog?.() ?? 0;
  }

  sample(sample: SeriesSample): void {
    this.target.sample(sample);
  }

  event(event: StoredEvent): void {
    this.target.event(event);
  }
}
