import { performance } from 'node:perf_hooks';
import type { LiveEntry } from '../../common/protocol.js';
import type { HistoryStore, HistoryWriteBatch, RetentionPolicy, SeriesSample, StoredEvent } from './history-store.js';

/** Default flush interval, ms: a reading accepted longer ago than this is on disk (barring a failing store). */
export const FLUSH_INTERVAL_MS = 1_000;
export const DEFAULT_QUEUE_MAX = 100_000;
export const DEFAULT_BATCH_MAX = 5_000;

/** What the writer needs of a store: a HistoryStore, or the SQLite worker that writes for one. */
export type HistoryBatchSink = Pick<HistoryStore, 'write' | 'applyRetention' | 'deleteEndedRuns'> & { ready?(): Promise<void>; close?(): Promise<void> };

export interface HistoryWriterOptions {
  sink: HistoryBatchSink;
  /** items (entries, samples, events) held at most; beyond it new items are dropped and counted */
  queueMax?: number;
  /**
   * Entries of generated (SCALE) sensors that passed the history thinning (`addEntry(e, true)`) held at
   * most, apart from `queueMax`: the thinning passes at most one per sensor and interval, so the number
   * of generated sensors bounds them. A SCALE city's first report is that many at once (100,000), which
   * in the shared queue crowded out the real sensors' readings and overflowed it. 0 (the default): they
   * share the queue like any other entry.
   */
  generatedMax?: number;
  /** a flush every so often, ms */
  flushMs?: number;
  /** items per write; a queue this long is flushed at once, without waiting for the timer */
  batchMax?: number;
  /** a failed batch is tried this often in all before its items are given up (counted as failed) */
  attempts?: number;
  retention?: {
    policy: RetentionPolicy;
    intervalMs: number;
    /** the current run's clock (city time): retention is measured on it */
    cityNow: () => number;
  };
  /** told about every failed write or retention pass (for the log); must not throw */
  onError?: (err: Error, during: 'write' | 'retention') => void;
}

export interface HistoryWriterStats {
  queued: number;
  /** of `queued`, generated sensors' entries in their own allowance (`generatedMax`) */
  queuedGenerated: number;
  written: number;
  dropped: number;
  /** items given up after their batch failed `attempts` times */
  failed: number;
  flushes: number;
  lastFlushMs: number | null;
  lastError: string | null;
  /**
   * more than one batch waiting besides generated sensors' entries (a SCALE city's first report is
   * written over a few seconds and is no sign of a slow store), the last write failed, or items
   * dropped since the last good flush
   */
  behind: boolean;
  retentionPasses: number;
  retentionDeleted: number;
  /** generated sensors' readings the history thinning left out (server/pipeline/history-thinning.ts), and of those for the writer's backlog */
  thinned?: number;
  thinnedForBacklog?: number;
}

interface Segment {
  run: string | null;
  entries: LiveEntry[];
  samples: SeriesSample[];
  events: StoredEvent[];
  /**
   * generated sensors' entries in their own allowance, written after the others of their segment; as
   * their JSON text: up to 100,000 of them wait here for a flush, and one string each is far less for
   * the garbage collector to copy and promote than an entry's objects and boxed numbers
   */
  generated: string[];
  attempt: number;
}

const segment = (run: string | null): Segment => ({ run, entries: [], samples: [], events: [], generated: [], attempt: 0 });
const sizeOf = (s: Segment) => s.entries.length + s.samples.length + s.events.length + s.generated.length;

/**
 * The history stage of the pipeline: takes accepted entries, derived-series samples and events off
 * the hot path. `add*` is O(1) and never blocks or throws; a bounded queue is written in batches on
 * a timer and whenever a batch is full, one write at a time. Items keep the run that was current
 * when they arrived (`setRun`); items that arrive before the first run is known wait for it.
 */
export class HistoryWriter {
  private readonly sink: HistoryBatchSink;
  private readonly queueMax: number;
  private readonly generatedMax: number;
  private readonly batchMax: number;
  private readonly attempts: number;
  private readonly onError: NonNullable<HistoryWriterOptions['onError']>;
  private readonly segments: Segment[] = [segment(null)];
  /** every item queued, generated sensors' entries included */
  private queued = 0;
  private queuedGenerated = 0;
  private currentRun: string | null = null;
  private chain: Promise<void> = Promise.resolve();
  private draining = false;
  private closed = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly counts = { written: 0, dropped: 0, failed: 0, flushes: 0, retentionPasses: 0, retentionDeleted: 0 };
  private lastFlushMs: number | null = null;
  private lastError: string | null = null;
  private lastWriteFailed = false;
  private droppedSinceFlush = 0;

  constructor(private readonly opts: HistoryWriterOptions) {
    this.sink = opts.sink;
    this.queueMax = opts.queueMax ?? DEFAULT_QUEUE_MAX;
    this.generatedMax = opts.generatedMax ?? 0;
    this.batchMax = opts.batchMax ?? DEFAULT_BATCH_MAX;
    this.attempts = opts.attempts ?? 3;
    this.onError = opts.onError ?? (() => {});
    const flushTimer = setInterval(() => this.kick(), opts.flushMs ?? FLUSH_INTERVAL_MS);
    flushTimer.unref();
    this.timers.push(flushTimer);
    if (opts.retention) {
      const { policy, intervalMs, cityNow } = opts.retention;
      const retentionTimer = setInterval(() => void this.runRetention(policy, cityNow()), intervalMs);
      retentionTimer.unref();
      this.timers.push(retentionTimer);
    }
  }

  get run(): string | null {
    return this.currentRun;
  }

  /** Items added from now on belong to `run`; the first call also claims the items that waited for a run. */
  setRun(run: string): void {
    if (run === this.currentRun) return;
    const tail = this.segments[this.segments.length - 1];
    if (tail.run === null || sizeOf(tail) === 0) tail.run = run;
    else this.segments.push(segment(run));
    this.currentRun = run;
  }

  /** `generated`: a generated (SCALE) sensor's entry the thinning passed, queued in its own allowance (`generatedMax`) */
  addEntry(entry: LiveEntry, generated = false): void {
    if (generated && this.generatedMax > 0) {
      if (this.admitGenerated()) this.tail().generated.push(JSON.stringify(entry));
    } else if (this.admit()) this.tail().entries.push(entry);
  }

  /** The share of the generated sensors' allowance in use (0 without one). */
  generatedBacklog(): number {
    return this.generatedMax > 0 ? this.queuedGenerated / this.generatedMax : 0;
  }

  addEntries(entries: readonly LiveEntry[]): void {
    for (const e of entries) this.addEntry(e);
  }

  addSample(sample: SeriesSample): void {
    if (this.admit()) this.tail().samples.push(sample);
  }

  addEvent(event: StoredEvent): void {
    if (this.admit()) this.tail().events.push(event);
  }

  stats(): HistoryWriterStats {
    return {
      queued: this.queued,
      queuedGenerated: this.queuedGenerated,
      ...this.counts,
      lastFlushMs: this.lastFlushMs,
      lastError: this.lastError,
      behind: this.queued - this.queuedGenerated >= this.batchMax || this.lastWriteFailed || this.droppedSinceFlush > 0,
    };
  }

  /** Resolves once the sink can write (the SQLite writer thread has opened the file). */
  async ready(): Promise<void> {
    await this.sink.ready?.();
  }

  /** Writes everything queued now (and what arrives meanwhile); a failing store leaves it queued for the next try. */
  async flush(): Promise<void> {
    await this.enqueueJob(() => this.drain());
  }

  /** Stops the timers, writes what is queued, closes the sink. */
  async close(): Promise<void> {
    if (this.closed) return;
    for (const t of this.timers) clearInterval(t);
    await this.flush();
    this.closed = true;
    await this.chain;
    await this.sink.close?.();
  }

  /** Runs a retention pass now (the timer calls this); serialised with the writes. */
  async runRetention(policy: RetentionPolicy, now: number): Promise<number> {
    let deleted = 0;
    await this.enqueueJob(async () => {
      const run = this.currentRun;
      if (run === null) return;
      try {
        deleted = await this.sink.applyRetention(run, now, policy);
        await this.sink.deleteEndedRuns(Date.now(), policy, run);
        this.counts.retentionPasses += 1;
        this.counts.retentionDeleted += deleted;
      } catch (err) {
        this.report(err, 'retention');
      }
    });
    return deleted;
  }

  private admit(): boolean {
    if (this.closed || this.queued - this.queuedGenerated >= this.queueMax) return this.drop();
    this.queued += 1;
    if (this.queued === this.batchMax) setImmediate(() => this.kick());
    return true;
  }

  private admitGenerated(): boolean {
    if (this.closed || this.queuedGenerated >= this.generatedMax) return this.drop();
    this.queuedGenerated += 1;
    this.queued += 1;
    if (this.queued === this.batchMax) setImmediate(() => this.kick());
    return true;
  }

  private drop(): false {
    this.counts.dropped += 1;
    this.droppedSinceFlush += 1;
    return false;
  }

  /** Takes a batch's items off the counts (written, or given up). */
  private release(taken: Segment): void {
    this.queued -= sizeOf(taken);
    this.queuedGenerated -= taken.generated.length;
  }

  private tail(): Segment {
    return this.segments[this.segments.length - 1];
  }

  /** Starts a drain unless one is running or waiting; never rejects. */
  private kick(): void {
    if (this.draining || this.queued === 0) return;
    this.draining = true;
    void this.enqueueJob(() => this.drain()).finally(() => {
      this.draining = false;
    });
  }

  private enqueueJob(job: () => Promise<void>): Promise<void> {
    const next = this.chain.then(job, job);
    this.chain = next.catch(() => {});
    return this.chain;
  }

  /** Writes batch after batch until the queue is empty, the head waits for a run, or a write fails. */
  private async drain(): Promise<void> {
    for (;;) {
      const batch = this.takeBatch();
      if (batch === null) return;
      const { run, items, segment: taken } = batch;
      const t0 = performance.now();
      try {
        await this.sink.write(run, items);
      } catch (err) {
        this.report(err, 'write');
        this.lastWriteFailed = true;
        taken.attempt += 1;
        if (taken.attempt < this.attempts) this.segments.unshift(taken);
        else {
          this.release(taken);
          this.counts.failed += sizeOf(taken);
        }
        return;
      }
      const n = sizeOf(taken);
      this.release(taken);
      this.counts.written += n;
      this.counts.flushes += 1;
      this.lastFlushMs = performance.now() - t0;
      this.lastWriteFailed = false;
      this.droppedSinceFlush = 0;
    }
  }

  /** Up to batchMax items of the head segment, taken out of the queue as a segment of their own (for a retry). */
  private takeBatch(): { run: string; items: HistoryWriteBatch; segment: Segment } | null {
    while (this.segments.length > 1 && sizeOf(this.segments[0]) === 0) this.segments.shift();
    const head = this.segments[0];
    if (head.run === null || sizeOf(head) === 0) return null;
    let room = this.batchMax;
    const taken = segment(head.run);
    taken.attempt = head.attempt;
    const take = <T>(from: T[]): T[] => {
      const part = from.length <= room ? from.splice(0) : from.splice(0, room);
      room -= part.length;
      return part;
    };
    taken.entries = take(head.entries);
    taken.samples = take(head.samples);
    taken.events = take(head.events);
    // the real sensors' entries, samples and events first: a SCALE city's first report waits behind them
    taken.generated = take(head.generated);
    if (sizeOf(head) === 0 && this.segments.length > 1) this.segments.shift();
    else if (sizeOf(head) === 0) head.attempt = 0;
    return { run: taken.run!, items: { entries: taken.entries, entryTexts: taken.generated, samples: taken.samples, events: taken.events }, segment: taken };
  }

  private report(err: unknown, during: 'write' | 'retention'): void {
    const e = err instanceof Error ? err : new Error(String(err));
    this.lastError = `${during}: ${e.message}`;
    try {
      this.onError(e, during);
    } catch {
      // a logger that throws must not stop the writer
    }
  }
}
