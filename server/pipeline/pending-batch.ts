import type { LiveEntry } from '../../common/protocol.js';
import type { HistoryWriteBatch, SeriesSample, StoredEvent } from '../store/history-store.js';
import type { HistorySink } from './history-sink.js';
import { nextTurn } from '../ingest/yielding.js';

/**
 * What a headless pipeline (a demo recording, a climate replay's lead) hands the history, held until its
 * owner writes it in batches of its choosing: the sink its stages write to, and the batches taken from it.
 */
export class PendingBatch {
  private readonly held: HistoryWriteBatch = { entries: [], samples: [], events: [] };
  readonly sink: HistorySink = {
    entry: (e: LiveEntry) => void this.held.entries.push(e),
    sample: (s: SeriesSample) => void this.held.samples.push(s),
    event: (e: StoredEvent) => void this.held.events.push(e),
  };

  get size(): number {
    return this.held.entries.length + this.held.samples.length + this.held.events.length;
  }

  /** Takes up to `max` items of each kind out, oldest first. */
  take(max = Infinity): HistoryWriteBatch {
    const { entries, samples, events } = this.held;
    return { entries: entries.splice(0, max), samples: samples.splice(0, max), events: events.splice(0, max) };
  }
}

/**
 * A yield to the event loop once `sliceMs` of work have passed since the last one: headless work beside a
 * live server (a recording, a lead) keeps it answering. Call the returned function between units of work.
 */
export function sliceYielder(sliceMs: number): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < sliceMs) return;
    await nextTurn();
    sliceStart = performance.now();
  };
}
