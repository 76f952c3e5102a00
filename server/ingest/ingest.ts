import { readingSchema, type Reading } from '../../common/readings.js';
import { deriveFigures } from '../../common/derive.js';
import type { LiveEntry } from '../../common/protocol.js';
import type { SensorIndex } from '../registry.js';
import type { LiveState } from '../state/live-state.js';
import type { Logger } from '../logger.js';
import { SourceStats, type RejectReason } from './source-stats.js';

export type IngestOutcome =
  | { status: 'accepted' }
  | { status: 'duplicate' }
  | { status: 'outdated' }
  | { status: 'rejected'; reason: RejectReason; detail: string };

/** A reading stamped further ahead of the city clock than this is refused as from the future. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * The one path every reading takes, whatever its feed: validate → live state (→ broadcast by the stream).
 * It never throws for bad input: the outcome says why, the source's counters record it,
 * and the log gets one line per rejection.
 */
export class Ingest {
  readonly stats = new SourceStats();
  private readonly acceptedListeners: Array<(entry: LiveEntry) => void> = [];

  constructor(
    private readonly sensors: SensorIndex,
    private readonly state: LiveState,
    private readonly cityNow: () => number,
    private readonly log: Logger,
  ) {}

  /**
   * Hands every accepted entry to a later stage (the history writer) as it is accepted: the live
   * state keeps only the latest per sensor, the history wants each one. Listeners must not block.
   */
  onAccepted(listener: (entry: LiveEntry) => void): void {
    this.acceptedListeners.push(listener);
  }

  submit(raw: unknown, source: string): IngestOutcome {
    const parsed = readingSchema.safeParse(raw);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(reading)'}: ${i.message}`).join('; ');
      return this.reject(source, 'invalid', detail, raw);
    }
    return this.apply(parsed.data, source);
  }

  private apply(reading: Reading, source: string): IngestOutcome {
    const sensor = this.sensors.get(reading.sensorId);
    if (!sensor) return this.reject(source, 'unknown_sensor', `no sensor with id ${reading.sensorId}`, reading);
    if (sensor.properties.kind !== reading.kind) {
      return this.reject(source, 'kind_mismatch', `sensor ${reading.sensorId} is ${sensor.properties.kind}, reading is ${reading.kind}`, reading);
    }
    if (reading.ts > this.cityNow() + FUTURE_TOLERANCE_MS) {
      return this.reject(source, 'future', `timestamp ${new Date(reading.ts).toISOString()} is ahead of the city clock`, reading);
    }
    const current = this.state.get(reading.sensorId);
    if (current && current.reading.ts === reading.ts) {
      this.stats.duplicate(source);
      return { status: 'duplicate' };
    }
    if (current && current.reading.ts > reading.ts) {
      this.stats.outdated(source);
      return { status: 'outdated' };
    }
    const now = Date.now();
    const entry: LiveEntry = { reading, derived: deriveFigures(reading, sensor), receivedAt: now };
    this.state.set(entry);
    this.stats.accepted(source, now);
    for (const listener of this.acceptedListeners) listener(entry);
    return { status: 'accepted' };
  }

  /**
   * Counts and logs a message that a transport edge refused before it became a reading (unparseable,
   * too large, wrong topic, bad key, unmapped device), so every refusal shows up in the same counters.
   */
  refuse(source: string, reason: RejectReason, detail: string, context: Record<string, unknown> = {}): IngestOutcome {
    this.stats.rejected(source, reason);
    this.log.warn({ source, reason, detail, ...context }, 'reading rejected');
    return { status: 'rejected', reason, detail };
  }

  private reject(source: string, reason: RejectReason, detail: string, raw: unknown): IngestOutcome {
    const sensorId = typeof raw === 'object' && raw !== null && 'sensorId' in raw ? String((raw as { sensorId: unknown }).sensorId).slice(0, 100) : undefined;
    return this.refuse(source, reason, detail, { sensorId });
  }
}
