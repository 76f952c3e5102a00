import { readingSchema, type Reading } from '../../common/readings.js';
import { fastReading } from '../../common/reading-fast-path.js';
import { deriveFigures } from '../../common/derive.js';
import type { LiveEntry } from '../../common/protocol.js';
import type { SensorFeature } from '../../common/sensors.js';
import { formatZodError } from '../../common/zod-error.js';
import type { SensorIndex } from '../registry.js';
import type { LiveState } from '../state/live-state.js';
import type { Logger } from '../logger.js';
import { processSteadyClock, type SteadyClock } from '../steady-clock.js';
import { RejectLog, REJECT_LOG_INTERVAL_MS } from './reject-log.js';
import { sameValues } from './same-values.js';
import { clip, namedSensorId } from './safe-text.js';
import { SourceStats, type RejectReason } from './source-stats.js';
import { checkTimestamp, DEFAULT_TIME_RULES, orderAgainstLatest, type LatestMark, type TimeRules } from './time-rules.js';

export type IngestOutcome =
  | { status: 'accepted' }
  /** the same sensor and timestamp as the latest, other values: replaced it */
  | { status: 'corrected' }
  | { status: 'duplicate' }
  | { status: 'outdated' }
  | { status: 'rejected'; reason: RejectReason; detail: string };

/** An item after validation, before it touches any state: a reading to apply, or why not. */
export type CheckedItem =
  | { ok: true; reading: Reading; sensor: SensorFeature; /** the sensor's slot in the registry (SensorIndex.slotOf) */ slot: number }
  | { ok: false; reason: RejectReason; detail: string; sensorId?: string; /** for the log only: the error behind an internal_error */ cause?: string };

export interface IngestOptions {
  timeRules?: TimeRules;
  /** stamps `receivedAt`, `lastSeen` and link changes, and tells of wall-clock steps (server/steady-clock.ts) */
  serverClock?: SteadyClock;
  rejectLogIntervalMs?: number;
}

// The outcomes without detail, one frozen object each: a reading's outcome allocates nothing.
const ACCEPTED: IngestOutcome = Object.freeze({ status: 'accepted' });
const CORRECTED: IngestOutcome = Object.freeze({ status: 'corrected' });
const DUPLICATE: IngestOutcome = Object.freeze({ status: 'duplicate' });
const OUTDATED: IngestOutcome = Object.freeze({ status: 'outdated' });

/** Zod issues spelled out per rejection; the rest are counted, so one absurd item stays one short line. */
const ISSUES_SHOWN = 5;

/**
 * The one path every reading takes, whatever its feed: validate → live state (→ broadcast by the stream).
 * It never throws for bad input: the outcome says why, the source's counters record it exactly, and
 * the log gets an aggregated line (RejectLog), so no input can flood it.
 *
 * The time reference (`cityNow`) is the city clock: the server's steady clock for real-time runs,
 * the scenario's clock for simulated ones. Time rules: ./time-rules.ts and docs/feeds.md.
 */
export class Ingest {
  readonly stats: SourceStats;
  private readonly acceptedListeners: Array<(entry: LiveEntry) => void> = [];
  /**
   * Per sensor slot: the latest reading's timestamp (NaN: none yet) and when it was accepted (the live
   * state keeps no city time). Typed arrays, not a map of objects: at 100,000 sensors a reading costs
   * no lookup and no allocation here.
   */
  private readonly latestTs: Float64Array;
  private readonly latestAcceptedAt: Float64Array;
  private readonly rejectLog: RejectLog;
  private readonly timeRules: TimeRules;
  private readonly serverClock: SteadyClock;
  /** whether the live state is indexed by this registry's slots (then a reading's slot is handed to it) */
  private readonly stateSlots: boolean;
  /** steady ms of the last logged listener failure: a broken listener fails on every reading */
  private listenerFailureLoggedAt = -Infinity;

  constructor(
    private readonly sensors: SensorIndex,
    private readonly state: LiveState,
    private readonly cityNow: () => number,
    private readonly log: Logger,
    options: IngestOptions = {},
  ) {
    this.serverClock = options.serverClock ?? processSteadyClock;
    this.timeRules = options.timeRules ?? DEFAULT_TIME_RULES;
    this.stats = new SourceStats(this.serverClock.now);
    this.rejectLog = new RejectLog(log, options.rejectLogIntervalMs ?? REJECT_LOG_INTERVAL_MS);
    this.latestTs = new Float64Array(sensors.size).fill(NaN);
    this.latestAcceptedAt = new Float64Array(sensors.size);
    this.stateSlots = state.indexedBy(sensors);
  }

  /**
   * Hands every accepted entry to a later stage (the history writer) as it is accepted: the live
   * state keeps only the latest per sensor, the history wants each one. Listeners must not block.
   * A correction (status `corrected`) is handed over too: it has the sensor and timestamp of an entry
   * handed over before, and replaces it.
   */
  onAccepted(listener: (entry: LiveEntry) => void): void {
    this.acceptedListeners.push(listener);
  }

  submit(raw: unknown, source: string): IngestOutcome {
    return this.commit(this.check(raw), source);
  }

  /**
   * Validates an item without touching any state or counter: the reading model, the registry, the
   * kind and the timestamp rules. Never throws: a failure of its own comes back as `internal_error`.
   */
  check(raw: unknown): CheckedItem {
    try {
      // The common readings take a fast path of the same rules; zod decides (and words) everything else.
      let reading = fastReading(raw);
      if (reading === null) {
        const parsed = readingSchema.safeParse(raw);
        if (!parsed.success) {
          return { ok: false, reason: 'invalid', detail: clip(formatZodError(parsed.error, { whole: '(reading)', limit: ISSUES_SHOWN })), sensorId: namedSensorId(raw) };
        }
        reading = parsed.data;
      }
      const slot = this.sensors.slotOf(reading.sensorId);
      if (slot === undefined) return { ok: false, reason: 'unknown_sensor', detail: `no sensor with id ${reading.sensorId}`, sensorId: reading.sensorId };
      const sensor = this.sensors.at(slot);
      if (sensor.properties.kind !== reading.kind) {
        return { ok: false, reason: 'kind_mismatch', detail: `sensor ${reading.sensorId} is ${sensor.properties.kind}, reading is ${reading.kind}`, sensorId: reading.sensorId };
      }
      const refusal = checkTimestamp(reading.ts, this.cityNow(), this.timeRules);
      if (refusal) return { ok: false, reason: refusal.reason, detail: this.withClockNote(refusal.detail), sensorId: reading.sensorId };
      return { ok: true, reading, sensor, slot };
    } catch (err) {
      return this.internalError(err, raw);
    }
  }

  /** Applies a checked item (or counts its refusal): exactly one counter moves per call. */
  commit(item: CheckedItem, source: string): IngestOutcome {
    if (!item.ok) return this.refuse(source, item.reason, item.detail, { sensorId: item.sensorId, cause: item.cause });
    try {
      return this.apply(item.reading, item.sensor, item.slot, source);
    } catch (err) {
      const failed = this.internalError(err, item.reading);
      return this.refuse(source, failed.reason, failed.detail, { sensorId: failed.sensorId, cause: failed.cause });
    }
  }

  private apply(reading: Reading, sensor: SensorFeature, slot: number, source: string): IngestOutcome {
    const now = this.cityNow();
    // The timestamp alone first: a generated sensor's entry is built from columns only when it is needed.
    const stateSlot = this.stateSlots ? slot : undefined;
    const currentTs = this.state.tsOf(reading.sensorId, stateSlot);
    const order = orderAgainstLatest(reading.ts, now, currentTs === undefined ? undefined : this.markOf(currentTs, slot));
    if (order === 'outdated') {
      this.stats.outdated(source);
      return OUTDATED;
    }
    if (order === 'same_time' && sameValues(this.state.get(reading.sensorId)?.reading.values, reading.values)) {
      this.stats.duplicate(source);
      return DUPLICATE;
    }
    // Derived before anything changes, so a failure here leaves the state as it was; nothing after it throws.
    const entry: LiveEntry = { reading, derived: deriveFigures(reading, sensor), receivedAt: this.serverClock.now() };
    this.state.set(entry, stateSlot);
    this.latestTs[slot] = reading.ts;
    this.latestAcceptedAt[slot] = now;
    const corrected = order === 'same_time';
    if (corrected) this.stats.corrected(source);
    else this.stats.accepted(source);
    this.handOver(entry);
    return corrected ? CORRECTED : ACCEPTED;
  }

  /**
   * The live state is the truth about a sensor's latest reading; the mark only adds when it was accepted.
   * An entry that did not come through here (or was replaced since) counts as accepted on time.
   */
  private markOf(latestTs: number, slot: number): LatestMark {
    return this.latestTs[slot] === latestTs ? { ts: latestTs, acceptedAt: this.latestAcceptedAt[slot] } : { ts: latestTs, acceptedAt: latestTs };
  }

  /** Writes the rejections the log still holds back for their interval (at shutdown, or before reading the log). */
  flushLog(): void {
    this.rejectLog.flush();
  }

  /** The reading is applied and counted whatever a listener does; a failing listener is logged once per interval. */
  private handOver(entry: LiveEntry): void {
    for (const listener of this.acceptedListeners) {
      try {
        listener(entry);
      } catch (err) {
        const at = this.serverClock.now();
        if (at - this.listenerFailureLoggedAt < REJECT_LOG_INTERVAL_MS) continue;
        this.listenerFailureLoggedAt = at;
        this.log.error({ err, sensorId: entry.reading.sensorId }, 'a listener of accepted readings failed');
      }
    }
  }

  /**
   * Counts and logs a message that a transport edge refused before it became a reading (unparseable,
   * too large, wrong topic, bad key, unmapped device), so every refusal shows up in the same counters.
   */
  refuse(source: string, reason: RejectReason, detail: string, context: Record<string, unknown> = {}): IngestOutcome {
    this.stats.rejected(source, reason);
    this.rejectLog.note(source, reason, detail, context, reason === 'internal_error' ? 'error' : 'warn');
    return { status: 'rejected', reason, detail };
  }

  /** A bug met on the way: its stack goes to the log (rate-limited like every rejection), the answer names no internals. */
  private internalError(err: unknown, raw: unknown): CheckedItem & { ok: false } {
    const cause = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : `thrown: ${typeof err}`;
    return { ok: false, reason: 'internal_error', detail: 'the server failed on this item; the error is in its log', sensorId: namedSensorId(raw), cause: clip(cause, 2000) };
  }

  /** A refusal for time says so when the server's wall clock was stepped since start-up. */
  private withClockNote(detail: string): string {
    const skew = this.serverClock.wallClockSkewMs();
    if (Math.abs(skew) < this.timeRules.futureToleranceMs) return detail;
    return `${detail} (the server's wall clock was stepped by ${Math.round(skew / 1000)} s since start-up; Stadtpuls keeps its start-up clock until restarted)`;
  }
}
