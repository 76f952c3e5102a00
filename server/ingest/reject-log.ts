import type { Logger } from '../logger.js';
import { steadyNow } from '../steady-clock.js';

export const REJECT_LOG_INTERVAL_MS = 10_000;

type Level = 'warn' | 'error';
type Context = Record<string, unknown>;

interface Window {
  /** steady-clock ms */
  start: number;
  /** rejections since the window's start that have not been written yet */
  suppressed: number;
  example?: { detail: string; context: Context; level: Level };
  timer?: NodeJS.Timeout;
}

/**
 * The log of rejections, aggregated so that no input can flood the disk: per source and reason, the
 * first rejection after a quiet interval is written at once, and the ones after it in the same
 * interval are written as one line at its end, with their count and the first of them as example.
 * A flood thus costs one line per source, reason and interval. The counters (SourceStats) stay exact;
 * this is only what the log says. Keys are bounded: sources are the server's feeds, reasons an enum.
 */
export class RejectLog {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly log: Logger,
    private readonly intervalMs = REJECT_LOG_INTERVAL_MS,
    private readonly now: () => number = steadyNow,
  ) {}

  note(source: string, reason: string, detail: string, context: Context = {}, level: Level = 'warn'): void {
    const key = `${source}\u0000${reason}`;
    const now = this.now();
    const w = this.windows.get(key);
    if (!w || (w.suppressed === 0 && now - w.start >= this.intervalMs)) {
      this.windows.set(key, { start: now, suppressed: 0 });
      this.write(level, source, reason, 1, detail, context);
      return;
    }
    w.suppressed += 1;
    w.example ??= { detail, context, level };
    if (!w.timer) {
      const due = Math.max(0, w.start + this.intervalMs - now);
      w.timer = setTimeout(() => this.flushKey(key), due);
      // The log must never keep a stopping server alive.
      w.timer.unref();
    }
  }

  /** Writes every pending aggregate now (at shutdown, or in tests). */
  flush(): void {
    for (const key of [...this.windows.keys()]) this.flushKey(key);
  }

  private flushKey(key: string): void {
    const w = this.windows.get(key);
    if (!w) return;
    clearTimeout(w.timer);
    w.timer = undefined;
    if (w.suppressed === 0 || !w.example) return;
    const [source, reason] = key.split('\u0000');
    const { detail, context, level } = w.example;
    this.write(level, source, reason, w.suppressed, detail, { ...context, intervalS: this.intervalMs / 1000 });
    // A new window starts without a line of its own, so a steady flood costs one line per interval.
    this.windows.set(key, { start: this.now(), suppressed: 0 });
  }

  private write(level: Level, source: string, reason: string, count: number, detail: string, context: Context): void {
    this.log[level]({ ...context, source, reason, count, detail }, 'reading rejected');
  }
}
