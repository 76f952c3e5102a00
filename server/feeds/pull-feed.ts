import type { Ingest } from '../ingest/ingest.js';
import type { RejectReason } from '../ingest/source-stats.js';
import type { Logger } from '../logger.js';
import { fetchDocument } from './fetch-document.js';
import { redactUrl, type PullConfig } from './feeds-config.js';

export interface Refusal {
  reason: RejectReason;
  detail: string;
  context?: Record<string, unknown>;
}

/** What an adapter made of one fetched document (one page). */
export interface MappedDocument {
  /** reading candidates; the ingest path validates them like any other */
  readings: unknown[];
  /** entries the adapter could not turn into readings */
  refused: Refusal[];
  /** upstream ids the id map does not name: not ours, ignored */
  unmapped: string[];
  /** the document itself reports a failure (e.g. an OCPI status_code other than 1000) */
  upstreamError?: string;
}

export interface PullAdapter {
  map(doc: unknown): MappedDocument;
}

export interface PollSummary {
  pages: number;
  accepted: number;
  duplicates: number;
  outdated: number;
  /** same timestamp, other values: the new values replaced the old */
  corrected: number;
  rejected: number;
  /** why the poll stopped early, if it did */
  error?: string;
}

/** Paginated sources are followed this far and no further, so a Link loop cannot hold a poll forever. */
const MAX_PAGES = 50;
/** A whole city's car parks or charge points fit in a few MB; more is a broken or hostile upstream. */
const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * Polls one upstream URL on an interval and hands the adapter's readings to the ingest path.
 * A failing upstream (unreachable, slow, HTTP error, broken document) is counted and logged, and the
 * next poll simply tries again: nothing here can stop the server.
 */
export class PullFeed {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<PollSummary> | null = null;
  private stopped = true;
  private readonly loggedUnmapped = new Set<string>();
  private lastFailure: string | null = null;
  private readonly target: string;

  constructor(
    readonly source: string,
    private readonly adapter: PullAdapter,
    private readonly config: PullConfig,
    private readonly ingest: Ingest,
    private readonly log: Logger,
  ) {
    this.target = redactUrl(config.url);
    ingest.stats.register(source);
    ingest.stats.link(source, { state: 'connecting', target: this.target });
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.running = this.poll().finally(() => {
        this.running = null;
        if (!this.stopped) this.schedule(this.config.intervalMs);
      });
    }, delayMs);
  }

  /** One poll: fetch (following `rel="next"` pages), map, ingest. Never throws. */
  async poll(): Promise<PollSummary> {
    const summary: PollSummary = { pages: 0, accepted: 0, duplicates: 0, outdated: 0, corrected: 0, rejected: 0 };
    let url: string | null = this.config.url;
    while (url && summary.pages < MAX_PAGES) {
      const fetched = await fetchDocument(url, { timeoutMs: this.config.timeoutMs, maxBytes: MAX_DOCUMENT_BYTES, headers: this.config.headers });
      if (!fetched.ok) {
        if (fetched.kind === 'too_large' || fetched.kind === 'malformed') {
          this.ingest.refuse(this.source, fetched.kind, fetched.detail, { url: redactUrl(url) });
          summary.rejected += 1;
        } else {
          this.ingest.stats.feedError(this.source);
        }
        return this.failed(summary, fetched.detail);
      }
      summary.pages += 1;
      const mapped = this.adapter.map(fetched.body);
      if (mapped.upstreamError) {
        this.ingest.stats.feedError(this.source);
        return this.failed(summary, mapped.upstreamError);
      }
      for (const r of mapped.refused) {
        this.ingest.refuse(this.source, r.reason, r.detail, r.context);
        summary.rejected += 1;
      }
      for (const reading of mapped.readings) {
        const outcome = this.ingest.submit(reading, this.source);
        if (outcome.status === 'accepted') summary.accepted += 1;
        else if (outcome.status === 'duplicate') summary.duplicates += 1;
        else if (outcome.status === 'outdated') summary.outdated += 1;
        else if (outcome.status === 'corrected') summary.corrected += 1;
        else summary.rejected += 1;
      }
      this.noteUnmapped(mapped.unmapped);
      url = fetched.next;
    }
    this.lastFailure = null;
    this.ingest.stats.link(this.source, { state: 'up', target: this.target });
    this.log.debug({ source: this.source, ...summary }, 'poll done');
    return summary;
  }

  private failed(summary: PollSummary, detail: string): PollSummary {
    this.ingest.stats.link(this.source, { state: 'down', target: this.target, detail });
    // The first failure of a kind is a warning; repeating it every interval would only bury other logs.
    const repeated = this.lastFailure === detail;
    this.lastFailure = detail;
    this.log[repeated ? 'debug' : 'warn']({ source: this.source, target: this.target, detail }, 'poll failed');
    return { ...summary, error: detail };
  }

  private noteUnmapped(ids: string[]): void {
    const fresh = ids.filter((id) => !this.loggedUnmapped.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) this.loggedUnmapped.add(id);
    this.log.info({ source: this.source, ids: fresh.slice(0, 50), count: fresh.length }, 'upstream ids not in the id map, ignored');
  }
}
